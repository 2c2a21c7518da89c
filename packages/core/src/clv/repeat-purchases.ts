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
  /**
   * The distinct values of T and of tx, and each customer's index into them: measured in
   * whole days, customers share a few hundred values, so the likelihood takes each logarithm
   * once per distinct value instead of once per customer.
   */
  distinctT: Float64Array;
  tIndex: Uint32Array;
  distinctTx: Float64Array;
  txIndex: Uint32Array;
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
  const t = distinct(T);
  const txs = distinct(tx);
  return {
    x,
    tx,
    T,
    maxX,
    distinctT: t.values,
    tIndex: t.index,
    distinctTx: txs.values,
    txIndex: txs.index,
  };
}

function distinct(values: Float64Array): { values: Float64Array; index: Uint32Array } {
  const seen = new Map<number, number>();
  const index = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let at = seen.get(v);
    if (at === undefined) {
      at = seen.size;
      seen.set(v, at);
    }
    index[i] = at;
  }
  return { values: Float64Array.from(seen.keys()), index };
}

function checkRow({ x, tx, T }: RepeatPurchase): string | null {
  if (!Number.isInteger(x) || x < 0) return `frequency must be a whole number ≥ 0, not ${x}`;
  if (!Number.isFinite(T) || T < 0) return `T must be a number ≥ 0, not ${T}`;
  if (!Number.isFinite(tx) || tx < 0 || tx > T)
    return `recency must be between 0 and T (${T}), not ${tx}`;
  if (x === 0 && tx !== 0) return `recency must be 0 when frequency is 0, not ${tx}`;
  return null;
}
