import type { ChurnAlertPlan } from "../alerts/churn-alert.ts";
import type { BgnbdFit } from "../clv/bgnbd-fit.ts";
import type { ValueType } from "../metrics/metric-catalogue.ts";
import type { Day } from "../time/calendar.ts";
import type { CustomerMetrics, RfmCuts } from "./customer-metrics.ts";

/** One recorded run of a rule file. */
export interface RunRecord {
  runId: number;
  asOf: Day;
  rulesPath: string | null;
  rulesText: string;
  customers: number;
  /** RFM cut points of the run, when its rules enable RFM. */
  rfmCuts: RfmCuts | null;
  /** The BG/NBD fit that scored p_alive, when its rules enable `clv:`. */
  clvFit: BgnbdFit | null;
}

/** One interval of a customer's tier in one dimension; `validTo` is exclusive, null while current. */
export interface TierInterval {
  customerId: string;
  dimension: string;
  tier: string;
  previousTier: string | null;
  validFrom: Day;
  validTo: Day | null;
}

/** A customer's move between tiers recorded by a run. */
export interface TierMove {
  dimension: string;
  from: string | null;
  to: string | null;
  count: number;
}

export interface NewRun {
  asOf: Day;
  rfmCuts: RfmCuts | null;
  /** The BG/NBD fit used, when the rules enable `clv:`. */
  clvFit?: BgnbdFit | null;
  rulesPath: string | null;
  rulesText: string;
  assignments: ReadonlyArray<{ customerId: string; tiers: Record<string, string | null> }>;
  /** Churn alerts to queue, in the run's transaction, for the churn events it records. */
  churnAlerts?: ChurnAlertPlan | null;
}

/** Churn alerts a run queued, and those it did not: snoozed customers are skipped. */
export interface AlertsQueued {
  queued: number;
  snoozed: number;
  /** Queued, but the customer has no account manager to send them to. */
  withoutRecipient: number;
}

export interface RunOutcome {
  run: RunRecord;
  /** False when an identical run for the same date was already recorded. */
  recorded: boolean;
  moves: TierMove[];
  /** Present when the run was asked to queue churn alerts and recorded. */
  alerts?: AlertsQueued;
}

/** A customer's identity and monetary value over a window. */
export interface CustomerValue {
  customer_id: string;
  name: string | null;
  account_manager: string | null;
  monetary: number;
}

/** When a customer bought, for the BG/NBD model: days as in time/calendar.ts. */
export interface PurchaseDays {
  customerId: string;
  firstDay: Day;
  lastDay: Day;
  /** Distinct days with an order: the first purchase plus the repeat purchases. */
  days: number;
}

/** A customer found by id or name. */
export interface CustomerMatch {
  customerId: string;
  name: string | null;
}

/**
 * What the engine needs from storage. Metrics are computed where the orders are (SQL for
 * SQLite); tier history is written one run at a time, atomically.
 */
export interface EngineStore {
  /**
   * Metrics of every customer with an order on or before `asOf` (or of `customerIds` only),
   * over orders from `windowStart` (null: all history) to `asOf`, both inclusive.
   */
  customerMetrics(
    asOf: Day,
    windowStart: Day | null,
    customerIds?: readonly string[],
  ): Promise<CustomerMetrics[]>;
  /**
   * Name, account manager and monetary (the sum of amounts from `windowStart` to `asOf`) of
   * the given customers: the value a churned customer took away, without the other metrics.
   */
  customerValues(
    asOf: Day,
    windowStart: Day | null,
    customerIds: readonly string[],
  ): Promise<CustomerValue[]>;
  /**
   * Each customer's first and last order day and number of days with an order, over all
   * orders on or before `asOf` (of `customerIds` only, if given), ordered by customer id.
   */
  purchaseDays(asOf: Day, customerIds?: readonly string[]): Promise<PurchaseDays[]>;
  /** Types of the customer attributes present in the data, for validating rules. */
  attributeTypes(): Promise<Record<string, ValueType>>;
  latestRun(): Promise<RunRecord | undefined>;
  /** The latest run as of `asOf` with exactly these rules, if one was recorded. */
  findRun(asOf: Day, rulesText: string): Promise<RunRecord | undefined>;
  /** Records a run and its tier changes in one transaction; throws if `asOf` is before the latest run. */
  recordRun(run: NewRun): Promise<RunOutcome>;
  /** A customer's tier intervals, newest first. */
  tierHistory(customerId: string): Promise<TierInterval[]>;
  /** Intervals that began in [from, to] in `dimension` and `tier`, after another tier. */
  enteredTier(dimension: string, tier: string, from: Day, to: Day): Promise<TierInterval[]>;
  /** How many intervals `enteredTier` would return. */
  countEnteredTier(dimension: string, tier: string, from: Day, to: Day): Promise<number>;
  /** Customers whose id equals `query`, whose name equals it (any case), or contains it. */
  findCustomers(query: string): Promise<{ exact: CustomerMatch[]; partial: CustomerMatch[] }>;
  /** All customer names, for "did you mean" suggestions. */
  customerNames(): Promise<CustomerMatch[]>;
}
