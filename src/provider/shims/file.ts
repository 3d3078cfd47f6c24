import { shimFor } from "./shim";

/** File's serialized provider: `require("pulumi-uploadcare/provider/file")` in state (see ./shim.ts). */
export = shimFor("file");
