/**
 * BG/NBD maximum-likelihood fit on 400,000 customers simulated from the model (target:
 * < 5 s). Peer in the same run: the same likelihood written independently in NumPy/SciPy
 * (the formulation of the Python `lifetimes` library), maximised in log-parameters by
 * SciPy's L-BFGS-B; its estimates must agree with Strata's, and both come near the
 * parameters the customers were drawn from.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fitBgnbd } from "../packages/core/src/clv/bgnbd-fit.ts";
import { type RepeatPurchase, repeatPurchases } from "../packages/core/src/clv/repeat-purchases.ts";
import { seededRandom } from "../packages/core/src/demo/seeded-random.ts";
import { printTable, time } from "./bench-kit.ts";
import { runPython } from "./python-peer.ts";

const CUSTOMERS = 400_000;
const TRUTH = { r: 0.45, alpha: 5.2, a: 0.85, b: 2.6 };

/** Customers drawn from BG/NBD: first purchase at 0, observed 1 to 104 weeks, in weeks. */
function simulate(n: number, seed: number): RepeatPurchase[] {
  const random = seededRandom(seed);
  const rows: RepeatPurchase[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = random.gamma(TRUTH.r, 1 / TRUTH.alpha);
    const p = random.beta(TRUTH.a, TRUTH.b);
    // Whole days, as Strata measures stored orders.
    const T = (7 + random.int(722)) / 7;
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += random.exponential(1 / lambda);
      const day = Math.ceil(t * 7) / 7;
      if (day > T) break;
      x++;
      tx = day;
      if (random.next() < p) break;
    }
    rows.push({ x, tx, T });
  }
  return rows;
}

const SCIPY = `
import json, sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
x, tx, T = d[:, 0], d[:, 1], d[:, 2]
def nll(logp):
    r, alpha, a, b = np.exp(logp)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4)) / len(x)
start = time.perf_counter()
res = minimize(nll, np.zeros(4), method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 1000})
ms = (time.perf_counter() - start) * 1000
r, alpha, a, b = np.exp(res.x)
import scipy
print(json.dumps({"ms": ms, "r": r, "alpha": alpha, "a": a, "b": b, "ll": -res.fun * len(x), "evals": int(res.nfev), "version": scipy.__version__}))
`;

interface PeerFit {
  ms: number;
  r: number;
  alpha: number;
  a: number;
  b: number;
  ll: number;
  evals: number;
  version: string;
}

export async function run(): Promise<void> {
  const rows = simulate(CUSTOMERS, 7);
  const data = repeatPurchases(rows);
  const { ms, result: fit } = await time(() => fitBgnbd(data), 3);
  const dir = mkdtempSync(join(tmpdir(), "strata-bgnbd-"));
  let peer: PeerFit;
  try {
    const csv = join(dir, "summary.csv");
    writeFileSync(
      csv,
      `frequency,recency,T\n${rows.map((r) => `${r.x},${r.tx},${r.T}`).join("\n")}\n`,
    );
    peer = await runPython<PeerFit>(SCIPY, [csv]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const names = ["r", "alpha", "a", "b"] as const;
  const largestGap = Math.max(...names.map((n) => Math.abs(fit[n] - peer[n]) / peer[n]));
  const show = (p: Record<(typeof names)[number], number>) =>
    names.map((n) => `${n} ${p[n].toFixed(4)}`).join(", ");
  printTable(
    `BG/NBD fit (${CUSTOMERS.toLocaleString("en-US")} customers simulated from ${show(TRUTH)})`,
    ["measure", "figure", "target", "status"],
    [
      [
        `Strata fitBgnbd (BFGS, ${fit.iterations} iterations)`,
        `${ms.toFixed(0)} ms`,
        "< 5 s",
        ms < 5000 ? "met" : "MISSED",
      ],
      [
        `peer: SciPy ${peer.version} L-BFGS-B (${peer.evals} evaluations)`,
        `${peer.ms.toFixed(0)} ms`,
        "",
        `${(peer.ms / ms).toFixed(1)}x Strata's time`,
      ],
      ["Strata estimates", show(fit), "", `log-likelihood ${fit.logLikelihood.toFixed(1)}`],
      ["SciPy estimates", show(peer), "", `log-likelihood ${peer.ll.toFixed(1)}`],
      [
        "largest relative difference",
        `${(largestGap * 100).toFixed(3)}%`,
        "<= 0.1%",
        largestGap <= 1e-3 ? "met" : "MISSED",
      ],
    ],
  );
}
