/**
 * The manifest walker lives with the SyncedFolder provider module (src/provider/syncedFolder/manifest.ts), so the
 * native plugin's `check` can compute it too (it may not import src/resources); the class imports it from here.
 */
export * from "../provider/syncedFolder/manifest";
