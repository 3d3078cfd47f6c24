/**
 * The provider object Pulumi serializes into every File's state as `__provider`: when the package is installed,
 * only `require("pulumi-uploadcare/provider/file")`. It holds nothing; the implementation is loaded by package name
 * at run time (see ./group.ts for the development-checkout case).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { FileProvider } from "../file/provider";

const checkoutImplementation = require.resolve("../implementation");

function implementation(): FileProvider {
    let loaded: { providers: { file: FileProvider } };
    try {
        loaded = require("pulumi-uploadcare/provider/implementation");
    } catch {
        loaded = require(checkoutImplementation);
    }
    return loaded.providers.file;
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
