/**
 * `strata suggest --k auto` on the 5M-order benchmark database (target < 30 s), run as a
 * real CLI process, with the time of each phase measured in-process. Peer in the same run:
 * the same job in Python, from the same database: SQLite aggregates, NumPy log and
 * standardise, scikit-learn KMeans for k = 2..8 with silhouette on a 5,000 sample, then a
 * DecisionTreeClassifier on the chosen clusters. Also the JavaScript libraries considered
 * for the parts, ml-cart (CART) and ml-hclust (Ward), against Strata's own on small inputs:
 * the reason Strata has its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DecisionTreeClassifier } from "ml-cart";
import { agnes } from "ml-hclust";
import { buildCli } from "../packages/core/scripts/build-cli.ts";
import { fitTree } from "../packages/core/src/cluster/decision-tree.ts";
import { roundThresholds } from "../packages/core/src/cluster/round-thresholds.ts";
import { wardMerges } from "../packages/core/src/cluster/ward.ts";
import { seededRandom } from "../packages/core/src/demo/seeded-random.ts";
import { suggestTiers } from "../packages/core/src/engine/suggest-tiers.ts";
import { sqliteEngineStore } from "../packages/core/src/store/sqlite/sqlite-engine-store.ts";
import { openSqliteStore } from "../packages/core/src/store/sqlite/sqlite-store.ts";
import { parseDay } from "../packages/core/src/time/calendar.ts";
import { BENCH_TODAY, benchDatabase } from "./bench-data.ts";
import { printTable } from "./bench-kit.ts";
import { strataProcess } from "./cli-process.ts";
import { runPython } from "./python-peer.ts";

const SKLEARN = `
import json, sqlite3, sys, time
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.tree import DecisionTreeClassifier
start = time.perf_counter()
as_of = int(sys.argv[2])
con = sqlite3.connect(sys.argv[1])
X = np.array(con.execute(
    "SELECT ? - max(order_day), count(*), sum(amount) FROM orders WHERE order_day <= ? GROUP BY customer_id",
    (as_of, as_of)).fetchall(), dtype=float)
loaded = time.perf_counter()
Z = X.copy()
Z[:, 1:] = np.log1p(Z[:, 1:])
Z = (Z - Z.mean(0)) / Z.std(0)
scores = {}
labels = {}
for k in range(2, 9):
    km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(Z)
    labels[k] = km.labels_
    scores[k] = float(silhouette_score(Z, km.labels_, sample_size=5000, random_state=0))
best = max(scores, key=scores.get)
clustered = time.perf_counter()
DecisionTreeClassifier(max_depth=4, min_samples_leaf=int(len(X) * 0.005)).fit(X, labels[best])
done = time.perf_counter()
print(json.dumps({"load": loaded - start, "cluster": clustered - loaded, "tree": done - clustered,
                  "total": done - start, "k": best, "customers": len(X)}))
`;

interface PeerResult {
  load: number;
  cluster: number;
  tree: number;
  total: number;
  k: number;
  customers: number;
}

/** Seconds between the progress messages of an in-process run, by phase. */
async function phases(db: string): Promise<Array<[string, number]>> {
  const store = await openSqliteStore(db);
  const marks: Array<[string, number]> = [];
  try {
    await suggestTiers(sqliteEngineStore(store.connection), parseDay(BENCH_TODAY) ?? 0, {
      k: "auto",
      features: ["recency_days", "frequency", "monetary"],
      method: "kmeans",
      dimension: "segment",
      asOf: BENCH_TODAY,
      progress: (message) => marks.push([message, performance.now()]),
    });
  } finally {
    await store.close();
  }
  marks.push(["end", performance.now()]);
  return marks.slice(0, -1).map(([name, at], i) => [name, ((marks[i + 1]?.[1] ?? at) - at) / 1000]);
}

