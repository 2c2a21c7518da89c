import { StrataError } from "../errors.ts";

/**
 * Customers' repeat-purchase histories, the data of the BG/NBD model, in one time unit
 * (weeks in Strata): `x` purchases after the first, the last of them at `tx` after the
 * first purchase, the customer observed for `T` since the first purchase (0 ≤ tx ≤ T).
 * Columns, so that 400,000 customers are three typed arrays.
 */
export interface RepeatPurchases {
  x: Uint32Array;
  tx: Float64Array;
  T: Float64Array;
  /** The largest x, to size per-x tables. */
  maxX: number;
}

/** One customer's history, as read from a summary file or the store. */
export interface RepeatPurchase {
  x: number;
  tx: number;
  T: number;
}

/**
 * Packs histories into columns. Throws StrataError("invalid-data") naming the first bad
 * one (`describe(i)` says where it came from): x must be a whole number ≥ 0, and
 * 0 ≤ tx ≤ T, with tx = 0 when x = 0.
 */
export function repeatPurchases(
  rows: readonly RepeatPurchase[],
  describe: (index: number) => string = (i) => `customer ${i + 1}`,
): RepeatPurchases {
  const n = rows.length;
  const x = new Uint32Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  let maxX = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as RepeatPurchase;
    const problem = checkRow(row);
    if (problem) throw new StrataError("invalid-data", `${describe(i)}: ${problem}`);
    x[i] = row.x;
    tx[i] = row.tx;
    T[i] = row.T;
    if (row.x > maxX) maxX = row.x;
  }
  return { x, tx, T, maxX };
}

function checkRow({ x, tx, T }: RepeatPurchase): string | null {
  if (!Number.isInteger(x) || x < 0) return `frequency must be a whole number ≥ 0, not ${x}`;
  if (!Number.isFinite(T) || T < 0) return `T must be a number ≥ 0, not ${T}`;
  if (!Number.isFinite(tx) || tx < 0 || tx > T)
    return `recency must be between 0 and T (${T}), not ${tx}`;
  if (x === 0 && tx !== 0) return `recency must be 0 when frequency is 0, not ${tx}`;
  return null;
}
