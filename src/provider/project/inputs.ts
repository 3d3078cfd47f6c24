/**
 * Validation of Project inputs, run in `check` (no network): every refusal names the field. The settings are the
 * Project API's `features` (uploadcare-go, `projectapi/projectapi.go`, https://github.com/uploadcare/uploadcare-go):
 * an input left out is not managed, and whatever the project has stays.
 */
import { describeValue as describe } from "../../client";
import { isUnknown } from "../runtime/checks";
import { type Checked, checkKnownKeys, containsUnknown, parseOrThrow, startCheck } from "../runtime/lifecycle";

export interface ProjectInputs {
    /** Set when adopting: the public key of the existing project to manage. */
    pubKey?: string;
    /** Required unless adopting. */
    name?: string;
    autostore?: boolean;
    /** Bytes. */
    filesizeLimit?: number;
    /** Pixels. */
    imageResolutionLimit?: number;
    signedUploads?: boolean;
    mimeTypes?: string[];
    mimeFilteringEnabled?: boolean;
    malwareProtection?: boolean;
    svgValidation?: boolean;
    videoProcessing?: boolean;
    gifToVideo?: boolean;
    searchIndexAllowed?: boolean;
}

export const BOOLEANS = [
    "autostore",
    "signedUploads",
    "mimeFilteringEnabled",
    "malwareProtection",
    "svgValidation",
    "videoProcessing",
    "gifToVideo",
    "searchIndexAllowed",
] as const;
export const NUMBERS = ["filesizeLimit", "imageResolutionLimit"] as const;
/** Every input that updates the project in place. */
export const SETTINGS_INPUTS = ["name", ...BOOLEANS, ...NUMBERS, "mimeTypes"] as const;
const KNOWN = [...SETTINGS_INPUTS, "pubKey"];

/** A MIME type `type/subtype` (RFC 6838 names), or a whole type as `image/*`. */
const MIME = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}|\*)$/;
const PUB_KEY = /^[A-Za-z0-9_-]{1,100}$/;
const given = (value: unknown) => value !== undefined && value !== null;

function checkName(news: Record<string, unknown>, { inputs, failures }: Checked, adopting: boolean): void {
    if (!given(news.name)) {
        delete inputs.name;
        if (!adopting)
            failures.push({ property: "name", reason: "is required: the project's name, as the dashboard shows it" });
        return;
    }
    if (isUnknown(news.name)) return;
    if (typeof news.name !== "string" || news.name.trim() === "") {
        failures.push({ property: "name", reason: `must be a non-empty string, got ${describe(news.name)}` });
    }
}

function checkSettings(news: Record<string, unknown>, { inputs, failures }: Checked): void {
    for (const key of BOOLEANS) {
        const value = news[key];
        if (!given(value)) delete inputs[key];
        else if (typeof value !== "boolean" && !isUnknown(value)) {
            failures.push({ property: key, reason: `must be true or false, got ${describe(value)}` });
        }
    }
    for (const key of NUMBERS) {
        const value = news[key];
        if (!given(value)) delete inputs[key];
        else if (!isUnknown(value) && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
            const unit = key === "filesizeLimit" ? "bytes" : "pixels";
            failures.push({
                property: key,
                reason: `must be a whole number of ${unit}, 0 or more, got ${describe(value)}`,
            });
        }
    }
    const types = news.mimeTypes;
    if (!given(types)) delete inputs.mimeTypes;
    else if (!isUnknown(types) && !Array.isArray(types)) {
        failures.push({
            property: "mimeTypes",
            reason: `must be a list of MIME types such as "image/png", got ${describe(types)}`,
        });
    } else if (Array.isArray(types)) {
        types.forEach((type, i) => {
            if (isUnknown(type) || (typeof type === "string" && MIME.test(type))) return;
            const reason = `must be a MIME type as type/subtype ("image/png", or "image/*"), got ${describe(type)}`;
            failures.push({ property: `mimeTypes[${i}]`, reason });
        });
    }
}

/** The canonical inputs and every failure, each naming its field. */
export function checkProjectInputs(news: Record<string, unknown>): Checked {
    const checked = startCheck(news);
    checkKnownKeys(checked, news, KNOWN, () => `; a Project takes ${SETTINGS_INPUTS.join(", ")} and pubKey`);
    const adopting = given(news.pubKey);
    if (!adopting) delete checked.inputs.pubKey;
    else if (!isUnknown(news.pubKey) && !(typeof news.pubKey === "string" && PUB_KEY.test(news.pubKey))) {
        const reason = `must be a project's public key (letters, digits, "_" or "-"), got ${describe(news.pubKey)}`;
        checked.failures.push({ property: "pubKey", reason });
    }
    checkName(news, checked, adopting);
    checkSettings(news, checked);
    return checked;
}

/** Re-validates stored inputs inside create/update, so a request is never built from bad data. */
export function parseProjectInputs(props: Record<string, unknown>): Promise<ProjectInputs> {
    return parseOrThrow("Project", props, checkProjectInputs, (inputs) =>
        containsUnknown(inputs) ? undefined : (inputs as ProjectInputs),
    );
}
