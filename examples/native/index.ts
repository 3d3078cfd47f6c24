import * as pulumi from "@pulumi/pulumi";
import * as uploadcare from "pulumi-uploadcare/native";

const config = new pulumi.Config();

// The native resources take the same inputs as the dynamic ones. A change of `team` updates the metadata in
// place, and `pulumi preview --diff` shows exactly that input.
const notes = new uploadcare.File("notes", {
    source: new pulumi.asset.StringAsset("Release notes\n"),
    filename: "notes.txt",
    metadata: { team: config.get("team") ?? "web" },
});

// `notes.uuid` stays known while an update of `notes` is previewed, so the group is not shown as replaced.
const bundle = new uploadcare.Group("bundle", { files: [notes.uuid] });

export const fileUuid = notes.uuid;
export const groupId = bundle.id;
export const cdnUrl = bundle.cdnUrl;
