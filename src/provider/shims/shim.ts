/**
 * The provider object Pulumi serializes into every resource's state as `__provider`, one module per type
 * (./group.ts, ./file.ts, ./webhook.ts).
 *
 * When this package is installed in node_modules, Pulumi's closure serializer finds a shim module's exports in
 * `require.cache` and writes only `require("pulumi-uploadcare/provider/<type>")` into state (for Group,
 * `require("pulumi-uploadcare/provider")`): a few hundred bytes, no captured values, and `refresh`/`destroy`
 * always run the installed code, even after an upgrade. From a development checkout (not under node_modules) the
 * serializer copies these small functions by value instead (about 2.8 KB); they load the implementation by
 * package name at run time, or from the checkout's absolute path when the package is not installed where the
 * program runs.
 *
 * Nothing here may hold state or capture more than the type's name: everything real lives in the implementation
 * module, loaded once per provider process so `configure` and the other methods share it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { providers } from "../implementation";
import type { DynamicProvider } from "../runtime/dynamicProvider";

// Only serialized in the by-value case (a development checkout): where this checkout's build lives.
const checkoutImplementation = require.resolve("../implementation");

export function shimFor(type: keyof typeof providers): pulumi.dynamic.ResourceProvider {
    const implementation = (): DynamicProvider => {
        let loaded: { providers: typeof providers };
        try {
            loaded = require("pulumi-uploadcare/provider/implementation");
        } catch {
            // Not installed where the program runs (a program inside this repository): use the checkout.
            loaded = require(checkoutImplementation);
        }
        return loaded.providers[type];
    };
    return {
        configure: (req) => implementation().configure(req),
        check: (olds, news) => implementation().check(olds, news),
        diff: (id, olds, news) => implementation().diff(id, olds, news),
        create: (inputs) => implementation().create(inputs),
        read: (id, props) => implementation().read(id, props),
        update: (id, olds, news) => implementation().update(id, olds, news),
        delete: (id, props) => implementation().delete(id, props),
    };
}
