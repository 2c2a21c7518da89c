import { type ComparisonOp, type Expr, isComparison, type Literal } from "../expression/ast.ts";
import { compare } from "../expression/compile-js.ts";

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

/** Above this many boxes in one region the analysis gives up (over-approximates or covers nothing). */
const MAX_BOXES = 256;

// A point just below (-1), at (0) or just above (+1) `at`; ±Infinity ends are closed so that
// infinite values stay inside unbounded intervals.
type Bound = { at: number; eps: number };
type Interval = { lo: Bound; hi: Bound };
type Atom = string | number | boolean;
/** The values one identifier may take; `nul` admits the missing value. */
type VarSet =
  | { kind: "num"; nul: boolean; parts: Interval[] }
  | { kind: "atoms"; nul: boolean; values: ReadonlySet<Atom>; co: boolean };
/** A set of rows: each named identifier within its set, every other identifier free. */
type Box = ReadonlyMap<string, VarSet>;
/** `over`: a region that holds every row where the condition is true; else only such rows. */
type Approximation = { over: boolean; isNumeric: (name: string) => boolean };

const FULL: Box = new Map();
const ALL_REALS: Interval = { lo: { at: -Infinity, eps: 0 }, hi: { at: Infinity, eps: 0 } };

function cmp(a: Bound, b: Bound): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.eps - b.eps;
}

function interval(lo: number, loOpen: boolean, hi: number, hiOpen: boolean): Interval {
  return { lo: { at: lo, eps: loOpen ? 1 : 0 }, hi: { at: hi, eps: hiOpen ? -1 : 0 } };
}

function isEmptyInterval(i: Interval): boolean {
  return cmp(i.lo, i.hi) > 0;
}

/** The complement within the real line of sorted, disjoint intervals. */
function gaps(parts: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let lo = ALL_REALS.lo;
  for (const p of parts) {
    out.push({ lo, hi: { at: p.lo.at, eps: p.lo.eps - 1 } });
    lo = { at: p.hi.at, eps: p.hi.eps + 1 };
  }
  out.push({ lo, hi: ALL_REALS.hi });
  return out.filter((i) => !isEmptyInterval(i));
}

function isEmptySet(s: VarSet): boolean {
  if (s.nul) return false;
  return s.kind === "num" ? s.parts.length === 0 : !s.co && s.values.size === 0;
}

function fullLike(s: VarSet): VarSet {
  return s.kind === "num"
    ? { kind: "num", nul: true, parts: [ALL_REALS] }
    : { kind: "atoms", nul: true, values: new Set(), co: true };
}

function complement(s: VarSet): VarSet {
  return s.kind === "num"
    ? { kind: "num", nul: !s.nul, parts: gaps(s.parts) }
    : { ...s, nul: !s.nul, co: !s.co };
}

function intersectSets(a: VarSet, b: VarSet): VarSet {
  const nul = a.nul && b.nul;
  if (a.kind === "num" && b.kind === "num") {
    const parts = a.parts
      .flatMap((x) =>
        b.parts.map((y) => ({
          lo: cmp(x.lo, y.lo) >= 0 ? x.lo : y.lo,
          hi: cmp(x.hi, y.hi) <= 0 ? x.hi : y.hi,
        })),
      )
      .filter((i) => !isEmptyInterval(i))
      .sort((x, y) => cmp(x.lo, y.lo));
    return { kind: "num", nul, parts };
  }
  if (a.kind === "atoms" && b.kind === "atoms") {
    if (a.co && b.co)
      return { kind: "atoms", nul, values: new Set([...a.values, ...b.values]), co: true };
    const [finite, other] = a.co ? [b, a] : [a, b];
    const values = [...finite.values].filter((v) => other.values.has(v) === !other.co);
    return { kind: "atoms", nul, values: new Set(values), co: false };
  }
  // An identifier's kind comes from isNumeric alone, so both sides always agree.
  return a;
}

function intersectBoxes(a: Box, b: Box): Box | null {
  const out = new Map(a);
  for (const [name, set] of b) {
    const mine = out.get(name);
    const both = mine ? intersectSets(mine, set) : set;
    if (isEmptySet(both)) return null;
    out.set(name, both);
  }
  return out;
}

/** `a` minus `b` as disjoint boxes, at most one per identifier `b` constrains. */
function subtractBox(a: Box, b: Box): Box[] {
  if (!intersectBoxes(a, b)) return [a];
  const out: Box[] = [];
  const rest = new Map(a);
  for (const [name, set] of b) {
    const mine = rest.get(name) ?? fullLike(set);
    const outside = intersectSets(mine, complement(set));
    if (!isEmptySet(outside)) out.push(new Map(rest).set(name, outside));
    rest.set(name, intersectSets(mine, set));
  }
  return out;
}

const FLIP: Record<ComparisonOp, ComparisonOp> = {
  "==": "==",
  "!=": "!=",
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
};

