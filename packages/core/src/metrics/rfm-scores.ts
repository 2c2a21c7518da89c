import type { RfmSegment } from "./metric-catalogue.ts";

/**
 * Quantile scores 1..bins for one metric across customers. A customer's score is
 * `floor(bins * below / n) + 1`, where `below` counts customers with a strictly worse value
 * and `n` those with a value: the worst value scores 1, equal values share a score, and each
 * score holds about n / bins customers when values are distinct. Missing values score null.
 * With `lowerIsBetter` (recency), smaller values score higher.
 */
export function quantileScores(
  values: ReadonlyArray<number | null>,
  bins: number,
  lowerIsBetter = false,
): Array<number | null> {
  const present: number[] = [];
  for (const v of values) if (v !== null) present.push(lowerIsBetter ? -v : v);
  present.sort((a, b) => a - b);
  const n = present.length;
  const scoreOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = present[i] as number;
    if (i === 0 || present[i - 1] !== v) scoreOf.set(v, Math.floor((bins * i) / n) + 1);
  }
  return values.map((v) => (v === null ? null : (scoreOf.get(lowerIsBetter ? -v : v) ?? null)));
}

export interface ScoreCuts {
  /** The worst value reaching each score in `scores`, in increasing score. */
  values: number[];
  scores: number[];
}

/**
 * The cut points of `quantileScores`: for each score 2..bins, the worst value that reaches
 * it (in "better" order), so one customer's score can be found later from its value alone
 * with `scoreFromCuts`. Scores no value reaches are left out.
 */
export function quantileCuts(
  values: ReadonlyArray<number | null>,
  bins: number,
  lowerIsBetter = false,
): ScoreCuts {
  const scores = quantileScores(values, bins, lowerIsBetter);
  const firstOf = new Map<number, number>();
  values.forEach((v, i) => {
    const score = scores[i];
    if (v === null || score == null || score === 1) return;
    const seen = firstOf.get(score);
    if (seen === undefined || (lowerIsBetter ? v > seen : v < seen)) firstOf.set(score, v);
  });
  const sorted = [...firstOf.entries()].sort((a, b) => a[0] - b[0]);
  return { values: sorted.map(([, v]) => v), scores: sorted.map(([score]) => score) };
}

/**
 * The score of `value` given cut points from `quantileCuts`, with the scores each cut starts.
 * Exact for any value of the population the cuts came from.
 */
export function scoreFromCuts(value: number, cuts: ScoreCuts, lowerIsBetter = false): number {
  let score = 1;
  cuts.values.forEach((cut, i) => {
    if (lowerIsBetter ? value <= cut : value >= cut) score = cuts.scores[i] ?? score;
  });
  return score;
}

/** A score on `bins` mapped onto the 1..5 scale the standard segment grid is defined on. */
function toFive(score: number, bins: number): number {
  return bins === 5 ? score : Math.min(5, Math.max(1, Math.ceil((score * 5) / bins)));
}

/**
 * The standard RFM segment of a customer from its scores: R against FM, the average of the
 * F and M scores, each cell of the grid taken by the first segment that claims it:
 *
 * | segment | R | FM |
 * |---|---|---|
 * | Champions | 5 | ≥ 4 |
 * | Loyal | 3–5 | ≥ 4 |
 * | Potential Loyalist | 4–5 | 2–3.5 |
 * | New | 5 | < 2 |
 * | Promising | 4 | < 2 |
 * | Need Attention | 3 | 3–3.5 |
 * | About to Sleep | 3 | < 3 |
 * | Can't Lose Them | 1–2 | ≥ 4.5 |
 * | At Risk | 1–2 | 3–4 |
 * | Hibernating | 2, or 1 with FM ≥ 2 | < 3 |
 * | Lost | 1 | < 2 |
 */
export function rfmSegment(r: number, f: number, m: number, bins = 5): RfmSegment {
  const R = toFive(r, bins);
  const FM = (toFive(f, bins) + toFive(m, bins)) / 2;
  if (R === 5 && FM >= 4) return "Champions";
  if (R >= 3 && FM >= 4) return "Loyal";
  if (R >= 4 && FM >= 2) return "Potential Loyalist";
  if (R === 5) return "New";
  if (R === 4) return "Promising";
  if (R === 3 && FM >= 3) return "Need Attention";
  if (R === 3) return "About to Sleep";
  if (FM >= 4.5) return "Can't Lose Them";
  if (FM >= 3) return "At Risk";
  if (R === 2 || FM >= 2) return "Hibernating";
  return "Lost";
}
