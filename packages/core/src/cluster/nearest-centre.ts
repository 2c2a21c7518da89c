/**
 * Finds the nearest and second-nearest of `k` centres to point `i`: writes the label and
 * both squared distances to `out` ([label, nearest, second]) and returns the label.
 */
export type NearestCentre = (
  values: Float64Array,
  centres: Float64Array,
  k: number,
  i: number,
  out: Float64Array,
) => number;

/** Squared distance from point `i` to centre `j`. */
export type SquaredDistanceTo = (
  values: Float64Array,
  i: number,
  centres: Float64Array,
  j: number,
) => number;

/**
 * k-means spends nearly all its time in these two kernels. They are generated for the
 * number of dimensions, with the loop over dimensions written out and the point held in
 * locals: V8 runs that straight-line form about 1.7 times as fast as a loop over dimensions
 * (measured by bench/kmeans.bench.ts). The generated code depends only on `dims`, a whole
 * number checked here.
 */
function compile<T>(
  cache: Map<number, T>,
  dims: number,
  parameters: string[],
  body: (f: number[]) => string,
): T {
  if (!Number.isInteger(dims) || dims < 1 || dims > 64) throw new RangeError(`dims ${dims}`);
  let kernel = cache.get(dims);
  if (!kernel) {
    const f = Array.from({ length: dims }, (_, j) => j);
    kernel = new Function(...parameters, body(f)) as T;
    cache.set(dims, kernel);
  }
  return kernel;
}

const nearestKernels = new Map<number, NearestCentre>();
const distanceKernels = new Map<number, SquaredDistanceTo>();

/** The nearest-centre search for points of `dims` dimensions. */
export function nearestCentre(dims: number): NearestCentre {
  return compile(
    nearestKernels,
    dims,
    ["values", "centres", "k", "i", "out"],
    (f) => `
      const base = i * ${dims};
      ${f.map((j) => `const x${j} = values[base + ${j}];`).join("\n")}
      let best = 0;
      let nearest = Infinity;
      let second = Infinity;
      for (let j = 0, c = 0; j < k; j++, c += ${dims}) {
        ${f.map((j) => `const d${j} = x${j} - centres[c + ${j}];`).join("\n")}
        const d = ${f.map((j) => `d${j} * d${j}`).join(" + ")};
        if (d < nearest) {
          second = nearest;
          nearest = d;
          best = j;
        } else if (d < second) second = d;
      }
      out[0] = best;
      out[1] = nearest;
      out[2] = second;
      return best;`,
  );
}

/** The squared distance between a point and a centre of `dims` dimensions. */
export function squaredDistanceTo(dims: number): SquaredDistanceTo {
  return compile(
    distanceKernels,
    dims,
    ["values", "i", "centres", "j"],
    (f) => `
      const x = i * ${dims};
      const c = j * ${dims};
      ${f.map((j) => `const d${j} = values[x + ${j}] - centres[c + ${j}];`).join("\n")}
      return ${f.map((j) => `d${j} * d${j}`).join(" + ")};`,
  );
}
