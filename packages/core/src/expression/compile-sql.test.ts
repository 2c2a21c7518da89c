import { inspect } from "node:util";
import fc from "fast-check";
import sqlite3 from "sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Expr, Value } from "./ast.ts";
import { compileJs } from "./compile-js.ts";
import { compileSql, joinFragments, param, raw, sql } from "./compile-sql.ts";
import { parseExpression } from "./parser.ts";
import { postgresDialect, type SqlDialect, sqliteDialect } from "./sql-dialect.ts";

const toSql = (source: string, dialect: SqlDialect = sqliteDialect) =>
  compileSql(parseExpression(source), dialect, (name) => dialect.quoteIdentifier(name));

describe("compileSql output", () => {
  it("parenthesises every operation and binds every literal", () => {
    expect(toSql("monetary >= 50000 and not (region in ['north', 'é']) or x is missing")).toEqual({
      text: '((("monetary" >= ?) AND (NOT ("region" IN (?, ?)))) OR ("x" IS NULL))',
      params: [50000, "north", "é"],
    });
    expect(toSql("x not in [1.5, -2] and x between 0 and 0.1")).toEqual({
      text: '(("x" NOT IN (?, ?)) AND ("x" BETWEEN ? AND ?))',
      params: [1.5, -2, 0, 0.1],
    });
  });

  it("computes in doubles, with division by zero giving NULL", () => {
    expect(toSql("-a * 2 / (b - 1)")).toEqual({
      text: '(((-CAST("a" AS REAL)) * CAST(? AS REAL)) / NULLIF((CAST("b" AS REAL) - CAST(? AS REAL)), 0))',
      params: [2, 1],
    });
    expect(toSql("a / 2 > 1", postgresDialect)).toEqual({
      text: '((CAST("a" AS DOUBLE PRECISION) / NULLIF(CAST(? AS DOUBLE PRECISION), 0)) > CAST(? AS DOUBLE PRECISION))',
      params: [2, 1],
    });
  });

  it("binds booleans as 1/0 in SQLite and as typed booleans in PostgreSQL", () => {
    expect(toSql("vip != true")).toEqual({ text: '("vip" <> ?)', params: [1] });
    expect(toSql("vip != true", postgresDialect)).toEqual({
      text: '("vip" <> CAST(? AS BOOLEAN))',
      params: [true],
    });
  });

  it("keeps text out of the SQL and quotes identifiers", () => {
    expect(toSql(`name == "'); DROP TABLE customers; --"`)).toEqual({
      text: '("name" = ?)',
      params: ["'); DROP TABLE customers; --"],
    });
    expect(sqliteDialect.quoteIdentifier('odd "name"')).toBe('"odd ""name"""');
  });

  it("keeps an empty list missing for a missing operand", () => {
    const span = { start: 0, end: 0 };
    const operand: Expr = { kind: "identifier", name: "x", span };
    expect(
      compileSql({ kind: "in", negated: true, operand, list: [], span }, sqliteDialect, (n) => n),
    ).toEqual({ text: "(CASE WHEN x IS NULL THEN NULL ELSE ? END)", params: [1] });
  });

  it("combines fragments with parameters in order", () => {
    const tiers = [toSql("m >= 10"), toSql("m >= 2")];
    const whens = tiers.map((when, i) => sql`WHEN ${when} THEN ${param(`t${i}`)}`);
    expect(joinFragments([raw("CASE"), ...whens, sql`ELSE ${param(null)} END`])).toEqual({
      text: 'CASE WHEN ("m" >= ?) THEN ? WHEN ("m" >= ?) THEN ? ELSE ? END',
      params: [10, "t0", 2, "t1", null],
    });
  });
});

// Integer columns are where SQLite's integer arithmetic would differ from JavaScript.
const COLUMNS =
  "id INTEGER, n1 INTEGER, n2 INTEGER, n3 REAL, n4 NUMERIC, s1 TEXT, s2 TEXT, b1 INTEGER";
const NAMES = ["n1", "n2", "n3", "n4", "s1", "s2", "b1"] as const;
type Customer = Record<(typeof NAMES)[number], Value>;