function numeric(op: ComparisonOp, c: number): Interval[] {
  const point = [interval(c, false, c, false)];
  if (op === "==" || op === "!=") return op === "==" ? point : gaps(point);
  return op.startsWith("<")
    ? [interval(-Infinity, false, c, op === "<")]
    : [interval(c, op === ">", Infinity, false)];
}

function isLiteral(e: Expr): e is Literal {
  return e.kind === "number" || e.kind === "string" || e.kind === "boolean";
}

type Sets = { t: VarSet; f: VarSet };

function numSets(parts: Interval[]): Sets {
  return {
    t: { kind: "num", nul: false, parts },
    f: { kind: "num", nul: false, parts: gaps(parts) },
  };
}

function atomSets(items: readonly Literal[], negated: boolean): Sets {
  const values = new Set(items.map((i) => i.value));
  const t: VarSet = { kind: "atoms", nul: false, values, co: negated };
  return { t, f: { ...t, co: !negated } };
}

/** Where a predicate over one identifier is true (`t`) and false (`f`); null if not analysable. */
function predicateSets(expr: Expr, isNumeric: (name: string) => boolean): [string, Sets] | null {
  if (expr.kind === "binary" && isComparison(expr.op)) {
    const { left, right } = expr;
    const [id, lit, op] =
      left.kind === "identifier" ? [left, right, expr.op] : [right, left, FLIP[expr.op]];
    if (id.kind !== "identifier") return null;
    if (isNumeric(id.name))
      return lit.kind === "number" ? [id.name, numSets(numeric(op, lit.value))] : null;
    if (op !== "==" && op !== "!=") return null;
    return isLiteral(lit) ? [id.name, atomSets([lit], op === "!=")] : null;
  }
  if (expr.kind === "between") {
    const { operand: id, low, high } = expr;
    if (id.kind !== "identifier" || low.kind !== "number" || high.kind !== "number") return null;
    if (!isNumeric(id.name)) return null;
    const parts = low.value <= high.value ? [interval(low.value, false, high.value, false)] : [];
    return [id.name, numSets(parts)];
  }
  if (expr.kind === "in" && expr.operand.kind === "identifier") {
    const name = expr.operand.name;
    if (!isNumeric(name)) return [name, atomSets(expr.list, expr.negated)];
    const points: number[] = [];
    for (const item of expr.list) {
      if (item.kind !== "number") return null;
      points.push(item.value);
    }
    const sorted = [...new Set(points)].sort((a, b) => a - b);
    const sets = numSets(sorted.map((c) => interval(c, false, c, false)));
    return [name, expr.negated ? { t: sets.f, f: sets.t } : sets];
  }
  if (expr.kind === "missing" && expr.operand.kind === "identifier") {
    const name = expr.operand.name;
    const present: VarSet = isNumeric(name)
      ? { kind: "num", nul: false, parts: [ALL_REALS] }
      : { kind: "atoms", nul: false, values: new Set(), co: true };
    const absent = complement(present);
    return [name, expr.negated ? { t: present, f: absent } : { t: absent, f: present }];
  }
  return null;
}

/** Boxes whose union is where `expr` is true (`positive`) or false: approximated as `how` says. */
function regionOf(expr: Expr, positive: boolean, how: Approximation): Box[] {
  const giveUp = how.over ? [FULL] : [];
  if (expr.kind === "not") return regionOf(expr.operand, !positive, how);
  if (expr.kind === "binary" && (expr.op === "and" || expr.op === "or")) {
    const left = regionOf(expr.left, positive, how);
    const right = regionOf(expr.right, positive, how);
    if ((expr.op === "and") === positive) {
      if (left.length * right.length > MAX_BOXES) return giveUp;
      return left.flatMap((a) => right.flatMap((b) => intersectBoxes(a, b) ?? []));
    }
    const union = [...left, ...right];
    if (union.some((b) => b.size === 0)) return [FULL];
    return union.length > MAX_BOXES ? giveUp : union;
  }
  if (expr.kind === "boolean") return expr.value === positive ? [FULL] : [];
  if (
    expr.kind === "binary" &&
    isComparison(expr.op) &&
    isLiteral(expr.left) &&
    isLiteral(expr.right)
  ) {
    return compare(expr.op, expr.left.value, expr.right.value) === positive ? [FULL] : [];
  }
  const sets = predicateSets(expr, how.isNumeric);
  if (!sets) return giveUp;
  const [name, { t, f }] = sets;
  const set = positive ? t : f;
  return isEmptySet(set) ? [] : [new Map([[name, set]])];
}

interface Region {
  over: Box[];
  under: Box[];
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
    const by = shadowing(over, regions);
    if (by && by.length > 0) found.push({ tier: j, shadowedBy: by });
    regions.push(by && by.length > 0 ? null : { over, under: region(false) });
  }
  return found;
}
