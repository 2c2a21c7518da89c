import type {
  NewRun,
  RunOutcome,
  RunRecord,
  TierInterval,
  TierMove,
} from "../../engine/engine-store.ts";
import { StrataError } from "../../errors.ts";
import { formatDay } from "../../time/calendar.ts";
import type { SqliteConnection } from "./connection.ts";

interface RunRow {
  run_id: number;
  as_of: number;
  rules_path: string | null;
  rules_text: string;
  customers: number;
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
});

const toInterval = (r: IntervalRow): TierInterval => ({
  customerId: r.customer_id,
  dimension: r.dimension,
  tier: r.tier,
  previousTier: r.previous_tier,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function latestRun(db: SqliteConnection): Promise<RunRecord | undefined> {
  const row = await db.get<RunRow>("SELECT * FROM runs ORDER BY as_of DESC, run_id DESC LIMIT 1");
  return row && toRun(row);
}

/**
 * Records a run: for each customer and dimension whose tier differs from its open interval,
 * closes that interval on `asOf` and opens the new one, all in one transaction. A second run
 * on the latest date corrects the intervals that began that day instead of stacking new ones.
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
    if (
      latest &&
      latest.asOf === run.asOf &&
      latest.rulesText === run.rulesText &&
      latest.customers === run.assignments.length
    ) {
      return { run: latest, recorded: false, moves: [] };
    }
    const current = new Map<string, IntervalRow>();
    await db.each<IntervalRow>("SELECT * FROM tier_history WHERE valid_to IS NULL", [], (row) => {
      current.set(`${row.customer_id}\u0000${row.dimension}`, row);
    });
    const { lastId: runId } = await db.run(
      "INSERT INTO runs (as_of, rules_path, rules_text, customers) VALUES (?, ?, ?, ?)",
      [run.asOf, run.rulesPath, run.rulesText, run.assignments.length],
    );
    const close = await db.prepare(
      "UPDATE tier_history SET valid_to = ? WHERE customer_id = ? AND dimension = ? AND valid_from = ?",
    );
    const open = await db.prepare(
      "INSERT INTO tier_history (customer_id, dimension, tier, previous_tier, valid_from, run_id) VALUES (?, ?, ?, ?, ?, ?)",
    );
    const remove = await db.prepare(
      "DELETE FROM tier_history WHERE customer_id = ? AND dimension = ? AND valid_from = ?",
    );
    const reopen = await db.prepare(
      "UPDATE tier_history SET valid_to = NULL WHERE customer_id = ? AND dimension = ? AND valid_to = ?",
    );
    const moves = new Map<string, TierMove>();
    const seen = new Set<string>();
    const change = async (
      customerId: string,
      dimension: string,
      before: IntervalRow | undefined,
      tier: string | null,
    ) => {
      if ((before?.tier ?? null) === tier) return;
      const key = `${dimension}\u0000${before?.tier ?? ""}\u0000${tier ?? ""}`;
      const move = moves.get(key) ?? { dimension, from: before?.tier ?? null, to: tier, count: 0 };
      move.count++;
      moves.set(key, move);
      let previous = before?.tier ?? null;
      if (before && before.valid_from === run.asOf) {
        // Today's interval is being corrected: drop it and continue from the one before.
        await remove.run([customerId, dimension, run.asOf]);
        previous = before.previous_tier;
        if (previous !== null && previous === tier) {
          await reopen.run([customerId, dimension, run.asOf]);
          return;
        }
      } else if (before) {
        await close.run([run.asOf, customerId, dimension, before.valid_from]);
      }
      if (tier !== null) await open.run([customerId, dimension, tier, previous, run.asOf, runId]);
    };
    try {
      for (const { customerId, tiers } of run.assignments) {
        for (const [dimension, tier] of Object.entries(tiers)) {
          const k = `${customerId}\u0000${dimension}`;
          seen.add(k);
          await change(customerId, dimension, current.get(k), tier);
        }
      }
      for (const [k, before] of current) {
        if (!seen.has(k)) await change(before.customer_id, before.dimension, before, null);
      }
    } finally {
      await Promise.all([close, open, remove, reopen].map((s) => s.finalize()));
    }
    const record = await db.get<RunRow>("SELECT * FROM runs WHERE run_id = ?", [runId]);
    if (!record) throw new StrataError("internal", "the run just recorded is missing");
    return { run: toRun(record), recorded: true, moves: [...moves.values()] };
  });
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

export async function enteredTier(
  db: SqliteConnection,
  dimension: string,
  tier: string,
  from: number,
  to: number,
): Promise<TierInterval[]> {
  const rows = await db.all<IntervalRow>(
    `SELECT * FROM tier_history
     WHERE dimension = ? AND tier = ? AND valid_from BETWEEN ? AND ? AND previous_tier IS NOT NULL AND previous_tier <> tier
     ORDER BY valid_from, customer_id`,
    [dimension, tier, from, to],
  );
  return rows.map(toInterval);
}
