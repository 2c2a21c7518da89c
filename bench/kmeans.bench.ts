/**
 * k-means on 1,000,000 customers × 5 features (customer-like: correlated, no clear groups)
 * against scikit-learn's KMeans in the same run: the same points, k, initial centres and
 * iteration count, Lloyd's algorithm, so both do the same work. Targets: time within 1.5×
 * of scikit-learn's, inertia within 1%. ml-kmeans, the usual JavaScript library, runs the
 * same job to show why Strata has its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kmeans as mlKmeans } from "ml-kmeans";
import { kMeans } from "../packages/core/src/cluster/kmeans.ts";
import { kMeansPlusPlus } from "../packages/core/src/cluster/kmeans-seeding.ts";
import type { Points } from "../packages/core/src/cluster/points.ts";
import { seededRandom } from "../packages/core/src/demo/seeded-random.ts";
import { printTable, time } from "./bench-kit.ts";
import { runPython } from "./python-peer.ts";

const N = 1_000_000;
const DIMS = 5;
const K = 8;
const ITERATIONS = 50;

/** Standardised-looking customer features: activity and value factors plus noise. */
function customerFeatures(n: number, seed: number): Points {
  const random = seededRandom(seed);
  const values = new Float64Array(n * DIMS);
  for (let i = 0; i < n; i++) {
    const activity = random.normal();
    const value = random.normal();
    const row = [
      activity + 0.5 * random.normal(),
      -0.7 * activity + 0.7 * random.normal(),
      0.6 * activity + 0.8 * value,
      value + 0.3 * random.normal(),
      random.normal(),
    ];
    values.set(row, i * DIMS);
  }
  return { values, count: n, dims: DIMS };
}

const SKLEARN = `
import json, sys, time
import numpy as np
from sklearn.cluster import KMeans
X = np.fromfile(sys.argv[1]).reshape(-1, ${DIMS})
init = np.fromfile(sys.argv[2]).reshape(-1, ${DIMS})
times = []
for _ in range(3):
    start = time.perf_counter()
    km = KMeans(n_clusters=${K}, init=init, n_init=1, max_iter=${ITERATIONS}, tol=0, algorithm="lloyd").fit(X)
    times.append(time.perf_counter() - start)
start = time.perf_counter()
pp = KMeans(n_clusters=${K}, init="k-means++", n_init=1, max_iter=${ITERATIONS}, random_state=0, algorithm="lloyd").fit(X)
pp_ms = (time.perf_counter() - start) * 1000
import sklearn
print(json.dumps({"ms": sorted(times)[1] * 1000, "inertia": km.inertia_, "iterations": int(km.n_iter_),
                  "ppMs": pp_ms, "ppInertia": pp.inertia_, "ppIterations": int(pp.n_iter_), "version": sklearn.__version__}))
`;

interface SklearnResult {
  ms: number;
  inertia: number;
  iterations: number;
  ppMs: number;
  ppInertia: number;
  ppIterations: number;
  version: string;
}

export async function run(): Promise<void> {
  const points = customerFeatures(N, 2024);
  const start = kMeansPlusPlus(points, K, 7);
  const dir = mkdtempSync(join(tmpdir(), "strata-kmeans-"));
  let peer: SklearnResult;
  try {
    writeFileSync(join(dir, "points.f64"), points.values);
    writeFileSync(join(dir, "init.f64"), start);
    peer = await runPython<SklearnResult>(SKLEARN, [
      join(dir, "points.f64"),
      join(dir, "init.f64"),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const same = { k: K, initialCentres: start, maxIterations: ITERATIONS, tolerance: 0 };
  const { ms, result } = await time(() => kMeans(points, same), 3);
  const full = await time(() => kMeans(points, { k: K, seed: 7, maxIterations: ITERATIONS }), 1);

  const rows = points.count;
  const matrix = Array.from({ length: rows }, (_, i) =>
    Array.from(points.values.subarray(i * DIMS, i * DIMS + DIMS)),
  );
  const centres = Array.from({ length: K }, (_, j) =>
    Array.from(start.subarray(j * DIMS, j * DIMS + DIMS)),
  );
  // Once: it is slow, and its time only needs to be of the right order.
  const mlStart = performance.now();
  mlKmeans(matrix, K, { initialization: centres, maxIterations: ITERATIONS, tolerance: 0 });
  const ml = { ms: performance.now() - mlStart };

  const ratio = ms / peer.ms;
  const inertiaGap = Math.abs(result.inertia - peer.inertia) / peer.inertia;
  const label = `${(N / 1e6).toFixed(0)}M × ${DIMS}, k = ${K}`;
  printTable(
    `k-means (${label}, same initial centres, up to ${ITERATIONS} Lloyd iterations)`,
    ["measure", "figure", "target", "status"],
    [
      [`Strata kMeans (${result.iterations} iterations)`, `${ms.toFixed(0)} ms`, "", ""],
      [
        `peer: scikit-learn ${peer.version} KMeans (${peer.iterations} iterations)`,
        `${peer.ms.toFixed(0)} ms`,
        "",
        "",
      ],
      [
        "ratio Strata / scikit-learn time",
        `${ratio.toFixed(2)}x`,
        "<= 1.5x",
        ratio <= 1.5 ? "met" : "MISSED",
      ],
      [
        "inertia difference",
        `${(inertiaGap * 100).toFixed(4)}%`,
        "<= 1%",
        inertiaGap <= 0.01 ? "met" : "MISSED",
      ],
      [
        `ml-kmeans ${"7.0.1"} (same job)`,
        `${ml.ms.toFixed(0)} ms`,
        "",
        `${(ml.ms / peer.ms).toFixed(1)}x scikit-learn`,
      ],
      [
        "with k-means++ seeding: Strata (seed 7)",
        `${full.ms.toFixed(0)} ms`,
        "",
        `inertia ${full.result.inertia.toFixed(0)}, ${full.result.iterations} iterations`,
      ],
      [
        "with k-means++ seeding: scikit-learn (random_state 0)",
        `${peer.ppMs.toFixed(0)} ms`,
        "",
        `inertia ${peer.ppInertia.toFixed(0)}, ${peer.ppIterations} iterations`,
      ],
    ],
  );
}
