import type { BgnbdFit } from "../../clv/bgnbd-fit.ts";
import type { RfmCuts } from "../../engine/customer-metrics.ts";
import type {
  NewRun,
  RunOutcome,
  RunRecord,
  TierInterval,
  TierMove,
} from "../../engine/engine-store.ts";
import { StrataError } from "../../errors.ts";
import { formatDay } from "../../time/calendar.ts";
import { dropTakenBackAlerts, queueChurnAlerts } from "./churn-alert-queue.ts";
import type { SqliteConnection } from "./connection.ts";

interface RunRow {
  run_id: number;
  as_of: number;
  rules_path: string | null;
  rules_text: string;
  customers: number;
  rfm_cuts: string | null;
  clv_fit: string | null;
}

interface IntervalRow {
  customer_id: string;
  dimension: string;
  tier: string;
  previous_tier: string | null;
  valid_from: number;
  valid_to: number | null;
}

const toRun = (r: RunRow): RunRecord => ({
  runId: r.run_id,
  asOf: r.as_of,
  rulesPath: r.rules_path,
  rulesText: r.rules_text,
  customers: r.customers,
  rfmCuts: r.rfm_cuts === null ? null : (JSON.parse(r.rfm_cuts) as RfmCuts),
  clvFit: r.clv_fit === null ? null : (JSON.parse(r.clv_fit) as BgnbdFit),
});

