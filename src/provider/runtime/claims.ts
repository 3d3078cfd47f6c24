/**
 * The Uploadcare objects this provider process created or adopted, and how. Two resources of one stack must never
 * own the same object: destroying either would delete it under the other.
 */
import { UploadcareConflictError } from "../../client";

export class Claims {
    private readonly owners = new Map<string, string>();

    /** `kind` is the resource class ("Webhook"); `idInput` the input that adopts by id ("webhookId"). */
    constructor(
        private readonly kind: string,
        private readonly idInput: string,
    ) {}

    has(id: string): boolean {
        return this.owners.has(id);
    }

    /**
     * Records that a resource owns `id`, where `action` says how ("adopt webhook 12 with webhookId: \"12\""); refuses,
     * naming both, when another resource of this run already does.
     */
    claim(id: string, action: string): void {
        const first = this.owners.get(id);
        if (first !== undefined) {
            throw new UploadcareConflictError(
                `Cannot ${action}: another ${this.kind} resource of this stack already ${first}. Two resources must ` +
                    "never own the same Uploadcare object (destroying either would delete it under the other): keep " +
                    `one of them, or give them different ${this.idInput} values. Nothing was changed.`,
            );
        }
        this.owners.set(
            id,
            action.replace(/^(adopt|create|take)\b/, (verb) => PAST[verb] ?? verb),
        );
    }

    release(id: string): void {
        this.owners.delete(id);
    }
}

const PAST: Record<string, string> = { adopt: "adopted", create: "created", take: "took" };
