import type { RepeatPurchases } from "./repeat-purchases.ts";
import { digamma, logGamma } from "./special-functions.ts";

/** The four BG/NBD parameters: purchase rates ~ Gamma(r, α), dropout probability ~ Beta(a, b). */
export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** The log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b). */
export interface LogLikelihood {
  value: number;
  gradient: [number, number, number, number];
}

/**
 * The BG/NBD log-likelihood of every customer (Fader, Hardie & Lee 2005, eq. 6), summed, in
 * the stable form of their Excel note: per customer
 *   ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *   + ln( (α+T)^−(r+x) + [x>0] a/(b+x−1) (α+t_x)^−(r+x) ),
 * the last term by log-sum-exp so that no power underflows. Gamma and beta functions only
 * ever appear as log-gamma. Terms that depend on x alone are computed once per distinct x,
 * logarithms of α + T and α + t_x once per distinct value (see repeat-purchases.ts).
 * With `withGradient`, also returns the gradient in log-parameters (what the optimiser
 * moves), from the digamma function.
 */
export function bgnbdLogLikelihood(
  { r, alpha, a, b }: BgnbdParams,
  data: RepeatPurchases,
  withGradient = true,
): LogLikelihood {
  const perX = perXTerms(r, a, b, data.maxX, withGradient);
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const { x, tIndex, txIndex } = data;
  // ln(α + T), ln(α + t_x) and their reciprocals per distinct value.
  const lnAT = data.distinctT.map((t) => Math.log(alpha + t));
  const invAT = data.distinctT.map((t) => 1 / (alpha + t));
  const lnATx = data.distinctTx.map((t) => Math.log(alpha + t));
  const invATx = data.distinctTx.map((t) => 1 / (alpha + t));
  let value = 0;
  let dR = 0;
  let dAlpha = 0;
  let dA = 0;
  let dB = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const rx = r + xi;
    const ti = tIndex[i] as number;
    const txi = txIndex[i] as number;
    const a3 = -rx * (lnAT[ti] as number);
    let mix = a3;
    let w4 = 0;
    if (xi > 0) {
      const a4 = lnA - (perX.lnBx1[xi] as number) - rx * (lnATx[txi] as number);
      // log(e^a3 + e^a4) without overflow; w4 is the share of the second term.
      if (a3 >= a4) {
        const e = Math.exp(a4 - a3);
        mix = a3 + Math.log1p(e);
        w4 = e / (1 + e);
      } else {
        const e = Math.exp(a3 - a4);
        mix = a4 + Math.log1p(e);
        w4 = 1 / (1 + e);
      }
    }
    value += (perX.constant[xi] as number) + mix;
    if (!withGradient) continue;
    const w3 = 1 - w4;
    dR += (perX.dR[xi] as number) - w3 * (lnAT[ti] as number) - w4 * (lnATx[txi] as number);
    dAlpha -= rx * (w3 * (invAT[ti] as number) + w4 * (invATx[txi] as number));
    dA += (perX.dA[xi] as number) + w4 / a;
    dB += (perX.dB[xi] as number) - (xi > 0 ? w4 / (b + xi - 1) : 0);
  }
  const n = x.length;
  value += n * r * lnAlpha;
  dR += n * lnAlpha;
  dAlpha += (n * r) / alpha;
  // Chain rule to log-parameters: d/d ln θ = θ d/dθ.
  return { value, gradient: [r * dR, alpha * dAlpha, a * dA, b * dB] };
}

/** Per distinct x: the log-gamma terms of the likelihood and their derivatives. */
function perXTerms(r: number, a: number, b: number, maxX: number, withGradient: boolean) {
  const size = maxX + 1;
  const constant = new Float64Array(size);
  const lnBx1 = new Float64Array(size);
  const dR = new Float64Array(size);
  const dA = new Float64Array(size);
  const dB = new Float64Array(size);
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiR = withGradient ? digamma(r) : 0;
  const psiB = withGradient ? digamma(b) : 0;
  const psiAB = withGradient ? digamma(a + b) : 0;
  for (let x = 0; x < size; x++) {
    // ln Γ(r+x) − ln Γ(r) + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
    constant[x] = logGamma(r + x) - lgR + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
    lnBx1[x] = x > 0 ? Math.log(b + x - 1) : 0;
    if (withGradient) {
      const psiABx = digamma(a + b + x);
      dR[x] = digamma(r + x) - psiR;
      dA[x] = psiAB - psiABx;
      dB[x] = psiAB + digamma(b + x) - psiB - psiABx;
    }
  }
  return { constant, lnBx1, dR, dA, dB };
}