const SMALL_NUMBERS = [0, -0, 1, -1, 2, 3, 5, 10, 0.1, 0.2, 0.3, 0.5, -2.5, 1 / 3];
const NUMBERS = [...SMALL_NUMBERS, 999_999, 1e6, -1e6, 2 ** 31, -3e9 - 1];
const ASCII = ["", "a", "A", "ab", "a ", "10", "1e1", "it's", 'say "hi"', "C:\\"];
const STRINGS = [...ASCII, "é", "e\u0301", "日本", "😀"];

// Products of two 32-bit integers pass 2^53, where int64 and double arithmetic part ways.
const integer = fc.oneof(
  fc.constantFrom(...NUMBERS.filter(Number.isInteger)),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer(),
);
const number = fc.oneof(
  { arbitrary: fc.constantFrom(...NUMBERS), weight: 2 },
  { arbitrary: integer, weight: 1 },
  { arbitrary: fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 1000), weight: 1 },
);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const customer: fc.Arbitrary<Customer> = fc.record({
  n1: nullable(integer),
  n2: nullable(number),
  n3: nullable(number),
  n4: nullable(number),
  s1: nullable(fc.constantFrom(...STRINGS)),
  s2: nullable(fc.constantFrom(...STRINGS)),
  b1: nullable(fc.boolean()),
});
const FIXED_CUSTOMERS: Customer[] = [
  { n1: null, n2: null, n3: null, n4: null, s1: null, s2: null, b1: null },
  { n1: 0, n2: 0, n3: 0, n4: 0, s1: "", s2: "", b1: false },
  // Overflow: both sides give ±Infinity, and an undefined result (Infinity - Infinity) is missing.
  { n1: 2 ** 31, n2: 1e300, n3: -1e300, n4: 1.7976931348623157e308, s1: "a", s2: "b", b1: true },
];

const numberSource = (n: number) => (n < 0 || Object.is(n, -0) ? `(-${-n})` : String(n));
const stringSource = (s: string) => `"${s.replace(/["\\]/g, "\\$&")}"`;
const listOf = <T>(arb: fc.Arbitrary<T>, show: (item: T) => string) =>
  fc.array(arb, { minLength: 1, maxLength: 4 }).map((items) => `[${items.map(show).join(", ")}]`);
const numberLiteral = number.map(numberSource);
const stringLiteral = fc.constantFrom(...STRINGS).map(stringSource);
const numberLeaf = fc.oneof(
  { arbitrary: fc.constantFrom("n1", "n2", "n3", "n4"), weight: 2 },
  { arbitrary: numberLiteral, weight: 1 },
);
const ops = (...list: string[]) => fc.constantFrom(...list);
const missing = (operand: fc.Arbitrary<string>) =>
  fc.tuple(operand, ops("is missing", "is not missing")).map(([x, m]) => `(${x} ${m})`);
const exactly = (length: number) => ({ minLength: length, maxLength: length });

