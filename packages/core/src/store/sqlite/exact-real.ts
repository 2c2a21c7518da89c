/**
 * Doubles carried through JSON between JavaScript and SQLite bit for bit. Decimal text is not
 * enough either way: SQLite reads about one 17-digit number in 7,000 one unit in the last
 * place off, and prints about one double in a million so. A double instead travels as an
 * integer m and an exponent e with value = m × 2^e, which both sides rebuild exactly.
 */

/** A finite double as [m, e]: value = m × 2^e, m an integer within ±2^62. */
export type BinaryParts = [number, number];

const bits = new DataView(new ArrayBuffer(8));

/** Splits a finite double into [m, e] (m of at most 53 bits). */
export function binaryParts(x: number): BinaryParts {
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  const exponent = (high >>> 20) & 0x7ff;
  const fraction = (high & 0xfffff) * 2 ** 32 + bits.getUint32(4);
  const sign = high >>> 31 ? -1 : 1;
  return exponent === 0 ? [sign * fraction, -1074] : [sign * (fraction + 2 ** 52), exponent - 1075];
}

/** The double that [m, e] stand for. */
export function fromBinaryParts([m, e]: BinaryParts): number {
  return m * 2 ** e;
}

/** SQL for the REAL that the [m, e] array at JSON path `path` of `json` stands for. */
export function realFromPartsSql(json: string, path: string): string {
  return `(${json} ->> '${path}[0]') * pow(2, ${json} ->> '${path}[1]')`;
}

/**
 * SQL giving `real` as a JSON [m, e] array (NULL for NULL). The exponent comes from log2,
 * which may be one off at powers of two; dividing by 2^(that − 60) leaves slack enough that
 * m is still a whole number below 2^62, so the division and the cast are exact.
 */
export function partsFromRealSql(real: string): string {
  const shift = `max(floor(log2(abs(${real}))) - 60, -1074)`;
  return `iif(${real} IS NULL, NULL, iif(${real} = 0, json_array(0, 0),
    json_array(CAST(${real} / pow(2, ${shift}) AS INTEGER), CAST(${shift} AS INTEGER))))`;
}
