/** Points as one row-major array: point i is `values[i*dims … i*dims+dims-1]`. */
export interface Points {
  values: Float64Array;
  count: number;
  dims: number;
}

/** Squared Euclidean distance between row `a` of `x` and row `b` of `y`. */
export function squaredDistance(
  x: Float64Array,
  a: number,
  y: Float64Array,
  b: number,
  dims: number,
): number {
  let d = 0;
  const xa = a * dims;
  const yb = b * dims;
  for (let f = 0; f < dims; f++) {
    const diff = (x[xa + f] as number) - (y[yb + f] as number);
    d += diff * diff;
  }
  return d;
}

/** The points with these indices, in that order. */
export function subset({ values, dims }: Points, indices: ArrayLike<number>): Points {
  const out = new Float64Array(indices.length * dims);
  for (let i = 0; i < indices.length; i++) {
    const from = (indices[i] as number) * dims;
    out.set(values.subarray(from, from + dims), i * dims);
  }
  return { values: out, count: indices.length, dims };
}

/** `size` distinct indices below `count`, drawn with `random` (all of them if fewer), sorted. */
export function sampleIndices(count: number, size: number, random: () => number): Int32Array {
  if (count <= size) return Int32Array.from({ length: count }, (_, i) => i);
  // Partial Fisher–Yates over an index array.
  const all = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (count - i));
    const swap = all[i] as number;
    all[i] = all[j] as number;
    all[j] = swap;
  }
  return all.subarray(0, size).sort();
}
