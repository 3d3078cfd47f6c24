/**
 * Uploadcare allows one webhook per project, URL and event. Two `Webhook` resources of one program that declare the
 * same URL and event can never both exist: the second create would be refused as a duplicate, and its error could
 * only point at the first one's webhook, which the second must not adopt (two owners, and destroying either deletes
 * it under the other). The program knows both declarations before any request, so it says so there.
 */

import * as pulumi from "@pulumi/pulumi";
import { UploadcareInputError } from "../client";
import { asRunError } from "./runError";

const declared = new Map<string, string>();

/** The message for a second declaration of `event` → `url`, or undefined for the first (then recorded). */
export function siblingProblem(
    seen: Map<string, string>,
    resource: string,
    url: string,
    event: string,
): string | undefined {
    const key = `${event} ${url}`;
    const first = seen.get(key);
    if (first === undefined || first === resource) {
        seen.set(key, resource);
        return undefined;
    }
    return (
        `targetUrl of Webhook "${resource}": Webhook "${first}" of this program already subscribes ${url} to ${event}, ` +
        "and Uploadcare allows one subscription per project, URL and event. Keep one of the two resources, or give " +
        "this one another targetUrl or event."
    );
}

/** `targetUrl` as given, once no other Webhook of the program declares the same URL and event. */
export function checkedTargetUrl(
    resource: string,
    targetUrl: pulumi.Input<string> | undefined,
    event: pulumi.Input<string> | undefined,
): pulumi.Input<string> | undefined {
    if (targetUrl === undefined || event === undefined) return targetUrl;
    return pulumi.all([targetUrl, event]).apply(([url, kind]) => {
        const problem = siblingProblem(declared, resource, url, kind);
        if (!problem) return url;
        throw asRunError(new UploadcareInputError(problem, [{ property: "targetUrl", reason: problem }]));
    });
}
