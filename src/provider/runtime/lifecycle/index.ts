/**
 * What every resource type's lifecycle shares, written once: the checked-inputs shape, the ambiguity rule, the
 * create that survives a lost answer, and what a 404 means under the project proof. A type's own folder keeps only
 * what is specific to it.
 */
export { isAmbiguous, maySendAgain, outcomeOf, sendUntilKnown } from "./ambiguity";
export { type Checked, checkKnownKeys, containsUnknown, parseOrThrow, startCheck } from "./checked";
export { type CreateContext, createOnce, notProvenError } from "./createOnce";
export { type Tracked, tracked } from "./gone";
export { trackedInProjectApi } from "./projectApi";
