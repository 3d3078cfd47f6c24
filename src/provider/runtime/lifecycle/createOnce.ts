/**
 * A create whose request is not idempotent (`POST /group/`, `POST /webhooks/`: neither takes an idempotency key,
 * https://uploadcare.com/api-refs/rest-api/v0.7.0/) and whose answer may be lost. The rule (docs/reliability.md,
 * "Ownership before adoption"): note what the project has just before the POST; after a lost answer, look for
 * the object, and take it over only when it provably did not exist before this create started. Whatever is taken
 * over is deleted by `destroy`, so anything short of proof fails with `UPLOADCARE_OUTCOME_UNKNOWN`, naming the
 * object and how to adopt it. Found nothing: sending again is as safe as the first POST, except after a timeout
 * (./ambiguity.ts).
 */
import { UploadcareOutcomeUnknownError } from "../../../client";
import type { Claims } from "../claims";
import { isAmbiguous, outcomeOf } from "./ambiguity";

export interface CreateOnceSpec<Snapshot, Made, Found> {
    /** The request, as logs name it: "POST /group/". */
    request: string;
    /** What it creates, as logs name it: "group". */
    noun: string;
    /** One read before the POST: what the project has then; `undefined` when nothing can be listed. */
    snapshot(): Promise<Snapshot | undefined>;
    send(): Promise<Made>;
    /**
     * After a lost answer: the object this create provably made, `undefined` when there is none (sending again is
     * safe), or a throw (`notProvenError`) when one is there that nothing proves is this create's.
     */
    find(snapshot: Snapshot, cause: Error): Promise<Found | undefined>;
    /** A clearer error for a failure of `send` (a duplicate), or `undefined` to keep it. */
    explain?(error: unknown): Promise<Error | undefined>;
    /** The error when the outcome is unknown and there is no snapshot to look with. */
    unlisted(cause: Error): Error;
    /** Records what the POST made as this resource's (what `find` returns is adopted, and claimed, by the caller). */
    claims: Claims;
    describe(made: Made): { id: string; action: string };
}

export interface CreateContext {
    sleep(ms: number): Promise<void>;
    log(line: string): void;
}

/** What this create made, or what an earlier attempt of it provably made (`found`, for the caller to adopt). */
export async function createOnce<Snapshot, Made, Found>(
    ctx: CreateContext,
    maxRetries: number,
    spec: CreateOnceSpec<Snapshot, Made, Found>,
): Promise<{ made: Made } | { found: Found }> {
    const before = await spec.snapshot();
    for (let attempt = 0; ; attempt++) {
        try {
            const made = await spec.send();
            const { id, action } = spec.describe(made);
            spec.claims.claim(id, action);
            return { made };
        } catch (error) {
            const clearer = await spec.explain?.(error);
            if (clearer) throw clearer;
            // After a lookup that found nothing, another POST is as safe as the first, so lost answers get the same
            // budget as any other retried request.
            if (!isAmbiguous(error) || attempt >= maxRetries) throw error;
            if (before === undefined) throw spec.unlisted(error as Error);
            ctx.log(
                `${spec.request} outcome unknown (${(error as Error).message}); looking for the ${spec.noun} before retrying`,
            );
            await ctx.sleep(250 * (attempt + 1));
            const found = await spec.find(before, error as Error);
            if (found !== undefined) return { found };
            // Nothing there yet, but a timed-out POST may still be applied: never sent again (./ambiguity.ts).
            if (outcomeOf(error) === "timed-out") throw error;
        }
    }
}

export interface NotProven {
    /** "POST /webhooks/". */
    request: string;
    /** What was asked for: "the group", "the webhook file.uploaded → https://…". */
    wanted: string;
    /** The resource class ("Webhook") and the input that adopts by id ("webhookId"). */
    kind: string;
    idInput: string;
    id: string;
    /** Why it matches: "has exactly these files". */
    matches: string;
    /** Why it is not provably this create's. */
    why: string;
    /** What to do when it is not the stack's. */
    otherwise: string;
}

/** The error for an object that matches a lost create but that nothing proves the create made. */
export function notProvenError(what: NotProven, cause: unknown): UploadcareOutcomeUnknownError {
    const noun = what.kind.toLowerCase();
    return new UploadcareOutcomeUnknownError(
        `${what.request} may or may not have created ${what.wanted} (${(cause as Error).message}). ` +
            `${what.kind} ${what.id} ${what.matches}, but ${what.why}, so it is not taken over: destroying it could ` +
            `delete a ${noun} this stack never made. If ${noun} ${what.id} is this stack's, give this ${what.kind} ` +
            `${what.idInput}: "${what.id}" (it adopts it); if not, ${what.otherwise}. Nothing was adopted.`,
        cause,
    );
}
