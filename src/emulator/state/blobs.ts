/**
 * The bytes of uploaded files, on disk and never whole in memory: `<statePath>.files/<uuid>` next to a state file
 * (so a restarted emulator, or a read-only one following the same state file, serves them too), else a temporary
 * folder removed when the emulator closes. Uploads are written to a staging name first and renamed to the UUID
 * only once the upload is accepted, so a refused or broken upload never leaves a file behind.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** What a written blob turned out to be. */
export interface WrittenBlob {
    path: string;
    size: number;
    sha256: string;
}

/** A staging file being written: the stream to write to and where it goes. */
export interface StagedBlob {
    path: string;
    stream: Writable;
    hash: ReturnType<typeof createHash>;
}

export class BlobStore {
    private constructor(
        readonly dir: string,
        private readonly temporary: boolean,
    ) {}

    /**
     * `<statePath>.files/` (made on the first upload, so an emulator that never receives one, or a read-only one,
     * adds nothing next to the state file), or a fresh temporary folder when there is no state file.
     */
    static open(statePath: string | undefined): BlobStore {
        if (statePath === undefined) return new BlobStore(mkdtempSync(join(tmpdir(), "uc-emulator-files-")), true);
        return new BlobStore(`${statePath}.files`, false);
    }

    path(uuid: string): string {
        return join(this.dir, uuid);
    }

    has(uuid: string): boolean {
        return existsSync(this.path(uuid));
    }

    /** A new staging file (dot-named, so it never looks like a file's bytes). */
    stage(): StagedBlob {
        mkdirSync(this.dir, { recursive: true });
        const path = join(this.dir, `.staging-${randomBytes(8).toString("hex")}`);
        return { path, stream: createWriteStream(path), hash: createHash("sha256") };
    }

    /** Streams `source` into a staging file; resolves once every byte is on disk. */
    async write(source: Readable): Promise<WrittenBlob> {
        const staged = this.stage();
        let size = 0;
        source.on("data", (chunk: Buffer) => {
            size += chunk.length;
            staged.hash.update(chunk);
        });
        try {
            await pipeline(source, staged.stream);
        } catch (error) {
            this.discard([staged.path]);
            throw error;
        }
        return { path: staged.path, size, sha256: staged.hash.digest("hex") };
    }

    /** Gives a staging file its UUID: from now on it is the file's bytes. */
    adopt(stagedPath: string, uuid: string): void {
        renameSync(stagedPath, this.path(uuid));
    }

    /** Removes staging files that were not adopted (missing ones are fine: adopted or never created). */
    discard(paths: readonly string[]): void {
        for (const path of paths) rmSync(path, { force: true, recursive: true });
    }

    remove(uuid: string): void {
        rmSync(this.path(uuid), { force: true });
    }

    read(uuid: string): Readable {
        return createReadStream(this.path(uuid));
    }

    /** A sub-folder for work in progress (multipart parts), dot-named like staging files. */
    workDir(name: string): string {
        const dir = join(this.dir, `.${name}`);
        mkdirSync(dir, { recursive: true });
        return dir;
    }

    /** A temporary store disappears with its emulator; a state file's store stays for the next start. */
    close(): void {
        if (this.temporary) rmSync(this.dir, { recursive: true, force: true });
    }
}
