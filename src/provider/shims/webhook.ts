import { shimFor } from "./shim";

/**
 * Webhook's serialized provider: `require("pulumi-uploadcare/provider/webhook")` in state (see ./shim.ts). It
 * captures no signing secret: the implementation is loaded at run time.
 */
export = shimFor("webhook");
