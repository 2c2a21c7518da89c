import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { EngineStore } from "../engine/engine-store.ts";
import { latestRunRules, rulesFromPath } from "../engine/rules-source.ts";
import type { Rules } from "../engine/run-rules.ts";
import { StrataError } from "../errors.ts";
import { resolveDbPath } from "../store/db-path.ts";
import { sqliteEngineStore } from "../store/sqlite/sqlite-engine-store.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import { type Day, requireDay, today } from "../time/calendar.ts";
import type { Io, OptionSpec, ParsedArgs } from "./command.ts";

/** The --db option every command that touches data has. */
export const DB_OPTION: OptionSpec = {
  type: "string",
  value: "PATH",
  description: "SQLite database file (default: $STRATA_DB, else ./strata.db).",
};
export const AS_OF_OPTION: OptionSpec = {
  type: "string",
  value: "DATE",
  description: "Answer as of this date, YYYY-MM-DD (default: today in $STRATA_TIMEZONE).",
};
export const JSON_OPTION: OptionSpec = { type: "boolean", description: "Print JSON for machines." };
export const RULES_OPTION: OptionSpec = {
  type: "string",
  value: "FILE",
  description: "Rule file to use (default: the one of the latest run).",
};

/** A string option's value, if given. */
export function stringOption(values: ParsedArgs["values"], name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** The as-of day: --as-of, else today in STRATA_TIMEZONE. */
export function asOfDay(values: ParsedArgs["values"], io: Io): Day {
  const flag = stringOption(values, "as-of");
  return flag === undefined
    ? today(io.now(), io.env.STRATA_TIMEZONE || "UTC")
    : requireDay(flag, "--as-of");
}

/**
 * Opens the database for the engine and runs `work` with it, closing it after. With
 * `mustExist`, a missing file is a clear error instead of a new empty database.
 */
export async function withEngine<T>(
  values: ParsedArgs["values"],
  io: Io,
  mustExist: boolean,
  work: (engine: EngineStore, path: string) => Promise<T>,
): Promise<T> {
  const path = resolveDbPath(stringOption(values, "db"), io.env, io.cwd);
  if (mustExist && path !== ":memory:" && !existsSync(path)) {
    throw new StrataError(
      "file-not-found",
      `no database at ${path}: load data with 'strata ingest' (or try 'strata demo'), or point --db at one`,
    );
  }
  const store = await openSqliteStore(path);
  try {
    return await work(sqliteEngineStore(store.connection), path);
  } finally {
    await store.close();
  }
}

/** Reads and validates a rule file named on the command line (relative to the caller). */
export function rulesFromFile(file: string, io: Io, engine: EngineStore): Promise<Rules> {
  return rulesFromPath(engine, resolve(io.cwd, file), file);
}

/** The rules named by --rules, else those of the latest run. */
export async function rulesForQuestion(
  values: ParsedArgs["values"],
  io: Io,
  engine: EngineStore,
): Promise<Rules> {
  const flag = stringOption(values, "rules");
  return flag !== undefined ? rulesFromFile(flag, io, engine) : latestRunRules(engine)();
}
