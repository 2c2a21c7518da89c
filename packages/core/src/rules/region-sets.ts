/**
 * Regions of customer space for the unreachable-tier analysis: per-identifier value sets
 * (number intervals, or sets of text/boolean values, each with or without "missing"),
 * boxes of those, and the region where a condition is true, approximated from above or below.
 */
import { type ComparisonOp, type Expr, isComparison, type Literal } from "../expression/ast.ts";

/** Above this many boxes in one region the analysis gives up (over-approximates or covers nothing). */
export const MAX_BOXES = 256;

// A point just below (-1), at (0) or just above (+1) `at`; ±Infinity ends are closed so that
// infinite values stay inside unbounded intervals.
export type Bound = { at: number; eps: number };
export type Interval = { lo: Bound; hi: Bound };
export type Atom = string | number | boolean;
/** The values one identifier may take; `nul` admits the missing value. */
export type VarSet =
  | { kind: "num"; nul: boolean; parts: Interval[] }
  | { kind: "atoms"; nul: boolean; values: ReadonlySet<Atom>; co: boolean };
/** A set of rows: each named identifier within its set, every other identifier free. */
export type Box = ReadonlyMap<string, VarSet>;
/** `over`: a region that holds every row where the condition is true; else only such rows. */
export type Approximation = { over: boolean; isNumeric: (name: string) => boolean };

export const FULL: Box = new Map();
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

export function intersectBoxes(a: Box, b: Box): Box | null {
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
export function subtractBox(a: Box, b: Box): Box[] {
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

const MIRROR: Record<string, ComparisonOp> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

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

const num = (parts: Interval[]): VarSet => ({ kind: "num", nul: false, parts });
const numSets = (parts: Interval[]): Sets => ({ t: num(parts), f: num(gaps(parts)) });

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
      left.kind === "identifier"
        ? [left, right, expr.op]
        : [right, left, MIRROR[expr.op] ?? expr.op];
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
      ? num([ALL_REALS])
      : { kind: "atoms", nul: false, values: new Set(), co: true };
    const absent = complement(present);
    return [name, expr.negated ? { t: present, f: absent } : { t: absent, f: present }];
  }
  return null;
}

/** Boxes whose union is where `expr` is true (`positive`) or false: approximated as `how` says. */
export function regionOf(expr: Expr, positive: boolean, how: Approximation): Box[] {
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
  const sets = predicateSets(expr, how.isNumeric);
  if (!sets) return giveUp;
  const [name, { t, f }] = sets;
  const set = positive ? t : f;
  return isEmptySet(set) ? [] : [new Map([[name, set]])];
}

/** A concrete row: a value per identifier; identifiers not named are missing. */
export type Point = ReadonlyMap<string, Atom | null>;

function inside(i: Interval, low: boolean): number | null {
  const lo = Number.isFinite(i.lo.at) ? i.lo.at : null;
  const hi = Number.isFinite(i.hi.at) ? i.hi.at : null;
  if (low && lo !== null && i.lo.eps === 0) return lo;
  if (!low && hi !== null && i.hi.eps === 0) return hi;
  if (lo !== null && hi !== null) return (lo + hi) / 2;
  if (lo !== null) return lo + 1;
  if (hi !== null) return hi - 1;
  return 0;
}

/** Up to three values of `set`: a low one, a high one, and missing when allowed. */
function valuesIn(set: VarSet): Array<Atom | null> {
  const values: Array<Atom | null> = [];
  if (set.kind === "num") {
    const first = set.parts[0];
    const last = set.parts.at(-1);
    if (first) values.push(inside(first, true));
    if (last) values.push(inside(last, false));
  } else if (set.co) {
    values.push("\u0000other");
  } else {
    values.push(...[...set.values].slice(0, 2));
  }
  if (set.nul) values.push(null);
  return values;
}

function setContains(set: VarSet, value: Atom | null): boolean {
  if (value === null) return set.nul;
  if (set.kind === "atoms") return set.values.has(value) !== set.co;
  if (typeof value !== "number") return false;
  const at: Bound = { at: value, eps: 0 };
  return set.parts.some((p) => cmp(p.lo, at) <= 0 && cmp(at, p.hi) <= 0);
}

/** True when `point` lies in `box`. */
export function boxContains(box: Box, point: Point): boolean {
  for (const [name, set] of box) {
    if (!setContains(set, point.get(name) ?? null)) return false;
  }
  return true;
}

/** A few concrete rows inside `box`: its low corner, its high corner, and missing values. */
export function samplePoints(box: Box): Point[] {
  const picks = [...box].map(([name, set]) => [name, valuesIn(set)] as const);
  return [0, 1, 2].map(
    (k) =>
      new Map(
        picks.map(([name, values]) => [name, values[Math.min(k, values.length - 1)] ?? null]),
      ),
  );
}
