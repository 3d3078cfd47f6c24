/**
 * The provider object Pulumi serializes into every Webhook's state as `__provider`: when the package is installed,
 * only `require("pulumi-uploadcare/provider/webhook")`. It holds nothing, and no signing secret is ever captured:
 * the implementation is loaded by package name at run time (see ./group.ts for the development-checkout case).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { WebhookProvider } from "../webhook/provider";

const checkoutImplementation = require.resolve("../implementation");

function implementation(): WebhookProvider {
    let loaded: { providers: { webhook: WebhookProvider } };
    try {
        loaded = require("pulumi-uploadcare/provider/implementation");
    } catch {
        loaded = require(checkoutImplementation);
    }
    return loaded.providers.webhook;
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
