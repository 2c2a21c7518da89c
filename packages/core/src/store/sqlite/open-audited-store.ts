import { StrataError } from "../../errors.ts";
import { SqliteConnection } from "./connection.ts";
import { migrate } from "./migrate.ts";
import { MIGRATIONS } from "./migrations.ts";
import { QUESTION_AUDIT_MIGRATION } from "./question-audit-schema.ts";
import { openSqliteStore, SqliteStore } from "./sqlite-store.ts";

/**
 * Opens the SQLite store with the question-audit table. Transitional: while MIGRATIONS does
 * not list QUESTION_AUDIT_MIGRATION, `openSqliteStore` would refuse a database that has it
 * ("newer schema"), so this opens the file itself with the same settings and migrates with
 * the audit appended. Once MIGRATIONS lists it, this is `openSqliteStore`.
 * Throws StrataError("storage") like `openSqliteStore`.
 */
export async function openAuditedStore(path: string): Promise<SqliteStore> {
  if (MIGRATIONS.includes(QUESTION_AUDIT_MIGRATION)) return openSqliteStore(path);
  const newest = MIGRATIONS.at(-1)?.version ?? 0;
  if (newest >= QUESTION_AUDIT_MIGRATION.version) {
    throw new StrataError(
      "internal",
      `migration ${QUESTION_AUDIT_MIGRATION.version} is taken; renumber QUESTION_AUDIT_MIGRATION`,
    );
  }
  let connection: SqliteConnection;
  try {
    connection = await SqliteConnection.open(path);
  } catch (error) {
    throw new StrataError("storage", `cannot open the database ${path}: ${String(error)}`);
  }
  try {
    await connection.exec(
      "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON",
    );
    await migrate(connection, [...MIGRATIONS, QUESTION_AUDIT_MIGRATION]);
  } catch (error) {
    await connection.close().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new StrataError(
      "storage",
      /file is not a database/.test(message)
        ? `${path} is not a Strata database (not SQLite)`
        : `the database ${path}: ${message}`,
    );
  }
  return new SqliteStore(connection);
}
