import { StrataError } from "../errors.ts";
import { type BgnbdParams, bgnbdLogLikelihood } from "./bgnbd-likelihood.ts";
import { minimiseBfgs } from "./minimise-bfgs.ts";
import type { RepeatPurchases } from "./repeat-purchases.ts";

/** A fitted BG/NBD model. */
export interface BgnbdFit extends BgnbdParams {
  /** The maximised log-likelihood, summed over customers. */
  logLikelihood: number;
  customers: number;
  iterations: number;
}

/**
 * Maximum-likelihood fit of r, α, a, b to repeat-purchase histories. Optimises in
 * log-parameters (so every parameter stays positive) with BFGS on the analytic gradient of
 * the mean log-likelihood, from r = α = a = b = 1, then from a start scaled to the data if
 * that fails. Throws StrataError("invalid-data") when there are no customers or no repeat
 * purchase, or when no start converges.
 */
export function fitBgnbd(data: RepeatPurchases): BgnbdFit {
  const n = data.x.length;
  if (n === 0) throw new StrataError("invalid-data", "no customers to fit the BG/NBD model to");
  if (data.maxX === 0) {
    throw new StrataError(
      "invalid-data",
      `none of the ${n} customers bought more than once: the BG/NBD model needs repeat purchases`,
    );
  }
  const objective = (phi: readonly number[]) => {
    const { value, gradient } = bgnbdLogLikelihood(fromLog(phi), data);
    return { value: -value / n, gradient: gradient.map((g) => -g / n) };
  };
  let meanT = 0;
  for (const t of data.T) meanT += t / n;
  const starts = [
    [0, 0, 0, 0],
    [0, Math.log(Math.max(meanT, 1e-3)), 0, 0],
  ];
  let tried = "";
  for (const start of starts) {
    const best = minimiseBfgs(objective, start);
    if (best.converged && best.point.every((p) => Math.abs(p) < 30)) {
      const params = fromLog(best.point);
      return {
        ...params,
        logLikelihood: bgnbdLogLikelihood(params, data, false).value,
        customers: n,
        iterations: best.iterations,
      };
    }
    tried = describe(fromLog(best.point));
  }
  throw new StrataError(
    "invalid-data",
    `the BG/NBD fit did not converge on ${n} customers (last estimate ${tried}): the data may hold too few repeat purchases, or customers all observed for the same short time`,
  );
}

const fromLog = (phi: readonly number[]): BgnbdParams => ({
  r: Math.exp(phi[0] as number),
  alpha: Math.exp(phi[1] as number),
  a: Math.exp(phi[2] as number),
  b: Math.exp(phi[3] as number),
});

const describe = (p: BgnbdParams) =>
  `r=${p.r.toPrecision(4)}, alpha=${p.alpha.toPrecision(4)}, a=${p.a.toPrecision(4)}, b=${p.b.toPrecision(4)}`;
