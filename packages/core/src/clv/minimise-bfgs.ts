/** A function to minimise, returning its value and gradient at a point. */
export type Objective = (point: readonly number[]) => { value: number; gradient: number[] };

export interface Minimum {
  point: number[];
  value: number;
  gradient: number[];
  iterations: number;
  /** True when the gradient became negligible; false when the iteration limit stopped it. */
  converged: boolean;
}

/**
 * Quasi-Newton minimisation (BFGS, Nocedal & Wright alg. 6.1) with a backtracking line
 * search that also backs off from points where the objective is not finite, so it
 * survives wild first steps. Converges when every gradient component is below
 * `gradientTolerance`, or when a step no longer changes the value.
 */
export function minimiseBfgs(
  objective: Objective,
  start: readonly number[],
  { gradientTolerance = 1e-10, maxIterations = 500 } = {},
): Minimum {
  const n = start.length;
  let point = [...start];
  let { value, gradient } = objective(point);
  if (!Number.isFinite(value)) return { point, value, gradient, iterations: 0, converged: false };
  // The inverse Hessian estimate, starting from the identity.
  let h = identity(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (gradient.every((g) => Math.abs(g) < gradientTolerance)) {
      return { point, value, gradient, iterations: iteration - 1, converged: true };
    }
    let direction = h.map((row) => -dot(row, gradient));
    if (dot(direction, gradient) >= 0) {
      // Not a descent direction: restart from steepest descent.
      h = identity(n);
      direction = gradient.map((g) => -g);
    }
    const slope = dot(direction, gradient);
    let step = 1;
    let next = point;
    let trial = { value: Number.POSITIVE_INFINITY, gradient };
    for (let tries = 0; tries < 60; tries++) {
      next = point.map((p, i) => p + step * (direction[i] as number));
      trial = objective(next);
      if (Number.isFinite(trial.value) && trial.value <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!Number.isFinite(trial.value) || trial.value > value) {
      return { point, value, gradient, iterations: iteration, converged: false };
    }
    const s = next.map((p, i) => p - (point[i] as number));
    const y = trial.gradient.map((g, i) => g - (gradient[i] as number));
    const sy = dot(s, y);
    const unchanged = value - trial.value <= 1e-15 * Math.max(1, Math.abs(value));
    point = next;
    value = trial.value;
    gradient = trial.gradient;
    if (unchanged) {
      const small = gradient.every((g) => Math.abs(g) < Math.sqrt(gradientTolerance));
      return { point, value, gradient, iterations: iteration, converged: small };
    }
    if (sy > 1e-12) h = bfgsUpdate(h, s, y, sy);
  }
  return { point, value, gradient, iterations: maxIterations, converged: false };
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s). */
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  return h.map((row, i) =>
    row.map(
      (hij, j) =>
        hij -
        rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
        (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number),
    ),
  );
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
