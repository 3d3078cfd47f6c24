import { createGroupProvider, type GroupProvider } from "./group/provider";
import { startEmbeddedEmulator } from "./runtime/embeddedEmulator";
import { createRuntime } from "./runtime/runtime";

/**
 * The provider process's single runtime: one config, one request limiter, one connection pool and one project
 * proof, shared by every resource type's provider. The serialized shims (./shims/) load this module by package
 * name and take the provider of their type.
 */
export const runtime = createRuntime({ startEmbeddedEmulator });

export const groupProvider: GroupProvider = createGroupProvider({ runtime });
