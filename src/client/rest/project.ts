/** REST API v0.7 project endpoint (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Project). */
import type { UploadcareClient } from "../core/call";
import { isProjectInfo, type ProjectInfo } from "../core/shapes";
import { getJson } from "./request";

/** Project info: the cheapest signed call, and the proof of which project the keys and URL reach. */
export async function getProject(client: UploadcareClient): Promise<ProjectInfo> {
    return getJson(client, "/project/", "project info", isProjectInfo);
}
