import type { Expr } from "../expression/ast.ts";
import {
  type Box,
  boxContains,
  FULL,
  intersectBoxes,
  MAX_BOXES,
  regionOf,
  samplePoints,
  subtractBox,
} from "./region-sets.ts";

/** One tier as the analysis sees it: its condition (null when it did not parse) and whether it is the default. */
export interface TierCondition {
  when: Expr | null;
  isDefault: boolean;
}

/** A tier that can never match, and the earlier tiers that take the customers it would. */
export interface UnreachableTier {
  tier: number;
  shadowedBy: number[];
}

interface Region {
  over: Box[];
  under: Box[];
}

/**
 * True when some concrete row of `candidate` lies outside every earlier cover: the tier is
 * then reachable as far as the analysis can tell, and the costly subtraction is skipped.
 */
function hasWitness(candidate: Box[], earlier: ReadonlyArray<Region | null>): boolean {
  return candidate.some((box) =>
    samplePoints(box).some(
      (point) => !earlier.some((r) => r?.under.some((b) => boxContains(b, point))),
    ),
  );
}

/** The earlier tiers that take part of `candidate`, or null unless together they take all of it. */
function shadowing(candidate: Box[], earlier: ReadonlyArray<Region | null>): number[] | null {
  let rest = candidate;
  const by: number[] = [];
  for (const [i, region] of earlier.entries()) {
    if (rest.length === 0) break;
    if (!region) continue;
    if (rest.some((a) => region.over.some((b) => intersectBoxes(a, b)))) by.push(i);
    for (const cover of region.under) {
      rest = rest.flatMap((a) => subtractBox(a, cover));
      if (rest.length > MAX_BOXES) return null;
    }
  }
  return rest.length === 0 ? by : null;
}

/**
 * Finds tiers that can never match because the tiers above (tried first) take every customer
 * they would, with SQL's missing-value logic. Sound: a tier is reported only when proven;
 * conditions it cannot analyse (arithmetic, comparisons of two identifiers, text ordering)
 * only make it report less. `shadowedBy` lists the earlier tiers that may take some of those
 * customers, and is never empty (a condition that is never true on its own is not reported).
 * Assumes an identifier `isNumeric` accepts holds a number (not NaN) or is missing.
 */
export function findUnreachableTiers(
  tiers: readonly TierCondition[],
  isNumeric: (identifier: string) => boolean,
): UnreachableTier[] {
  const found: UnreachableTier[] = [];
  const regions: Array<Region | null> = [];
  const firstDefault = tiers.findIndex((t) => t.isDefault);
  for (const [j, tier] of tiers.entries()) {
    if (firstDefault >= 0 && j > firstDefault) {
      found.push({ tier: j, shadowedBy: [firstDefault] });
      continue;
    }
    const when = tier.isDefault ? null : tier.when;
    const region = (over: boolean) =>
      when ? regionOf(when, true, { over, isNumeric }) : over || tier.isDefault ? [FULL] : [];
    const over = region(true);
    const by = hasWitness(over, regions) ? null : shadowing(over, regions);
    if (by && by.length > 0) found.push({ tier: j, shadowedBy: by });
    regions.push(by && by.length > 0 ? null : { over, under: region(false) });
  }
  return found;
}
