/** Validation of ProjectSecret inputs, run in `check` (no network). */
import { describeValue as describe } from "../../client";
import { isUnknown } from "../runtime/checks";
import { type Checked, checkKnownKeys, parseOrThrow, startCheck } from "../runtime/lifecycle";

export interface ProjectSecretInputs {
    /** The public key of the project the secret key is for. */
    project: string;
}

const PUB_KEY = /^[A-Za-z0-9_-]{1,100}$/;

export function checkProjectSecretInputs(news: Record<string, unknown>): Checked {
    const checked = startCheck(news);
    checkKnownKeys(checked, news, ["project"], () => "; a ProjectSecret takes project (a project's public key)");
    const project = news.project;
    if (project === undefined || project === null) {
        checked.failures.push({
            property: "project",
            reason: "is required: the public key of the project (Project.pubKey)",
        });
    } else if (!isUnknown(project) && !(typeof project === "string" && PUB_KEY.test(project))) {
        const reason = `must be a project's public key (letters, digits, "_" or "-"), got ${describe(project)}`;
        checked.failures.push({ property: "project", reason });
    }
    return checked;
}

export function parseProjectSecretInputs(props: Record<string, unknown>): Promise<ProjectSecretInputs> {
    return parseOrThrow("ProjectSecret", props, checkProjectSecretInputs, (inputs) =>
        typeof inputs.project === "string" && !isUnknown(inputs.project) ? { project: inputs.project } : undefined,
    );
}
