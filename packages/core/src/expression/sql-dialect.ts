import type { Value } from "./ast.ts";

export type LiteralType = "number" | "string" | "boolean";

/** What the expression compiler needs to know about one SQL database. */
export interface SqlDialect {
  readonly name: "sqlite" | "postgres";
  /** Returns `name` as a quoted identifier, safe for any characters in the name. */
  quoteIdentifier(name: string): string;
  /** Returns SQL that evaluates the numeric SQL `sql` as a double-precision float. */
  toDouble(sql: string): string;
  /**
   * Returns the `?` placeholder for a literal of `type`, with a cast where the database
   * could otherwise not infer the parameter's type (PostgreSQL would compare two untyped
   * parameters as text).
   */
  placeholder(type: LiteralType): string;
  /** Returns the value to bind for a literal; SQLite has no booleans and stores 1/0. */
  bindValue(value: number | string | boolean): Value;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** SQLite: no boolean type (true is 1, false is 0), and REAL is a double. */
export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  quoteIdentifier,
  toDouble: (sql) => `CAST(${sql} AS REAL)`,
  placeholder: () => "?",
  bindValue: (value) => (typeof value === "boolean" ? Number(value) : value),
};

const POSTGRES_TYPES: Record<LiteralType, string> = {
  number: "DOUBLE PRECISION",
  string: "TEXT",
  boolean: "BOOLEAN",
};

/** PostgreSQL: real booleans, and typed parameters so literals never compare as text. */
export const postgresDialect: SqlDialect = {
  name: "postgres",
  quoteIdentifier,
  toDouble: (sql) => `CAST(${sql} AS DOUBLE PRECISION)`,
  placeholder: (type) => `CAST(? AS ${POSTGRES_TYPES[type]})`,
  bindValue: (value) => value,
};
