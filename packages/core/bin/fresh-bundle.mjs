import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Whether the file `bundle` exists and is at least as new as every file under `sources`: a
 * bundle built before the last edit of the source is not run.
 */
export function bundleIsFresh(bundle, sources) {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  for (const entry of readdirSync(sources, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > built) {
      return false;
    }
  }
  return true;
}
