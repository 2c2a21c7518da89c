import { basename, isAbsolute, join, resolve } from "node:path";
import { StrataError } from "@strata/core/portable";

/** Where the preview's data comes from. */
export type DataLocation =
  | { kind: "demo"; label: string }
  | { kind: "file"; path: string; label: string };

export const DEMO_LABEL = "demo shop (bundled)";

/**
 * Reads the `strata.database` setting: empty for the bundled demo shop; else a path,
 * absolute, from the home folder (`~/…`) or relative to the workspace folder. Throws
 * StrataError("usage") for a relative path with no workspace folder open.
 */
export function resolveDatabase(
  setting: string,
  workspaceFolder: string | undefined,
  home: string,
): DataLocation {
  const value = setting.trim();
  if (value === "") return { kind: "demo", label: DEMO_LABEL };
  let path: string;
  if (value === "~" || value.startsWith("~/")) path = join(home, value.slice(1));
  else if (isAbsolute(value)) path = value;
  else if (workspaceFolder) path = resolve(workspaceFolder, value);
  else {
    throw new StrataError(
      "usage",
      `the setting strata.database is the relative path "${value}", but no folder is open: use an absolute path`,
    );
  }
  return { kind: "file", path, label: basename(path) };
}
