/**
 * The schema of `uploadcare:index:Group` and of the group and project functions, typed against the
 * definitions the dynamic provider and the lookups use (see ./types.ts for how drift fails `tsc`).
 */
import type { GroupInputs } from "../../provider/group/inputs";
import type { GroupOutputs } from "../../provider/group/outputs";
import type {
    GetGroupsArgs,
    GroupDetails,
    GroupSummary,
    ProjectCollaborator,
    ProjectDetails,
} from "../../provider/lookups";
import { bool, int, type ObjectSpec, replacing, type SpecsOf, str, strings } from "./types";

const FILES =
    "1–1000 file UUIDs of one project, each optionally followed by CDN operations (`<uuid>/-/resize/800x/`). " +
    "The order is the group's order. Changing the list replaces the group. Give either `files` or `groupId`.";
const GROUP_ID =
    "An existing group to manage instead of creating one, `<uuid>~<count>`; its files come from Uploadcare. " +
    "Changing it replaces the resource (adopt the new group, then delete the old one), except when it names the group the resource already is: that is an update.";

const groupInputs: SpecsOf<GroupInputs> = {
    files: replacing(strings(FILES)),
    groupId: replacing(str(GROUP_ID)),
    storeFiles: bool(
        "Make sure every member file is stored (default true): Uploadcare deletes unstored files within 24 hours. `false` leaves storage as it is.",
    ),
};

const summary = {
    filesCount: int("How many files the group holds."),
    cdnUrl: str(
        "The group's CDN URL as Uploadcare gives it: `https://<prefix>.ucarecd.net/<group id>/` for projects created since September 2025, `https://ucarecdn.com/<group id>/` for older ones. Append `nth/<i>/` for a member.",
    ),
    url: str("The group's REST API URL."),
    datetimeCreated: str("When the group was created (ISO 8601)."),
};

const groupOutputs: SpecsOf<GroupOutputs> = {
    ...summary,
    files: strings("The member entries as Uploadcare reports them (UUID plus CDN operations)."),
    storeFiles: groupInputs.storeFiles,
    removedFiles: strings("Member UUIDs Uploadcare reports as removed (deleted files stay listed in a group)."),
    groupId: str("The `groupId` input of an adopted group; empty for a group created from `files`."),
    project: str("The public key of the project the group belongs to."),
};

const groupSummary: SpecsOf<GroupSummary> = {
    id: str("The group id, `<uuid>~<count>`."),
    groupId: str("The same as `id`, under the name the Group resource uses."),
    ...summary,
};

const groupDetails: SpecsOf<GroupDetails> = {
    ...groupSummary,
    files: groupOutputs.files,
    removedFiles: groupOutputs.removedFiles,
};

/** `from` is a string on the wire (a `Date` in the TypeScript lookups). */
const getGroupsInputs: SpecsOf<Omit<GetGroupsArgs, "from"> & { from?: string }> = {
    from: str("Only groups created after this moment, ISO 8601 (e.g. 2026-01-31T12:00:00Z)."),
    ordering: str('"datetime_created" (oldest first, the default) or "-datetime_created" (newest first).'),
    limit: int("Stop after this many groups (default: every group)."),
    pageSize: int("Groups per request, 1–1000 (default 100, or `limit` when smaller)."),
};

/** Project info, camelCased (the REST reply is snake_case), as `getProject` returns it in TypeScript too. */
const projectOutputs: SpecsOf<ProjectDetails> = {
    name: str("The project's name."),
    publicKey: str("The project's public key."),
    autostoreEnabled: bool(
        "Whether the project stores uploaded files automatically (false when Uploadcare does not say).",
    ),
    collaborators: {
        type: "array",
        items: { $ref: "#/types/uploadcare:index:ProjectCollaborator" },
        description: "The project's collaborators; empty when Uploadcare reports none.",
    },
};

const collaborator: SpecsOf<ProjectCollaborator> = {
    email: str("The collaborator's email address."),
    name: str("The collaborator's name."),
};

const withRequired = (properties: ObjectSpec["properties"], optional: string[] = []): ObjectSpec => ({
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
});

export const GROUP_TOKEN = "uploadcare:index:Group";

export const groupResourceSchema = {
    description:
        "An Uploadcare file group. The id is the group id, `<uuid>~<count>`. Groups are immutable: changing `files` creates a new group and then deletes the old one. Destroying a group deletes the group only; its files are left as they are. Import with `pulumi import uploadcare:index:Group <name> <uuid>~<count>`.",
    inputProperties: groupInputs,
    properties: groupOutputs,
    required: withRequired(groupOutputs, ["groupId", "project"]).required,
};

export const groupFunctionSchemas = {
    "uploadcare:index:getGroup": {
        description: "Group info (`GET /groups/:id/`) with the member files. Fails when the project has no such group.",
        inputs: withRequired({ id: groupSummary.id }),
        outputs: withRequired(groupDetails),
    },
    "uploadcare:index:getGroups": {
        description: "The project's groups (`GET /groups/`, every page up to `limit`).",
        inputs: withRequired(getGroupsInputs, Object.keys(getGroupsInputs)),
        outputs: withRequired({
            groups: {
                type: "array",
                items: { $ref: "#/types/uploadcare:index:GroupSummary" },
                description: "The groups.",
            },
        }),
    },
    "uploadcare:index:getProject": {
        description: "The configured project (`GET /project/`): proves the keys and names the project.",
        outputs: withRequired(projectOutputs),
    },
};

export const groupTypeSchemas = {
    "uploadcare:index:GroupSummary": { type: "object", ...withRequired(groupSummary) },
    "uploadcare:index:ProjectCollaborator": { type: "object", properties: collaborator },
};
