import { shimFor } from "./shim";

/** SyncedFolder's serialized provider: `require("pulumi-uploadcare/provider/syncedFolder")` in state (see ./shim.ts). */
export = shimFor("syncedFolder");
