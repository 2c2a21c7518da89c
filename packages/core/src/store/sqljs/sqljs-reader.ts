import initSqlJs, { type Database, type SqlJsStatic } from "sql.js";
import { StrataError } from "../../errors.ts";
import { MIGRATIONS } from "../sqlite/migrations.ts";
import type { SqlReader } from "../sqlite/sql-reader.ts";
import { applyWal } from "./apply-wal.ts";

export interface SqlJsOptions {
  /** The folder holding sql-wasm.wasm, when it is not beside sql.js (a bundled host). */
  wasmDir?: string;
  /** The bytes of the database's write-ahead log (`<db>-wal`), when it has one. */
  wal?: Uint8Array;
}

/** A read-only Strata database held in memory by SQLite compiled to WebAssembly. */
export interface SqlJsReader extends SqlReader {
  close(): void;
}

/** sql.js's settings (its types lack `useOldExtensionFunctions`). */
type SqlJsConfig = NonNullable<Parameters<typeof initSqlJs>[0]> & {
  useOldExtensionFunctions?: boolean;
};

let engine: { wasmDir: string | undefined; sql: Promise<SqlJsStatic> } | undefined;

/** sql.js, loaded once (from `wasmDir` when given), as every reader uses it. */
export function loadSqlJs(wasmDir?: string): Promise<SqlJsStatic> {
  if (engine && engine.wasmDir === wasmDir) return engine.sql;
  // SQLite's own math functions (floor, log2, pow: exact-real.ts relies on them), not the
  // legacy extension that sql.js 1.x registers over them by default.
  const config: SqlJsConfig = { useOldExtensionFunctions: false };
  if (wasmDir) config.locateFile = (file: string) => `${wasmDir}/${file}`;
  const sql = initSqlJs(config);
  engine = { wasmDir, sql };
  return sql;
}

/**
 * Opens the bytes of a Strata SQLite file with sql.js: no native module, so it loads in any
 * JavaScript host (an editor's extension host runs its own Node.js). The whole file is read
 * into memory, with the commits of its write-ahead log when `options.wal` is given; nothing is
 * ever written back. `name` appears in messages. Throws
 * StrataError("storage") when the bytes are not SQLite, lack Strata's tables, or come from a
 * newer Strata.
 */
export async function openSqlJsReader(
  bytes: Uint8Array,
  name: string,
  options: SqlJsOptions = {},
): Promise<SqlJsReader> {
  const SQL = await loadSqlJs(options.wasmDir);
  let db: Database;
  let tables: string[];
  try {
    db = new SQL.Database(options.wal ? applyWal(bytes, options.wal) : bytes);
    tables = (db.exec("SELECT name FROM sqlite_schema WHERE type = 'table'")[0]?.values ?? []).map(
      (row) => String(row[0]),
    );
  } catch (error) {
    throw new StrataError("storage", `${name} is not a Strata database (not SQLite): ${error}`);
  }
  const reader = sqlJsReader(db);
  if (!["customers", "orders", "schema_version"].every((t) => tables.includes(t))) {
    reader.close();
    throw new StrataError(
      "storage",
      `${name} is a SQLite file but not a Strata database (no customers and orders tables): create one with 'strata ingest' or 'strata demo'`,
    );
  }
  const [row] = await reader.all<{ version: number | null }>(
    "SELECT max(version) AS version FROM schema_version",
  );
  const newest = MIGRATIONS.at(-1)?.version ?? 0;
  if ((row?.version ?? 0) > newest) {
    reader.close();
    throw new StrataError(
      "storage",
      `${name} has schema version ${row?.version}, newer than this Strata knows (${newest}); upgrade Strata`,
    );
  }
  return reader;
}

function sqlJsReader(db: Database): SqlJsReader {
  return {
    async all<T>(sql: string, params: readonly (string | number | null)[] = []): Promise<T[]> {
      const statement = db.prepare(sql);
      try {
        statement.bind([...params]);
        const rows: T[] = [];
        while (statement.step()) rows.push(statement.getAsObject() as T);
        return rows;
      } catch (error) {
        throw new StrataError("storage", error instanceof Error ? error.message : String(error), {
          sql,
        });
      } finally {
        statement.free();
      }
    },
    close: () => db.close(),
  };
}