/** ml-cart and ml-hclust against Strata's CART and Ward on the same small inputs. */
function libraries(): string[][] {
  const random = seededRandom(3);
  const rows = (n: number) =>
    Array.from({ length: n }, () => [
      random.normal(),
      random.exponential(5),
      random.exponential(300),
    ]);
  const label = (r: number[]) =>
    (r[0] as number) > 0 ? ((r[1] as number) > 5 ? 0 : 1) : (r[2] as number) > 300 ? 2 : 3;
  const timed = (f: () => unknown) => {
    const start = performance.now();
    f();
    return performance.now() - start;
  };
  const treeRows = rows(10_000);
  const y = treeRows.map(label);
  const thresholds = [0, 1, 2].map((f) => roundThresholds(treeRows.map((r) => r[f] as number)));
  const mlCart = timed(() =>
    new DecisionTreeClassifier({ maxDepth: 4, minNumSamples: 50 }).train(treeRows, y),
  );
  const ours = timed(() =>
    fitTree(Float64Array.from(treeRows.flat()), 3, Int32Array.from(y), 4, thresholds, {
      maxDepth: 4,
      minLeaf: 50,
    }),
  );
  const wardRows = rows(1_000);
  const mlWard = timed(() => agnes(wardRows, { method: "ward" }));
  const ourWard = timed(() =>
    wardMerges({ values: Float64Array.from(wardRows.flat()), count: 1_000, dims: 3 }),
  );
  return [
    ["ml-cart 2.1.1: CART, depth 4, 10,000 rows × 3", `${mlCart.toFixed(0)} ms`, "", ""],
    [
      "  Strata fitTree, same rows",
      `${ours.toFixed(0)} ms`,
      "",
      `${(mlCart / ours).toFixed(0)}x faster`,
    ],
    ["ml-hclust 4.0.0: Ward, 1,000 points × 3", `${mlWard.toFixed(0)} ms`, "", ""],
    [
      "  Strata wardMerges, same points",
      `${ourWard.toFixed(0)} ms`,
      "",
      `${(mlWard / ourWard).toFixed(0)}x faster`,
    ],
  ];
}

export async function run(args: string[]): Promise<void> {
  await buildCli();
  const db = await benchDatabase(args);
  const dir = mkdtempSync(join(tmpdir(), "strata-suggest-"));
  try {
    const out = join(dir, "suggested.tiers.yaml");
    const cli = strataProcess([
      "suggest",
      "--k",
      "auto",
      "--out",
      out,
      "--db",
      db,
      "--as-of",
      BENCH_TODAY,
      "--json",
    ]);
    const answer = JSON.parse(cli.stdout ?? "{}") as {
      k: number;
      customers: number;
      agreement: number;
    };
    const breakdown = await phases(db);
    const peer = await runPython<PeerResult>(SKLEARN, [db, String(parseDay(BENCH_TODAY))]);
    printTable(
      `strata suggest --k auto (${answer.customers.toLocaleString("en-US")} customers, ${db.split("/").at(-1)})`,
      ["measure", "figure", "target", "status"],
      [
        [
          "strata suggest --k auto, CLI process",
          `${cli.seconds.toFixed(1)} s`,
          "< 30 s",
          cli.seconds < 30 ? "met" : "MISSED",
        ],
        ["  peak memory", `${cli.peakMb?.toFixed(0) ?? "?"} MB`, "", ""],
        ...breakdown.map(([phase, s]) => [`  in-process: ${phase}`, `${s.toFixed(1)} s`, "", ""]),
        [
          "  result",
          `k = ${answer.k}`,
          "",
          `rules agree with clusters for ${(answer.agreement * 100).toFixed(1)}%`,
        ],
        [
          "peer: Python, SQLite → NumPy → scikit-learn",
          `${peer.total.toFixed(1)} s`,
          "",
          `k = ${peer.k}`,
        ],
        ["  load metrics from SQLite", `${peer.load.toFixed(1)} s`, "", ""],
        ["  KMeans k = 2..8 + silhouette (5,000 sample)", `${peer.cluster.toFixed(1)} s`, "", ""],
        ["  DecisionTreeClassifier depth 4", `${peer.tree.toFixed(1)} s`, "", ""],
        ["ratio Strata / Python", `${(cli.seconds / peer.total).toFixed(2)}x`, "", ""],
        ...libraries(),
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
