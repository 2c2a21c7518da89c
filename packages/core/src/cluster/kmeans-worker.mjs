// Entry of a k-means worker thread: core is source-first, so load the TypeScript through
// tsx's loader, as bin/strata.mjs does for the CLI.
import { register } from "tsx/esm/api";

register();
await import("./kmeans-worker.ts");
