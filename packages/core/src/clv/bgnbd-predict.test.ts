import { describe, expect, it } from "vitest";
import { expectedPurchases, pAlive } from "./bgnbd-predict.ts";
import { hypergeometric2F1 } from "./special-functions.ts";

/** The published CDNOW fit (Fader, Hardie & Lee 2005). */
const CDNOW = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };

describe("expectedPurchases", () => {
  it("gives the published 1.226 purchases in 39 weeks for x = 2, t_x = 30.43, T = 38.86", () => {
    expect(expectedPurchases(CDNOW, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });

  it("for a new customer equals eq. 7 of the paper, summed directly without Euler's transformation", () => {
    const { r, alpha, a, b } = CDNOW;
    for (const t of [1, 13, 39, 78]) {
      const z = t / (alpha + t);
      const direct =
        ((a + b - 1) / (a - 1)) *
        (1 - (alpha / (alpha + t)) ** r * hypergeometric2F1(r, b, a + b - 1, z));
      expect(expectedPurchases(CDNOW, { x: 0, tx: 0, T: 0 }, t)).toBeCloseTo(direct, 10);
    }
  });

  it("agrees with the untransformed eq. 10 for a frequent buyer", () => {
    const { r, alpha, a, b } = CDNOW;
    const [x, tx, T, t] = [25, 36, 38.86, 39];
    const z = t / (alpha + T + t);
    const unconditional =
      ((a + b + x - 1) / (a - 1)) *
      (1 -
        ((alpha + T) / (alpha + T + t)) ** (r + x) *
          hypergeometric2F1(r + x, b + x, a + b + x - 1, z));
    const denominator = 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x);
    expect(expectedPurchases(CDNOW, { x, tx, T }, t)).toBeCloseTo(unconditional / denominator, 8);
  });

  it("is continuous through a = 1, where the formula is 0/0", () => {
    const history = { x: 3, tx: 20, T: 38 };
    const at = expectedPurchases({ ...CDNOW, a: 1 }, history, 13);
    const near = expectedPurchases({ ...CDNOW, a: 1.001 }, history, 13);
    expect(Number.isFinite(at)).toBe(true);
    expect(Math.abs(at - near)).toBeLessThan(1e-3);
  });
});

describe("pAlive", () => {
  it("is 1 without repeat purchases and (b+x−1)/(a+b+x−1) right after a purchase", () => {
    expect(pAlive(CDNOW, { x: 0, tx: 0, T: 30 })).toBe(1);
    const { a, b } = CDNOW;
    expect(pAlive(CDNOW, { x: 4, tx: 30, T: 30 })).toBeCloseTo((b + 3) / (a + b + 3), 12);
  });

  it("falls the longer a customer stays silent, to 0 rather than NaN", () => {
    const silences = [0, 5, 20, 80, 5000].map((gap) =>
      pAlive(CDNOW, { x: 3, tx: 10, T: 10 + gap }),
    );
    for (let i = 1; i < silences.length; i++)
      expect(silences[i]).toBeLessThan(silences[i - 1] as number);
    expect(silences.at(-1)).toBeGreaterThanOrEqual(0);
    expect(pAlive(CDNOW, { x: 400, tx: 1, T: 1e6 })).toBe(0);
  });
});
