import { UploadcareConfigError } from "./errors";

/**
 * Bounds concurrent requests. Pulumi runs every resource of a stack in one provider process, up to
 * 4×CPU operations at once, so without this a 500-group stack would open hundreds of sockets at once.
 */
export class Limiter {
    private active = 0;
    private readonly waiting: (() => void)[] = [];

    constructor(readonly maxConcurrent: number) {
        if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
            throw new UploadcareConfigError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
        }
    }

    async run<T>(task: () => Promise<T>): Promise<T> {
        if (this.active >= this.maxConcurrent) {
            await new Promise<void>((resolve) => this.waiting.push(resolve));
        } else {
            this.active++;
        }
        try {
            return await task();
        } finally {
            const next = this.waiting.shift();
            // Hand the slot straight to the next waiter so a newcomer cannot overtake it.
            if (next) next();
            else this.active--;
        }
    }

    get running(): number {
        return this.active;
    }
}
