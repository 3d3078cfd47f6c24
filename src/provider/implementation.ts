import { startEmbeddedEmulator } from "./embeddedEmulator";
import { createGroupProvider } from "./groupProvider";

/** The provider process's single provider: one config, one request limiter, one connection pool. */
export const groupProvider = createGroupProvider({ startEmbeddedEmulator });
