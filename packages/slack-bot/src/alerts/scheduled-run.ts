import type { Logger } from "@slack/bolt";
import { type Day, formatDay, type RunResult, runDatabase } from "@strata/core";
import { Cron } from "croner";
import type { AlertSender, DrainReport } from "./alert-sender.ts";

/** What one scheduled run did: the run, then the drain of the alerts it queued. */
export interface ScheduledRunReport {
  run: RunResult;
  drain: DrainReport;
}

/**
 * The recurring run: records the tiers as of `today()` (the rule file `rules`, else the rules
 * of the latest run) on a connection of its own, queuing churn alerts in the same
 * transaction, then drains the outbox.
 */
export async function runAndAlert(
  settings: { db: string; rules: string | null },
  today: () => Day,
  sender: AlertSender,
  logger: Logger,
): Promise<ScheduledRunReport> {
  const asOf = today();
  const run = await runDatabase({ db: settings.db, rules: settings.rules, asOf });
  const a = run.alerts;
  logger.info(
    `scheduled run for ${formatDay(asOf)}: ${run.recorded ? `run ${run.run.runId} recorded` : "already recorded"}${a ? `, ${a.queued} churn alert(s) queued, ${a.snoozed} snoozed` : ""}`,
  );
  return { run, drain: await sender.drain() };
}

/**
 * Calls `work` on `schedule` (cron, in `timeZone`); a call still running when the next is due
 * makes that one skip. Errors are logged, never thrown.
 */
export function scheduleRuns(
  schedule: string,
  timeZone: string,
  work: () => Promise<unknown>,
  logger: Logger,
): Cron {
  return new Cron(schedule, { timezone: timeZone, protect: true }, async () => {
    try {
      await work();
    } catch (error) {
      logger.error("the scheduled run failed:", error);
    }
  });
}
