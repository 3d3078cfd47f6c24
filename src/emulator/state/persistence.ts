import { randomBytes } from "node:crypto";
import {
    closeSync,
    fstatSync,
    openSync,
    readFileSync,
    renameSync,
    type Stats,
    statSync,
    unlinkSync,
    writeSync,
} from "node:fs";
import { UploadcareEmulatorError } from "../errors";
import type { FileRecord, GroupRecord, WebhookRecord } from "../types";
import type { SavedProject } from "./projects";

/**
 * On-disk shape. The options' keys are never written: they come from the options on every start. `project` (absent
 * in files written before the Project API) holds a project's settings, and whole projects made through that API.
 */
export interface StateFile {
    version: 1;
    /** `webhooks` is absent in files written before webhooks existed. */
    projects: Record<
        string,
        { files: FileRecord[]; groups: GroupRecord[]; webhooks?: WebhookRecord[]; project?: SavedProject }
    >;
    /** The next webhook id (ids are never reused); absent in files written before webhooks existed. */
    nextWebhookId?: number;
}

/** What `fileVersion` answers for a state file that does not exist: nothing persisted yet. */
const MISSING = "missing";

/**
 * Identity of one version of the state file. Writers replace the file by rename, so a new version has a new mtime
 * (nanosecond resolution on the usual file systems) and usually a new inode and size; any difference means "reload".
 */
function fileVersion(stats: Stats | undefined): string {
    return stats ? `${stats.ino}:${stats.mtimeMs}:${stats.size}` : MISSING;
}

function isNotFound(error: unknown): boolean {
    return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}

/**
 * The state file: read, written atomically, and watched for changes by version. Knows nothing of what the records
 * mean; `State` decides what to do with them.
 */
export class StateFileStore {
    /** `fileVersion` of the state file as last read or written; undefined until the first `read()`. */
    private knownVersion: string | undefined;

    constructor(readonly path: string) {}

    /** Whether the file is not the version this process last read or wrote (a cheap stat, no read). */
    changed(): boolean {
        return fileVersion(statSync(this.path, { throwIfNoEntry: false })) !== this.knownVersion;
    }

    /**
     * Reads and checks the state file; undefined when there is none. The version comes from the open descriptor,
     * so it is the version of exactly the bytes read even if a writer renames a new file into place meanwhile.
     */
    read(): StateFile | undefined {
        let fd: number;
        try {
            fd = openSync(this.path, "r");
        } catch (error) {
            if (!isNotFound(error)) throw error;
            this.knownVersion = MISSING;
            return undefined;
        }
        try {
            const version = fileVersion(fstatSync(fd));
            const parsed = JSON.parse(readFileSync(fd, "utf8")) as StateFile;
            if (parsed.version !== 1 || typeof parsed.projects !== "object") {
                throw new UploadcareEmulatorError(`${this.path}: not an emulator state file`);
            }
            this.knownVersion = version;
            return parsed;
        } finally {
            closeSync(fd);
        }
    }

    /**
     * Writes atomically (temp file + rename) so a kill mid-write never leaves half a file. The temp name has a
     * random suffix and is created with O_EXCL ("wx"), so a file or symlink planted next to the state file is never
     * followed or overwritten. The version written is remembered: this process's own save is not a change to reload.
     */
    write(content: StateFile): void {
        const tmp = `${this.path}.${randomBytes(8).toString("hex")}.tmp`;
        const fd = openSync(tmp, "wx");
        try {
            writeSync(fd, `${JSON.stringify(content, null, 1)}\n`);
            this.knownVersion = fileVersion(fstatSync(fd));
        } catch (error) {
            closeSync(fd);
            unlinkSync(tmp);
            throw error;
        }
        closeSync(fd);
        renameSync(tmp, this.path);
    }
}