const toInterval = (r: IntervalRow): TierInterval => ({
  customerId: r.customer_id,
  dimension: r.dimension,
  tier: r.tier,
  previousTier: r.previous_tier,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function findRun(
  db: SqliteConnection,
  asOf: number,
  rulesText: string,
): Promise<RunRecord | undefined> {
  const row = await db.get<RunRow>(
    "SELECT * FROM runs WHERE as_of = ? AND rules_text = ? ORDER BY run_id DESC LIMIT 1",
    [asOf, rulesText],
  );
  return row && toRun(row);
}

export async function latestRun(db: SqliteConnection): Promise<RunRecord | undefined> {
  const row = await db.get<RunRow>("SELECT * FROM runs ORDER BY as_of DESC, run_id DESC LIMIT 1");
  return row && toRun(row);
}

interface OpenInterval {
  id: number;
  customer_id: string;
  dimension: string;
  tier: string;
  valid_from: number;
}

/**
 * Every open interval by `customer\0dimension`. Read one row per customer, concatenated
 * inside SQLite from the covering index: three times faster than a row per interval.
 */
async function openIntervals(db: SqliteConnection): Promise<Map<string, OpenInterval>> {
  const current = new Map<string, OpenInterval>();
  await db.each<{ customer_id: string; intervals: string }>(
    `SELECT customer_id,
            group_concat(dimension || char(9) || tier || char(9) || valid_from || char(9) || rowid, char(10)) AS intervals
     FROM tier_history WHERE valid_to IS NULL GROUP BY customer_id`,
    [],
    ({ customer_id, intervals }) => {
      for (const line of intervals.split("\n")) {
        const [dimension = "", tier = "", from = "", id = ""] = line.split("\t");
        current.set(`${customer_id}\u0000${dimension}`, {
          id: Number(id),
          customer_id,
          dimension,
          tier,
          valid_from: Number(from),
        });
      }
    },
  );
  return current;
}

/** Rows per statement when writing history. */
const CHUNK = 5000;

/**
 * Records a run: for each customer and dimension whose tier differs from its open interval,
 * closes that interval on `asOf` and opens the new one, all in one transaction. A second run
 * on the latest date corrects the intervals that began that day instead of stacking new ones.
 * The differences are written in chunks as they are found; the churn alerts the run
 * asks for are queued in the same transaction.
 */
export async function recordRun(db: SqliteConnection, run: NewRun): Promise<RunOutcome> {
  return db.transaction(async () => {
    const latest = await latestRun(db);
    if (latest && run.asOf < latest.asOf) {
      throw new StrataError(
        "usage",
        `tier history is recorded up to ${formatDay(latest.asOf)}; a run for ${formatDay(run.asOf)} would rewrite the past. Run for ${formatDay(latest.asOf)} or later, or backfill into a new database`,
      );
    }
    const current = await openIntervals(db);
    const { lastId: runId } = await db.run(
      "INSERT INTO runs (as_of, rules_path, rules_text, customers, rfm_cuts, clv_fit) VALUES (?, ?, ?, ?, ?, ?)",
      [
        run.asOf,
        run.rulesPath,
        run.rulesText,
        run.assignments.length,
        run.rfmCuts && JSON.stringify(run.rfmCuts),
        run.clvFit ? JSON.stringify(run.clvFit) : null,
      ],
    );
    const moves = new Map<string, TierMove>();
    let closes: number[] = [];
    /** New intervals as [customer, dimension, tier, previous tier]. */
    let opens: Array<[string, string, string, string | null]> = [];
    const corrections: Array<{ before: OpenInterval; tier: string | null }> = [];
    // Rows travel as one JSON parameter per chunk that SQLite unpacks with json_each (about
    // twice as fast as binding every value), written as the chunks fill to bound memory.
    const write = async (all: boolean) => {
      if (closes.length >= CHUNK || (all && closes.length > 0)) {
        await db.run(
          "UPDATE tier_history SET valid_to = ? WHERE rowid IN (SELECT value FROM json_each(?))",
          [run.asOf, JSON.stringify(closes)],
        );
        closes = [];
      }
      if (opens.length >= CHUNK || (all && opens.length > 0)) {
        await db.run(
          `INSERT INTO tier_history (customer_id, dimension, tier, previous_tier, valid_from, run_id)
           SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, ?, ? FROM json_each(?)`,
          [run.asOf, runId, JSON.stringify(opens)],
        );
        opens = [];
      }
    };
    const change = (
      customerId: string,
      dimension: string,
      before: OpenInterval | undefined,
      tier: string | null,
    ) => {
      if ((before?.tier ?? null) === tier) return;
      const key = `${dimension}\u0000${before?.tier ?? ""}\u0000${tier ?? ""}`;
      const move = moves.get(key) ?? { dimension, from: before?.tier ?? null, to: tier, count: 0 };
      move.count++;
      moves.set(key, move);
      if (before && before.valid_from === run.asOf) {
        corrections.push({ before, tier });
        return;
      }
      if (before) closes.push(before.id);
      if (tier !== null) opens.push([customerId, dimension, tier, before?.tier ?? null]);
    };
    for (const { customerId, tiers } of run.assignments) {
      for (const dimension in tiers) {
        const k = `${customerId}\u0000${dimension}`;
        change(customerId, dimension, current.get(k), tiers[dimension] ?? null);
        current.delete(k);
      }
      await write(false);
    }
    for (const before of current.values())
      change(before.customer_id, before.dimension, before, null);
    await write(true);
    for (const { before, tier } of corrections)
      await correctToday(db, before, tier, run.asOf, runId);
    if (latest?.asOf === run.asOf && latest.rulesText === run.rulesText && moves.size === 0) {
      // The same rules on the same day placed everyone as before: nothing to record.
      await db.run("DELETE FROM runs WHERE run_id = ?", [runId]);
      return { run: latest, recorded: false, moves: [] };
    }
    await dropTakenBackAlerts(db, run.asOf);
    const alerts =
      run.churnAlerts && (await queueChurnAlerts(db, runId, run.asOf, run.churnAlerts));
    const record = await db.get<RunRow>("SELECT * FROM runs WHERE run_id = ?", [runId]);
    if (!record) throw new StrataError("internal", "the run just recorded is missing");
    return {
      run: toRun(record),
      recorded: true,
      moves: [...moves.values()],
      ...(alerts ? { alerts } : {}),
    };
  });
}

/** Replaces an interval that began on `asOf` (an earlier run the same day) by `tier`. */
async function correctToday(
  db: SqliteConnection,
  before: OpenInterval,
  tier: string | null,
  asOf: number,
  runId: number,
) {
  const row = await db.get<{ previous_tier: string | null }>(
    "SELECT previous_tier FROM tier_history WHERE rowid = ?",
    [before.id],
  );
  const previous = row?.previous_tier ?? null;
  await db.run("DELETE FROM tier_history WHERE rowid = ?", [before.id]);
  if (previous !== null && previous === tier) {
    await db.run(
      "UPDATE tier_history SET valid_to = NULL WHERE customer_id = ? AND dimension = ? AND valid_to = ?",
      [before.customer_id, before.dimension, asOf],
    );
  } else if (tier !== null) {
    await db.run(
      "INSERT INTO tier_history (customer_id, dimension, tier, previous_tier, valid_from, run_id) VALUES (?, ?, ?, ?, ?, ?)",
      [before.customer_id, before.dimension, tier, previous, asOf, runId],
    );
  }
}

export async function tierHistory(
  db: SqliteConnection,
  customerId: string,
): Promise<TierInterval[]> {
  const rows = await db.all<IntervalRow>(
    "SELECT * FROM tier_history WHERE customer_id = ? ORDER BY valid_from DESC, dimension",
    [customerId],
  );
  return rows.map(toInterval);
}

/** Intervals of `tier` that began in [from, to] after another tier of `dimension`. */
const ENTERED = `FROM tier_history
  WHERE dimension = ? AND tier = ? AND valid_from BETWEEN ? AND ?
    AND previous_tier IS NOT NULL AND previous_tier <> tier`;

export async function enteredTier(
  db: SqliteConnection,
  dimension: string,
  tier: string,
  from: number,
  to: number,
): Promise<TierInterval[]> {
  const rows = await db.all<IntervalRow>(`SELECT * ${ENTERED} ORDER BY valid_from, customer_id`, [
    dimension,
    tier,
    from,
    to,
  ]);
  return rows.map(toInterval);
}

export async function countEnteredTier(
  db: SqliteConnection,
  dimension: string,
  tier: string,
  from: number,
  to: number,
): Promise<number> {
  const row = await db.get<{ n: number }>(`SELECT count(*) AS n ${ENTERED}`, [
    dimension,
    tier,
    from,
    to,
  ]);
  return row?.n ?? 0;
}
