import { shimFor } from "./shim";

/** Group's serialized provider: `require("pulumi-uploadcare/provider")` in state (see ./shim.ts). */
export = shimFor("group");