/** Well-typed expression sources; ordering only on numbers, equality within one type. */
const { num, str, bool } = fc.letrec<{ num: string; str: string; bool: string }>((tie) => {
  const num = tie("num");
  const str = tie("str");
  const bool = tie("bool");
  const binary = (a: fc.Arbitrary<string>, op: fc.Arbitrary<string>, b: fc.Arbitrary<string>) =>
    fc.tuple(a, op, b).map(([x, o, y]) => `(${x} ${o} ${y})`);
  const predicate = fc.oneof(
    fc.constantFrom("b1", "true", "false"),
    binary(num, ops("<", "<=", ">", ">=", "==", "!="), num),
    binary(str, ops("==", "!="), str),
    binary(num, ops("in", "not in"), listOf(number, numberSource)),
    binary(str, ops("in", "not in"), listOf(fc.constantFrom(...STRINGS), stringSource)),
    fc.tuple(num, num, num).map(([x, low, high]) => `(${x} between ${low} and ${high})`),
    missing(fc.oneof(num, str)),
  );
  return {
    num: fc.oneof(
      { maxDepth: 3, depthSize: "small" },
      { arbitrary: numberLeaf, weight: 3 },
      { arbitrary: binary(num, ops("+", "-", "*", "/"), num), weight: 4 },
      { arbitrary: num.map((x) => `-(${x})`), weight: 1 },
      // Exposes any intermediate result that is not rounded to a double, as int64 would be.
      { arbitrary: fc.tuple(num, num).map(([a, b]) => `((${a} + ${b}) - ${a})`), weight: 2 },
    ),
    str: fc.oneof(fc.constantFrom("s1", "s2"), stringLiteral),
    bool: fc.oneof(
      { maxDepth: 2, depthSize: "small" },
      predicate,
      binary(bool, ops("and", "or"), bool),
      bool.map((x) => `(not ${x})`),
      binary(bool, ops("==", "!="), bool),
      binary(bool, ops("in", "not in"), listOf(fc.boolean(), String)),
      missing(bool),
    ),
  };
});
const typedExpression = fc.oneof(
  { arbitrary: bool.map((source) => ({ type: "boolean", source })), weight: 5 },
  { arbitrary: num.map((source) => ({ type: "number", source })), weight: 4 },
  { arbitrary: str.map((source) => ({ type: "string", source })), weight: 1 },
);

function query(db: sqlite3.Database, text: string, params: Value[] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    db.all(text, params, (error: Error | null, rows: unknown[]) =>
      error ? reject(error) : resolve(rows),
    );
  });
}

async function load(db: sqlite3.Database, customers: Customer[]): Promise<void> {
  await query(db, "DELETE FROM customers");
  const values = customers.map((c, id) => [id, ...NAMES.map((name) => c[name])]);
  const rows = values.map((v) => `(${v.map(() => "?").join(", ")})`).join(", ");
  await query(db, `INSERT INTO customers VALUES ${rows}`, values.flat());
}

describe("compileSql agrees with compileJs on SQLite", () => {
  const RUNS = 40;
  const EXPRESSIONS_PER_RUN = 25;
  const RANDOM_CUSTOMERS = 23;
  let db: sqlite3.Database;
  let cases = 0;

  beforeAll(async () => {
    db = new sqlite3.Database(":memory:");
    await query(db, `CREATE TABLE customers (${COLUMNS})`);
  });
  afterAll(() => new Promise<void>((resolve) => db.close(() => resolve())));

  it("gives the same value for every well-typed expression and customer", async () => {
    const customers = fc.array(customer, exactly(RANDOM_CUSTOMERS));
    const expressions = fc.array(typedExpression, exactly(EXPRESSIONS_PER_RUN));
    await fc.assert(
      fc.asyncProperty(customers, expressions, async (random, list) => {
        const rows = [...FIXED_CUSTOMERS, ...random];
        await load(db, rows);
        for (const { type, source } of list) {
          const expr = parseExpression(source);
          const evaluate = compileJs(expr);
          const fragment = compileSql(expr, sqliteDialect, sqliteDialect.quoteIdentifier);
          const text = `SELECT id, ${fragment.text} AS v FROM customers ORDER BY id`;
          const results = (await query(db, text, fragment.params)) as Array<{ v: unknown }>;
          expect(results).toHaveLength(rows.length);
          rows.forEach((row, id) => {
            cases++;
            const expected = evaluate(row);
            const got = results[id]?.v;
            const actual = type === "boolean" && (got === 0 || got === 1) ? got === 1 : got;
            if (actual === expected) return;
            throw new Error(
              [
                `SQL and JS disagree (${type}): ${source}`,
                `customer: ${inspect(row)}`,
                `JS: ${inspect(expected)}, SQLite: ${inspect(got)}`,
                `SQL: ${fragment.text} with ${inspect(fragment.params)}`,
              ].join("\n"),
            );
          });
        }
      }),
      { numRuns: RUNS },
    );
    expect(cases).toBeGreaterThanOrEqual(10_000);
    expect(cases).toBe(RUNS * EXPRESSIONS_PER_RUN * (RANDOM_CUSTOMERS + FIXED_CUSTOMERS.length));
  });
});
