import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createDemo,
  type EngineStore,
  latestRunRules,
  openSqliteStore,
  parseDay,
  type Rules,
  type SqliteStore,
  sqliteEngineStore,
} from "@strata/core";

/** The day the demo business is generated up to and the bot answers as of. */
export const TODAY = "2026-03-18";

/** A demo database, core's own view of it, and SQL on its tables, to check answers against. */
export interface DemoData {
  db: string;
  dir: string;
  engine: EngineStore;
  rules: Rules;
  query<T>(sql: string, params?: Array<string | number>): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * Builds a demo database (300 customers, fixed seed, a year of weekly tier history up to
 * TODAY) in a new temporary directory and opens it for reference answers. Open it before the
 * bot: the bot adds the audit table, which `openSqliteStore` does not know yet. For tests only.
 */
export async function demoData(): Promise<DemoData> {
  const dir = mkdtempSync(join(tmpdir(), "strata-bot-"));
  const db = join(dir, "demo.db");
  await createDemo(db, { customers: 300, seed: 7, today: parseDay(TODAY) ?? 0 });
  const store: SqliteStore = await openSqliteStore(db);
  const engine = sqliteEngineStore(store.connection);
  return {
    db,
    dir,
    engine,
    rules: await latestRunRules(engine)(),
    query: (sql, params = []) => store.connection.all(sql, params),
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
