import { shimFor } from "./shim";

/**
 * ProjectSecret's serialized provider: `require("pulumi-uploadcare/provider/projectSecret")` in state (see
 * ./shim.ts). It captures no token and no key: the implementation is loaded at run time.
 */
export = shimFor("projectSecret");
