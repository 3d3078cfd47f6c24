import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EmulatorControls } from "./admin/controls";
import { UploadcareEmulatorError } from "./errors";
import { requestHandler } from "./http/pipeline";
import { closeRuntime, createEmulatorRuntime } from "./runtime";
import { MicroClock } from "./state/clock";
import { optionsProject } from "./state/projects";
import { checkSeedGroups, DEMO_PUBLIC_KEY, DEMO_SECRET_KEY, seededFileUuid, seededGroupId } from "./state/seed";
import { State } from "./state/state";
import type { Emulator, EmulatorOptions } from "./types";

/** Start-up: check the options, build the state, seed it, and listen. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    checkSeedGroups(options.seedGroups ?? 0, options.seedFiles ?? 0);
    const readOnly = options.readOnlyState ?? false;
    if (readOnly && options.statePath === undefined) {
        throw new UploadcareEmulatorError(
            "readOnlyState needs statePath: a read-only emulator follows a state file another one writes",
        );
    }
    const state = new State(new MicroClock(options.now ?? (() => new Date())), options.statePath, readOnly);
    const publicKey = options.publicKey ?? DEMO_PUBLIC_KEY;
    const secretKey = options.secretKey ?? DEMO_SECRET_KEY;
    const projects = [{ publicKey, secretKey, seedFiles: options.seedFiles ?? 0 }, ...(options.extraProjects ?? [])];
    const signed = options.signedUploads ?? false;
    for (const p of projects) {
        if (state.project(p.publicKey))
            throw new UploadcareEmulatorError(`duplicate project public key ${p.publicKey}`);
        const name = p.publicKey === publicKey ? "Demo project" : `Project ${p.publicKey}`;
        state.addProject(optionsProject(p.publicKey, p.secretKey, name, signed, state.timestamp()));
    }
    const fresh = !state.load();
    const runtime = createEmulatorRuntime(state, options);
    const server = createServer();
    const emulator = new EmulatorControls(publicKey, secretKey, runtime, async () => {
        await closeServer(server);
        closeRuntime(runtime);
    });
    server.on("request", requestHandler(runtime, emulator));
    const seeded = seed(state, projects, { fresh, readOnly, seedGroups: options.seedGroups ?? 0 });
    emulator.seededFiles = seeded.files;
    emulator.seededGroups = seeded.groups;
    if (options.unref) {
        server.unref();
        server.on("connection", (socket) => socket.unref());
    }
    emulator.url = await listen(server, options.host ?? "127.0.0.1", options.port ?? 0);
    runtime.fromUrl.policy.ownPort = Number(new URL(emulator.url).port);
    return emulator;
}

interface SeedPlan {
    /** Nothing was persisted yet. */
    fresh: boolean;
    readOnly: boolean;
    seedGroups: number;
}

/**
 * Seeds every project's demo files and the default project's groups in one write; returns the default project's
 * seeded files and the seeded groups that exist. A read-only emulator seeds (in memory) only while nothing is
 * persisted: once the file exists it shows exactly what the writer seeded, which has the same ids.
 */
function seed(
    state: State,
    projects: { publicKey: string; seedFiles?: number }[],
    plan: SeedPlan,
): { files: string[]; groups: string[] } {
    const [main] = projects;
    const publicKey = main?.publicKey ?? DEMO_PUBLIC_KEY;
    let files: string[] = [];
    state.batch(() => {
        for (const p of projects) {
            const count = p.seedFiles ?? 0;
            const uuids =
                plan.readOnly && !plan.fresh
                    ? Array.from({ length: count }, (_, i) => seededFileUuid(p.publicKey, i))
                    : state.createDemoFiles(p.publicKey, count, { stored: true, deterministic: true });
            if (p === main) files = uuids;
        }
        // Seeded files are topped up on every start, which is safe because removed files stay in the state. A
        // deleted group is dropped from it, so groups are seeded only into a fresh state: never resurrected.
        if (plan.fresh && plan.seedGroups > 0) state.createSeedGroups(publicKey, plan.seedGroups, files);
    });
    return { files, groups: seededGroupsPresent(state, publicKey, plan.seedGroups, files.length) };
}

/** The seeded group ids (in seed order) that exist now: on a restart, those that were not deleted since. */
function seededGroupsPresent(state: State, publicKey: string, count: number, seedFiles: number): string[] {
    if (count === 0) return [];
    return Array.from({ length: count }, (_, i) => seededGroupId(publicKey, i, seedFiles)).filter(
        (id) => state.group(publicKey, id) !== undefined,
    );
}

/** Listens and answers the emulator's URL. */
async function listen(server: Server, host: string, port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const address = server.address() as AddressInfo;
    // A wildcard bind is reachable on loopback; an IPv6 literal needs brackets in a URL.
    const shown = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
    return `http://${shown.includes(":") ? `[${shown}]` : shown}:${address.port}`;
}

function closeServer(server: Server): Promise<void> {
    return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
    });
}
