import type { RestFile, RestGroup, UploadGroupInfo } from "../../client";
import { fileUuid } from "./inputs";

/** The outputs a Group exposes; create, update and read all return the complete set. */
export interface GroupOutputs {
    files: string[];
    storeFiles: boolean;
    filesCount: number;
    cdnUrl: string;
    url: string;
    datetimeCreated: string;
    /** Member UUIDs Uploadcare reports as removed (null entries or `datetime_removed` set). */
    removedFiles: string[];
    /** Set only for an adopted group: the `groupId` input it was adopted with. */
    groupId?: string;
    /**
     * The public key of the project the group belongs to, so a 404 is trusted as "gone" only from that
     * project's API. State written by 0.1.0 lacks it; the next successful read records it.
     */
    project?: string;
}

/** Outputs right after `POST /group/`: every member exists at that moment. */
export function outputsFromCreated(
    group: UploadGroupInfo,
    files: string[],
    storeFiles: boolean,
    project: string,
): GroupOutputs {
    return {
        files,
        storeFiles,
        filesCount: group.files_count,
        cdnUrl: group.cdn_url,
        url: group.url,
        datetimeCreated: group.datetime_created,
        removedFiles: [],
        project,
    };
}

/**
 * A member as a `files` entry: the UUID, then `/-/<default_effects>/` when the group was created with CDN
 * operations. Uploadcare's answers may or may not end `default_effects` with "/" (or start it with "-/"), so this
 * normalises both the way `check` normalises the inputs; recovery and outputs compare through this one function.
 */
export function memberEntry(file: Pick<RestFile, "uuid" | "default_effects">): string {
    const effects = file.default_effects ? file.default_effects.replace(/^-\//, "").replace(/\/?$/, "/") : "";
    return effects ? `${file.uuid}/-/${effects}` : file.uuid;
}

/**
 * Outputs from REST group info. The file list is rebuilt from what Uploadcare reports (UUID plus
 * `default_effects`) so drift shows up; a removed file reported as `null` keeps the entry we had.
 */
export function outputsFromGroup(group: RestGroup, previous: Partial<GroupOutputs>): GroupOutputs {
    const members = group.files ?? [];
    const previousFiles = previous.files ?? [];
    const removed = new Set<string>();
    const files = members.map((file: RestFile | null, index) => {
        const known = previousFiles[index];
        if (file === null) {
            if (known) removed.add(fileUuid(known));
            return known ?? "";
        }
        if (file.datetime_removed) removed.add(file.uuid);
        return memberEntry(file);
    });
    return {
        files: members.length > 0 ? files : previousFiles,
        storeFiles: previous.storeFiles ?? true,
        filesCount: group.files_count,
        cdnUrl: group.cdn_url,
        url: group.url,
        datetimeCreated: group.datetime_created,
        removedFiles: [...removed],
        ...(previous.groupId ? { groupId: previous.groupId } : {}),
        ...(previous.project ? { project: previous.project } : {}),
    };
}
