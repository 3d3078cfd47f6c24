/**
 * The provider object Pulumi serializes into every Group's state as `__provider`.
 *
 * When this package is installed in node_modules, Pulumi's closure serializer finds this module's
 * exports in `require.cache` and writes only `require("pulumi-uploadcare/provider")` into state: a few
 * hundred bytes, no captured values, and `refresh`/`destroy` always run the installed code, even after
 * an upgrade. From a development checkout (not under node_modules) the serializer copies these small
 * functions by value instead; they still load the implementation by package name at run time.
 *
 * Nothing here may hold state or capture a value: everything real lives in the implementation module,
 * loaded once per provider process so `configure` and the other methods share it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { GroupProvider } from "./groupProvider";

function implementation(): GroupProvider {
    return (require("pulumi-uploadcare/provider/implementation") as { groupProvider: GroupProvider }).groupProvider;
}

const shim: pulumi.dynamic.ResourceProvider = {
    configure: (req) => implementation().configure(req),
    check: (olds, news) => implementation().check(olds, news),
    diff: (id, olds, news) => implementation().diff(id, olds, news),
    create: (inputs) => implementation().create(inputs),
    read: (id, props) => implementation().read(id, props),
    update: (id, olds, news) => implementation().update(id, olds, news),
    delete: (id, props) => implementation().delete(id, props),
};

export = shim;
