import type { BgnbdParams } from "./bgnbd-likelihood.ts";
import type { RepeatPurchase } from "./repeat-purchases.ts";
import { hypergeometric2F1 } from "./special-functions.ts";

/**
 * The probability that a customer with this history is still active at T (Fader, Hardie &
 * Lee 2005, eq. 13): 1 / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)), the power taken in
 * logs so that long silences give 0 rather than NaN.
 */
export function pAlive({ r, alpha, a, b }: BgnbdParams, { x, tx, T }: RepeatPurchase): number {
  if (x === 0) return 1;
  const lnOdds =
    Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/**
 * Expected purchases in the next `t` time units of a customer with this history (Fader,
 * Hardie & Lee 2005, eq. 10). The hypergeometric term goes through Euler's transformation,
 *   ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) = (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)
 * with z = t/(α+T+t), whose series is short and never overflows, however large x is. At a = 1
 * the formula is 0/0; there it is the mean of the values at a = 1 ± 1e-5.
 */
export function expectedPurchases(params: BgnbdParams, history: RepeatPurchase, t: number): number {
  if (Math.abs(params.a - 1) < 1e-6) {
    const below = expectedPurchases({ ...params, a: 1 - 1e-5 }, history, t);
    const above = expectedPurchases({ ...params, a: 1 + 1e-5 }, history, t);
    return (below + above) / 2;
  }
  const { r, alpha, a, b } = params;
  const { x, T } = history;
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  const tail = (1 - z) ** (a - 1) * hypergeometric2F1(a + b - 1 - r, a - 1, c, z);
  const unconditional = (c / (a - 1)) * (1 - tail);
  return unconditional * pAlive(params, history);
}
