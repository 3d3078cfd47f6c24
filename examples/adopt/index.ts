import * as pulumi from "@pulumi/pulumi";
import { Group, getGroupOutput, getGroupsOutput } from "pulumi-uploadcare";

const config = new pulumi.Config();

// 1. Adopt: manage a group that an upload widget or a backend already made. `up` creates nothing (it
//    reads the group); `destroy` deletes it, like any group this stack created.
//    pulumi config set groupId 3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2
const legacy = new Group("legacy", { groupId: config.require("groupId") });

// 2. Manage, but never delete: with retainOnDelete, `destroy` leaves the group in Uploadcare.
const archiveId = config.get("archiveGroupId");
const archive = archiveId ? new Group("archive", { groupId: archiveId }, { retainOnDelete: true }) : undefined;

// 3. Reference without managing: a read-only resource, re-read on every `up` and `refresh`, never deleted.
const referenceId = config.get("referenceGroupId");
const reference = referenceId ? Group.get("reference", referenceId) : undefined;

// 4. Look up: plain reads, no resource at all.
const newest = getGroupsOutput({ ordering: "-datetime_created", limit: config.getNumber("listLimit") ?? 10 });
const legacyInfo = getGroupOutput({ groupId: legacy.id });

export const legacyGroupId = legacy.id;
export const legacyFiles = legacy.files;
export const legacyCdnUrl = legacy.cdnUrl;
export const legacyCreated = legacyInfo.datetimeCreated;
export const archiveCdnUrl = archive?.cdnUrl;
export const referenceFiles = reference?.files;
export const newestGroups = newest.groups.apply((groups) => groups.map((group) => group.id));
