import type { Value } from "../expression/ast.ts";

/** How one metric or attribute is spread over the customers. */
export type Distribution =
  | {
      kind: "number";
      /** Customers with a value. */
      customers: number;
      missing: number;
      min: number;
      /** The middle value; with an even count, the mean of the two middle values. */
      median: number;
      max: number;
    }
  | {
      kind: "text";
      customers: number;
      missing: number;
      /** The most common values, most common first (ties in text order), at most `top`. */
      values: Array<{ value: string; count: number }>;
      /** How many distinct values there are in all. */
      distinct: number;
    };

/**
 * The distribution of one value per customer: min, median and max when there are numbers
 * (any other value then counts as missing), else the most common values as text (booleans
 * too). Null values count as missing. Null when no customer has a value.
 */
export function distributionOf(values: readonly Value[], top = 5): Distribution | null {
  const numbers: number[] = [];
  const texts = new Map<string, number>();
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === "number") numbers.push(v);
    else texts.set(String(v), (texts.get(String(v)) ?? 0) + 1);
  }
  if (numbers.length > 0) {
    numbers.sort((a, b) => a - b);
    const n = numbers.length;
    const mid = n >> 1;
    const median =
      n % 2 ? (numbers[mid] ?? 0) : ((numbers[mid - 1] ?? 0) + (numbers[mid] ?? 0)) / 2;
    return {
      kind: "number",
      customers: n,
      missing: values.length - n,
      min: numbers[0] ?? 0,
      median,
      max: numbers[n - 1] ?? 0,
    };
  }
  if (texts.size === 0) return null;
  const counted = [...texts].map(([value, count]) => ({ value, count }));
  counted.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const customers = counted.reduce((sum, c) => sum + c.count, 0);
  return {
    kind: "text",
    customers,
    missing: values.length - customers,
    values: counted.slice(0, top),
    distinct: counted.length,
  };
}
