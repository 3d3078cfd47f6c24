/**
 * Answers of a read-only emulator (`readOnlyState`) to requests that would change state.
 *
 * Status 503 in every API: the request is well-formed and authorised, this server just cannot take writes, which
 * is what "Service Unavailable" says. A 4xx would be blamed on the caller: 403 reads as bad keys (the provider's
 * client turns it into an auth error) and 405 as a wrong endpoint. The cost: clients retry 5xx on idempotent calls
 * (REST DELETE, storage PUT), so such a call fails only after its retries. No Retry-After: retrying does not help.
 * Bodies use each API's own error format: REST `{"detail": …}` (chosen over the HTML page of a real REST 5xx so the
 * reason reaches the user), Upload API plain text or, with `jsonerrors=1`, `{"error": {…}}`, admin `{"error": …}`.
 */
export const READ_ONLY_STATUS = 503;

export const READ_ONLY_MESSAGE =
    "The emulator is read-only: it follows a state file written by another emulator (readOnlyState). " +
    "Send changes to that emulator.";
