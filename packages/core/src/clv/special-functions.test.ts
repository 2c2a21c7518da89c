import { describe, expect, it } from "vitest";
import { digamma, hypergeometric2F1, logGamma } from "./special-functions.ts";

describe("logGamma", () => {
  it("matches closed forms and factorials", () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    // ln(99!) from the sum of logs.
    let lnFactorial = 0;
    for (let i = 2; i < 100; i++) lnFactorial += Math.log(i);
    expect(logGamma(100)).toBeCloseTo(lnFactorial, 9);
    // Γ(0.1) = 9.513507698668732 (Abramowitz & Stegun, table 6.1 via Γ(1.1)/0.1).
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
  });
});

describe("digamma", () => {
  const eulerGamma = 0.5772156649015329;
  it("matches ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2 and ψ(n) = H(n−1) − γ", () => {
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 13);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.log(2), 13);
    let harmonic = 0;
    for (let i = 1; i < 10; i++) harmonic += 1 / i;
    expect(digamma(10)).toBeCloseTo(harmonic - eulerGamma, 13);
  });

  it("is the derivative of logGamma", () => {
    for (const x of [0.05, 0.7929, 2.4259, 37.5]) {
      const h = 1e-5 * x;
      const numeric = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(digamma(x)).toBeCloseTo(numeric, 6);
    }
  });
});

describe("hypergeometric2F1", () => {
  it("matches its elementary cases", () => {
    for (const z of [0, 0.1, 0.47, 0.9]) {
      const log = z === 0 ? 1 : -Math.log(1 - z) / z;
      expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(log, 12);
      expect(hypergeometric2F1(2.3, 1.7, 1.7, z)).toBeCloseTo((1 - z) ** -2.3, 10);
      const w = Math.sqrt(z);
      const arcsin = z === 0 ? 1 : Math.asin(w) / w;
      expect(hypergeometric2F1(0.5, 0.5, 1.5, z)).toBeCloseTo(arcsin, 12);
    }
  });
});
