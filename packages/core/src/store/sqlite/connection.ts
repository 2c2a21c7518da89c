import sqlite3 from "sqlite3";
import { StrataError } from "../../errors.ts";

/**
 * A value SQLite takes or gives back. Strings bind fastest: node-sqlite3 checks every
 * non-string parameter against RegExp and Date before binding it.
 */
export type SqlValue = string | number | null | Buffer;
export type SqlParams = readonly SqlValue[];
export type SqlRow = Record<string, SqlValue>;

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
  lastId: number;
}

type Callback<T> = (error: Error | null, value: T) => void;

/** Prepared statements a connection keeps (see SqliteConnection.statements). */
const STATEMENTS_KEPT = 200;

function storageError(error: Error, sql?: string): StrataError {
  const code = (error as Error & { code?: string }).code;
  return new StrataError("storage", error.message, { code, sql });
}

function settle<T>(start: (callback: Callback<T>) => void, sql?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => (error ? reject(storageError(error, sql)) : resolve(value)));
  });
}

/** A prepared statement; run it many times with different parameters, then finalize it. */
export class PreparedStatement {
  constructor(
    private readonly statement: sqlite3.Statement,
    readonly sql: string,
  ) {}

  /** Throws StrataError("storage") if SQLite refuses the statement. */
  run(params: SqlParams = []): Promise<RunResult> {
    const sql = this.sql;
    return new Promise((resolve, reject) => {
      this.statement.run(params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(storageError(error, sql));
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  }

  get<T = SqlRow>(params: SqlParams = []): Promise<T | undefined> {
    return settle((cb) => this.statement.get<T>(params, (e, row) => cb(e, row)), this.sql);
  }

  all<T = SqlRow>(params: SqlParams = []): Promise<T[]> {
    return settle((cb) => this.statement.all<T>(params, (e, rows) => cb(e, rows)), this.sql);
  }

  finalize(): Promise<void> {
    return new Promise((resolve) => this.statement.finalize(() => resolve()));
  }
}

/**
 * A promise-based connection over the `sqlite3` package. Every method rejects with
 * StrataError("storage") carrying SQLite's message and code; SQL is always parameterised.
 */
export class SqliteConnection {
  private inTransaction = false;
  /**
   * Prepared statements by SQL text, most recently prepared last. Preparing is most of the
   * cost of a small query (a quarter of the Slack bot's time per question), so `run`, `get`
   * and `all` keep the statements they prepare, up to STATEMENTS_KEPT.
   */
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>();

  private constructor(
    private readonly db: sqlite3.Database,
    readonly path: string,
  ) {}

  /** Opens (creating if needed) the database file at `path`; `:memory:` for a private one. */
  static async open(path: string): Promise<SqliteConnection> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle: sqlite3.Database = new sqlite3.Database(path, (error) =>
        error ? reject(storageError(error)) : resolve(handle),
      );
    });
    return new SqliteConnection(db, path);
  }

  /** The kept statement for `sql`, prepared on first use. */
  private statement(sql: string): Promise<sqlite3.Statement> {
    let statement = this.statements.get(sql);
    if (statement) return statement;
    statement = new Promise((resolve, reject) => {
      const prepared: sqlite3.Statement = this.db.prepare(sql, (error: Error | null) =>
        error ? reject(storageError(error, sql)) : resolve(prepared),
      );
    });
    this.statements.set(sql, statement);
    statement.catch(() => this.statements.delete(sql));
    if (this.statements.size > STATEMENTS_KEPT) {
      const [oldest, evicted] = this.statements.entries().next().value ?? [];
      if (oldest !== undefined) this.statements.delete(oldest);
      // Finalizing waits for the work already queued on the statement.
      evicted?.then(
        (s) => s.finalize(),
        () => undefined,
      );
    }
    return statement;
  }

  async run(sql: string, params: SqlParams = []): Promise<RunResult> {
    const statement = await this.statement(sql);
    return new Promise((resolve, reject) => {
      statement.run(params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(storageError(error, sql));
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  }

  async get<T = SqlRow>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    const statement = await this.statement(sql);
    const row = settle<T | undefined>((cb) => statement.get<T>(params, (e, r) => cb(e, r)), sql);
    // A statement stopped after one row keeps its read transaction open, and with it an old
    // view of the database: reset it (queued after the get).
    statement.reset(() => undefined);
    return row;
  }

  async all<T = SqlRow>(sql: string, params: SqlParams = []): Promise<T[]> {
    const statement = await this.statement(sql);
    return settle((cb) => statement.all<T>(params, (e, rows) => cb(e, rows)), sql);
  }

  /** Calls `onRow` for each row without holding them all; resolves to the row count. */
  each<T = SqlRow>(sql: string, params: SqlParams, onRow: (row: T) => void): Promise<number> {
    let failure: unknown;
    return settle<number>(
      (cb) =>
        this.db.each<T>(
          sql,
          params,
          (error, row) => {
            if (error || failure !== undefined) return;
            try {
              onRow(row);
            } catch (thrown) {
              failure = thrown;
            }
          },
          (error, count) => cb(error, count),
        ),
      sql,
    ).then((count) => {
      if (failure !== undefined) throw failure;
      return count;
    });
  }

  /** Runs one or more statements without parameters (schema, pragmas). */
  exec(sql: string): Promise<void> {
    return settle<void>((cb) => this.db.exec(sql, (e) => cb(e, undefined)), sql);
  }

  prepare(sql: string): Promise<PreparedStatement> {
    return new Promise((resolve, reject) => {
      const statement: sqlite3.Statement = this.db.prepare(sql, (error: Error | null) =>
        error ? reject(storageError(error, sql)) : resolve(new PreparedStatement(statement, sql)),
      );
    });
  }

  /** Starts a write transaction that takes the write lock at once (BEGIN IMMEDIATE). */
  async begin(): Promise<void> {
    if (this.inTransaction) {
      throw new StrataError("internal", "a transaction is already open on this connection");
    }
    this.inTransaction = true;
    try {
      await this.exec("BEGIN IMMEDIATE");
    } catch (error) {
      this.inTransaction = false;
      throw error;
    }
  }

  async commit(): Promise<void> {
    await this.exec("COMMIT");
    this.inTransaction = false;
  }

  /** Rolls back; harmless when SQLite already rolled back on its own (e.g. disk full). */
  async rollback(): Promise<void> {
    this.inTransaction = false;
    await this.exec("ROLLBACK").catch((error: StrataError) => {
      if (!/no transaction is active/.test(error.message)) throw error;
    });
  }

  get transactionOpen(): boolean {
    return this.inTransaction;
  }

  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.begin();
    try {
      const result = await work();
      await this.commit();
      return result;
    } catch (error) {
      // Also when COMMIT itself fails (a deferred constraint, a full disk): SQLite then keeps
      // the transaction open, and it must not stay open.
      await this.rollback();
      throw error;
    }
  }

  async close(): Promise<void> {
    const kept = [...this.statements.values()];
    this.statements.clear();
    for (const statement of kept) {
      await statement.then(
        (s) => new Promise<void>((resolve) => s.finalize(() => resolve())),
        () => undefined,
      );
    }
    return settle<void>((cb) => this.db.close((e) => cb(e, undefined)));
  }
}
