import { StrataError } from "../../errors.ts";
import type { SqliteConnection } from "./connection.ts";
import { MIGRATIONS, type Migration } from "./migrations.ts";

/**
 * Brings the database up to the newest schema, applying each missing migration in its own
 * transaction; returns the versions applied. A database already up to date is only read, so
 * opening it never waits for another process's write lock. Throws StrataError("storage")
 * when the file was written by a newer Strata or is not a database.
 */
export async function migrate(
  connection: SqliteConnection,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const newest = migrations.at(-1)?.version ?? 0;
  const found = await connection.get<{ n: number }>(
    "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'",
  );
  if (found?.n) {
    const current = await currentVersion(connection);
    tooNew(connection, current, newest);
    if (current === newest) return [];
  }
  await connection.exec(
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL) STRICT",
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await connection.transaction(async () => {
      const current = await currentVersion(connection);
      tooNew(connection, current, newest);
      if (current >= migration.version) return false;
      await connection.exec(migration.sql);
      await connection.run("INSERT INTO schema_version (version, description) VALUES (?, ?)", [
        migration.version,
        migration.description,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

function tooNew(connection: SqliteConnection, current: number, newest: number): void {
  if (current > newest) {
    throw new StrataError(
      "storage",
      `${connection.path} has schema version ${current}, newer than this Strata knows (${newest}); upgrade Strata`,
    );
  }
}

/** The newest applied migration's version; 0 for a new database. */
export async function currentVersion(connection: SqliteConnection): Promise<number> {
  const row = await connection.get<{ version: number | null }>(
    "SELECT max(version) AS version FROM schema_version",
  );
  return row?.version ?? 0;
}
