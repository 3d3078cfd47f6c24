import { shimFor } from "./shim";

/**
 * Project's serialized provider: `require("pulumi-uploadcare/provider/project")` in state (see ./shim.ts). It
 * captures no token: the implementation is loaded at run time.
 */
export = shimFor("project");
