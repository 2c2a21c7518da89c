import { StrataError } from "../errors.ts";

/**
 * The special functions the BG/NBD model needs, in double precision: log-gamma, digamma
 * and the Gaussian hypergeometric function on [0, 1).
 */

/** Lanczos coefficients for g = 7, n = 9 (Numerical Recipes, 3rd ed., §6.1). */
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.9189385332046728;

/** ln Γ(x) for x > 0, relative error about 1e-15. */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx), for the accuracy of small x.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  let y = x;
  while (y < 10) {
    result -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  return (
    result +
    Math.log(y) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))))
  );
}

/**
 * ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0 by its power series, summed until a term no longer
 * changes the sum. Callers keep the series short by choosing the parameters (see the Euler
 * transformation in bgnbd-predict.ts). Throws when the series has not converged after
 * `maxTerms` terms.
 */
export function hypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms = 100_000,
): number {
  let term = 1;
  let sum = 1;
  for (let j = 0; j < maxTerms; j++) {
    term *= (((a + j) * (b + j)) / ((c + j) * (j + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) return sum;
  }
  throw new StrataError(
    "internal",
    `2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`,
  );
}
