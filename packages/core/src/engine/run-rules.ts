import { planChurnAlerts } from "../alerts/churn-alert.ts";
import { StrataError } from "../errors.ts";
import { windowStart } from "../metrics/metrics-window.ts";
import type { RuleFile } from "../rules/rule-file.ts";
import type { Day } from "../time/calendar.ts";
import { addClv } from "./customer-clv.ts";
import type { EngineStore, RunOutcome } from "./engine-store.ts";
import { evaluateTiers } from "./evaluate-tiers.ts";
import { type TierChanges, tierChanges } from "./tier-changes.ts";
import { type Summary, summarise } from "./tier-summary.ts";

/** A rule file ready to run: its model, its text (kept with each run) and where it came from. */
export interface Rules {
  file: RuleFile;
  text: string;
  path: string | null;
}

/** Told what a run is doing, at each step: "reading every customer's metrics" … */
export type RunProgress = (step: string) => void;

/**
 * Every customer's metrics and tiers as of `asOf`, without writing anything; with `clv:`,
 * p_alive and expected_orders_90d from a BG/NBD fit on everyone as of that date.
 */
export async function evaluateAsOf(
  store: Pick<EngineStore, "customerMetrics" | "purchaseDays">,
  rules: Rules,
  asOf: Day,
  progress: RunProgress = () => {},
) {
  progress("reading every customer's metrics");
  const customers = await store.customerMetrics(asOf, windowStart(rules.file.window, asOf));
  const customerCount = `${customers.length.toLocaleString("en-US")} customers`;
  if (rules.file.clv) progress(`fitting BG/NBD to ${customerCount}`);
  const clvFit = rules.file.clv
    ? await addClv(store, asOf, customers, null).catch((error: unknown) => {
        if (!(error instanceof StrataError)) throw error;
        throw new StrataError(
          error.code,
          `${error.message}. The rules' \`clv:\` asks for this fit (p_alive, expected_orders_90d): remove it from ${rules.path ?? "the rules"} until the data allows one`,
        );
      })
    : null;
  progress(`placing ${customerCount} in tiers`);
  return { ...evaluateTiers(rules.file, customers), clvFit };
}

/** Counts per tier, shares, unassigned customers and the matrix, as of `asOf`; writes nothing. */
export async function preview(
  store: Pick<EngineStore, "customerMetrics" | "purchaseDays">,
  rules: Rules,
  asOf: Day,
  matrix?: [string, string],
  progress?: RunProgress,
): Promise<Summary> {
  const { assignments } = await evaluateAsOf(store, rules, asOf, progress);
  return summarise(rules.file, assignments, matrix);
}

/**
 * What replacing the rules `before` by `after` does to the customers as of `asOf`: how many
 * move from which tier to which, per dimension both have. Writes nothing.
 */
export async function compareRules(
  store: Pick<EngineStore, "customerMetrics" | "purchaseDays">,
  before: Rules,
  after: Rules,
  asOf: Day,
  progress?: RunProgress,
): Promise<TierChanges> {
  const tiersOf = async (rules: Rules) =>
    (await evaluateAsOf(store, rules, asOf, progress)).assignments.map((a) => ({
      customerId: a.customer.customer_id,
      tiers: a.tiers,
    }));
  const ids = (rules: Rules) => rules.file.dimensions.map((d) => d.id);
  return tierChanges(await tiersOf(before), await tiersOf(after), ids(before), ids(after));
}

export interface RunResult extends RunOutcome {
  summary: Summary;
}

/**
 * Evaluates every dimension for every customer as of `asOf` and records the tier history,
 * queuing the churn alerts the rules ask for (unless `alerts` is false, as for history built
 * after the fact). Running again for the same date and rules changes nothing. Throws
 * StrataError("usage") for a date before the latest recorded run.
 */
export async function runRules(
  store: EngineStore,
  rules: Rules,
  asOf: Day,
  { alerts = true, progress }: { alerts?: boolean; progress?: RunProgress } = {},
): Promise<RunResult> {
  const { assignments, rfmCuts, clvFit } = await evaluateAsOf(store, rules, asOf, progress);
  progress?.("recording the tier history");
  const outcome = await store.recordRun({
    asOf,
    rfmCuts,
    clvFit,
    rulesPath: rules.path,
    rulesText: rules.text,
    assignments: assignments.map((a) => ({ customerId: a.customer.customer_id, tiers: a.tiers })),
    churnAlerts: alerts ? planChurnAlerts(rules.file, assignments, asOf) : null,
  });
  return { ...outcome, summary: summarise(rules.file, assignments) };
}

/** The days a backfill runs on: `from`, then every day or week, up to and including `to`. */
export function backfillDays(from: Day, to: Day, every: "day" | "week"): Day[] {
  const step = every === "day" ? 1 : 7;
  const days: Day[] = [];
  for (let d = from; d <= to; d += step) days.push(d);
  if (days.at(-1) !== to && every === "week") days.push(to);
  return days;
}

/**
 * Builds tier history from past orders as if `run` had run on each day of `backfillDays`,
 * without churn alerts: that news is old. Each day commits on its own, and days that already
 * have a run of these rules are skipped, so an interrupted backfill resumes where it stopped
 * when run again. Calls `progress` after each day; returns the runs it recorded.
 */
export async function backfill(
  store: EngineStore,
  rules: Rules,
  days: readonly Day[],
  progress?: (done: number, total: number, day: Day) => void,
): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const [i, day] of days.entries()) {
    if (!(await store.findRun(day, rules.text))) {
      results.push(await runRules(store, rules, day, { alerts: false }));
    }
    progress?.(i + 1, days.length, day);
  }
  return results;
}
