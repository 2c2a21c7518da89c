/**
 * What the read-only queries need from a SQLite driver: run one parameterised SELECT and
 * return its rows as objects. The native connection (node-sqlite3) and the WebAssembly one
 * (sql.js, for hosts that cannot load native modules) both provide it, so the same SQL
 * answers in both.
 */
export interface SqlReader {
  all<T>(sql: string, params?: readonly (string | number | null)[]): Promise<T[]>;
}
