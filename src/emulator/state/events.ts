/**
 * File events inside the emulator: the state announces every change a webhook could subscribe to
 * (https://uploadcare.com/docs/webhooks/), and whoever delivers webhooks listens. Listeners run after the
 * change is made and must not throw into the request that caused it.
 */
import type { FileRecord } from "../types";

export type FileEventName = "file.uploaded" | "file.stored" | "file.deleted" | "file.info_updated" | "file.infected";

export interface FileEvent {
    name: FileEventName;
    projectPublicKey: string;
    /** The file as it is right after the change (a snapshot: later changes do not alter it). */
    file: FileRecord;
}

export type FileEventListener = (event: FileEvent) => void;

export class FileEvents {
    private readonly listeners = new Set<FileEventListener>();

    /** Returns a function that removes the listener. */
    on(listener: FileEventListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    emit(name: FileEventName, file: FileRecord): void {
        const event: FileEvent = { name, projectPublicKey: file.projectPublicKey, file: structuredClone(file) };
        for (const listener of this.listeners) {
            try {
                listener(event);
            } catch {
                // A delivery problem is the listener's to log; the change itself has happened.
            }
        }
    }
}
