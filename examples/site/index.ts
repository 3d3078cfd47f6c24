import { SyncedFolder } from "pulumi-uploadcare";

// Every file under ./public becomes an Uploadcare file, as one resource: `pulumi preview --diff` lists the paths
// added, changed and removed, and `pulumi up` uploads only those, then deletes the files they replace. The path is
// relative to this program.
const site = new SyncedFolder("site", {
    path: "public",
    exclude: ["**/*.map"],
    metadata: { example: "site" },
    tags: ["site"],
    // One group of all the files, in path order: `<groupCdnUrl>nth/<i>/` is the i-th.
    group: true,
});

export const count = site.count;
export const totalBytes = site.totalBytes;
export const groupCdnUrl = site.groupCdnUrl;
/** Where the page is served from. */
export const indexUrl = site.files.apply((files) => files["index.html"]?.cdnUrl);
