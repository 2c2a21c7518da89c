import { isAbsolute, resolve } from "node:path";

/** The database file used when neither `--db` nor `STRATA_DB` names one. */
export const DEFAULT_DB_FILE = "strata.db";

/**
 * The database path a command should use: `--db PATH`, else the `STRATA_DB` environment
 * variable, else `./strata.db`; relative paths are taken from `cwd` (the caller's working
 * directory, passed in). `:memory:` is passed through for tests.
 */
export function resolveDbPath(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string {
  const chosen = flag || env.STRATA_DB || DEFAULT_DB_FILE;
  if (chosen === ":memory:" || isAbsolute(chosen)) return chosen;
  return resolve(cwd, chosen);
}
