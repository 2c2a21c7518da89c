import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../demo/seeded-random.ts";
import { isStrataError } from "../errors.ts";
import { fitBgnbd } from "./bgnbd-fit.ts";
import { type RepeatPurchase, repeatPurchases } from "./repeat-purchases.ts";
import { readSummaryFile } from "./summary-file.ts";

const CDNOW_SUMMARY = resolve(
  import.meta.dirname,
  "../../../../data/cdnow/cdnow_customers_summary.csv",
);

describe("fitBgnbd", () => {
  it("reproduces the published CDNOW fit (Fader, Hardie & Lee 2005)", async () => {
    const fit = fitBgnbd(await readSummaryFile(CDNOW_SUMMARY));
    const published = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
    for (const [name, value] of Object.entries(published)) {
      const estimate = fit[name as keyof typeof published];
      expect(Math.abs(estimate - value) / value, name).toBeLessThan(1e-3);
    }
    expect(fit.logLikelihood).toBeGreaterThan(-9582.5);
    expect(fit.logLikelihood).toBeLessThan(-9582.3);
    expect(fit.customers).toBe(2357);
  });

  it("recovers the parameters of customers simulated from the model", () => {
    // r = 0.5, α = 6, a = 0.9, b = 3: purchase rates ~ Gamma(r, 1/α); after each repeat
    // purchase a customer drops out with probability p ~ Beta(a, b).
    const truth = { r: 0.5, alpha: 6, a: 0.9, b: 3 };
    const random = seededRandom(2005);
    const rows: RepeatPurchase[] = [];
    for (let i = 0; i < 40_000; i++) {
      const lambda = random.gamma(truth.r, 1 / truth.alpha);
      const p = random.beta(truth.a, truth.b);
      const T = 26 + random.next() * 52;
      let t = 0;
      let x = 0;
      let tx = 0;
      for (;;) {
        t += random.exponential(1 / lambda);
        if (t > T) break;
        x++;
        tx = t;
        if (random.next() < p) break;
      }
      rows.push({ x, tx, T });
    }
    const fit = fitBgnbd(repeatPurchases(rows));
    for (const [name, value] of Object.entries(truth)) {
      const estimate = fit[name as keyof typeof truth];
      expect(Math.abs(estimate - value) / value, name).toBeLessThan(0.15);
    }
  });

  it("refuses data without repeat purchases, saying why", () => {
    const data = repeatPurchases([
      { x: 0, tx: 0, T: 10 },
      { x: 0, tx: 0, T: 12 },
    ]);
    try {
      fitBgnbd(data);
      expect.unreachable();
    } catch (error) {
      expect(isStrataError(error, "invalid-data")).toBe(true);
      expect((error as Error).message).toContain("bought more than once");
    }
  });
});
