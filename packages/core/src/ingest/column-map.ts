import { StrataError } from "../errors.ts";
import { didYouMean } from "../rules/did-you-mean.ts";

export type FileKind = "orders" | "customers";

/** The fields Strata reads from each kind of file; the first ones listed are required. */
export const FIELDS = {
  orders: {
    required: ["customer_id", "order_date", "amount"],
    optional: ["order_id", "profit", "category"],
  },
  customers: { required: ["customer_id"], optional: ["name", "account_manager"] },
} as const;

export type OrderField =
  | (typeof FIELDS.orders.required)[number]
  | (typeof FIELDS.orders.optional)[number];
export type CustomerField =
  | (typeof FIELDS.customers.required)[number]
  | (typeof FIELDS.customers.optional)[number];

/** `--map` flags: field → column, for both files or for one (`orders.amount=total`). */
export type ColumnMap = Record<FileKind, Map<string, string>>;

const fieldsOf = (kind: FileKind): readonly string[] => [
  ...FIELDS[kind].required,
  ...FIELDS[kind].optional,
];

/**
 * Parses `--map field=column` flags. A bare field applies to every file that has it;
 * `orders.field` or `customers.field` to one. Throws a usage StrataError for unknown
 * fields, a missing `=`, or a field mapped twice.
 */
export function parseColumnMap(specs: readonly string[]): ColumnMap {
  const map: ColumnMap = { orders: new Map(), customers: new Map() };
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    const target = spec.slice(0, eq).trim();
    const column = spec.slice(eq + 1).trim();
    if (eq < 0 || !target || !column) {
      throw new StrataError(
        "usage",
        `--map takes field=column, e.g. order_date=date; got '${spec}'`,
      );
    }
    const dot = target.indexOf(".");
    const prefix = dot < 0 ? null : target.slice(0, dot);
    const field = dot < 0 ? target : target.slice(dot + 1);
    if (prefix !== null && prefix !== "orders" && prefix !== "customers") {
      throw new StrataError("usage", `--map ${spec}: '${prefix}' is not orders or customers`);
    }
    const kinds: FileKind[] = prefix ? [prefix] : ["orders", "customers"];
    const applies = kinds.filter((kind) => fieldsOf(kind).includes(field));
    if (applies.length === 0) {
      const known = [...new Set(kinds.flatMap(fieldsOf))];
      const guess = didYouMean(field, known);
      throw new StrataError(
        "usage",
        `--map ${spec}: unknown field '${field}'${guess ? ` (did you mean '${guess}'?)` : ""}; fields: ${known.join(", ")}`,
      );
    }
    for (const kind of applies) {
      if (map[kind].has(field)) {
        throw new StrataError("usage", `--map: ${kind} field '${field}' is mapped twice`);
      }
      map[kind].set(field, column);
    }
  }
  return map;
}

/** Where each field is in a file's header, and the columns no field uses. */
export interface ResolvedColumns {
  index: Map<string, number>;
  /** The column each field was read from, for messages. */
  column: Map<string, string>;
  /** Columns no field uses, by position. */
  extra: { name: string; index: number }[];
}

/**
 * Finds each field's column in `header` (names trimmed, compared exactly). Throws
 * StrataError("invalid-data") naming the file when a required or mapped column is missing
 * or a column name repeats.
 */
export function resolveColumns(
  header: readonly string[],
  kind: FileKind,
  map: ColumnMap,
  file: string,
): ResolvedColumns {
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name && seen.has(name)) {
      throw new StrataError("invalid-data", `${file}:1: the header names column '${name}' twice`);
    }
    seen.add(name);
  }
  const index = new Map<string, number>();
  const column = new Map<string, string>();
  for (const field of fieldsOf(kind)) {
    const mapped = map[kind].get(field);
    const wanted = mapped ?? field;
    const at = names.indexOf(wanted);
    if (at >= 0) {
      index.set(field, at);
      column.set(field, wanted);
    } else if (
      mapped !== undefined ||
      (FIELDS[kind].required as readonly string[]).includes(field)
    ) {
      throw missingColumn(file, kind, field, wanted, names, mapped !== undefined);
    }
  }
  const used = new Set(index.values());
  const extra = names.flatMap((name, i) => (used.has(i) || !name ? [] : [{ name, index: i }]));
  return { index, column, extra };
}

function missingColumn(
  file: string,
  kind: FileKind,
  field: string,
  wanted: string,
  names: string[],
  mapped: boolean,
): StrataError {
  const guess = didYouMean(wanted, names);
  const hint =
    names.length === 1 && /[\s;,|\t]/.test(names[0] ?? "")
      ? ` The header was read as one column; set --delimiter (e.g. --delimiter whitespace).`
      : guess
        ? ` Did you mean '${guess}'? Map it with --map ${kind}.${field}=${guess}.`
        : ` Map another column with --map ${field}=COLUMN.`;
  return new StrataError(
    "invalid-data",
    `${file}:1: no column '${wanted}'${mapped ? ` (mapped to ${field})` : ""} in the header (${names.join(", ")}).${hint}`,
  );
}
