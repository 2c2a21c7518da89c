import { sqliteEngineStore } from "../store/sqlite/sqlite-engine-store.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { Day } from "../time/calendar.ts";
import { latestRunRules, rulesFromPath } from "./rules-source.ts";
import { type RunResult, runRules } from "./run-rules.ts";

/**
 * `strata run` for a service: opens the database at `db` on a connection of its own (so the
 * run's transaction holds no one else's statements), runs the rule file at `rules` (default:
 * the rules of the latest run) as of `asOf`, queuing churn alerts, and closes it. Throws what
 * opening, reading the rules and running throw.
 */
export async function runDatabase(options: {
  db: string;
  rules?: string | null;
  asOf: Day;
}): Promise<RunResult> {
  const store = await openSqliteStore(options.db);
  try {
    const engine = sqliteEngineStore(store.connection);
    const rules = options.rules
      ? await rulesFromPath(engine, options.rules)
      : await latestRunRules(engine)();
    return await runRules(engine, rules, options.asOf);
  } finally {
    await store.close();
  }
}
