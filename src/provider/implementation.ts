import { createGroupProvider } from "./groupProvider";
import { startEmbeddedEmulator } from "./embeddedEmulator";

/** The provider process's single provider: one config, one request limiter, one connection pool. */
export const groupProvider = createGroupProvider({ startEmbeddedEmulator });
