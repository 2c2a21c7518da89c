import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@slack/bolt";
import { openQuestionService } from "@strata/core";
import { AlertSender, type DrainReport } from "./alerts/alert-sender.ts";
import { runAndAlert, type ScheduledRunReport, scheduleRuns } from "./alerts/scheduled-run.ts";
import { checkBotToken } from "./check-bot-token.ts";
import type { BotConfig } from "./config.ts";
import { createSlackApp } from "./create-app.ts";
import { PacedClient, SLACK_TIMEOUT_MS, webClientOptions } from "./paced-client.ts";

/** How long stopping waits for answers being written, in ms. */
const STOP_WAIT_MS = 10_000;
/** How often the outbox is looked at between scheduled runs (alerts queued by `strata run`). */
const OUTBOX_POLL_MS = 60_000;

/**
 * A started bot: the port it listens on (HTTP mode), when the next scheduled run is, and how
 * to run now, drain the alert outbox now, or stop, letting answers and the alert being sent
 * finish.
 */
export interface RunningBot {
  port: number | null;
  nextRun: Date | null;
  runNow(): Promise<ScheduledRunReport>;
  drain(): Promise<DrainReport>;
  stop(): Promise<void>;
}

/** Slack's own Web API, when SLACK_API_URL does not say otherwise. */
const SLACK_API_URL = "https://slack.com/api/";

/**
 * Opens the database and rules, checks the bot token with Slack, then starts the Slack app.
 * Throws what opening the data or checking the token throws (StrataError with
 * `details.setting`), or the server's error (e.g. EADDRINUSE).
 */
export async function startBot(
  config: BotConfig,
  now: () => Date,
  options: { logger?: Logger; quickAnswerMs?: number; slackTimeoutMs?: number } = {},
): Promise<RunningBot> {
  const service = await openQuestionService({
    db: config.db,
    ...(config.rules !== null ? { rules: config.rules } : {}),
    ...(config.asOf !== null ? { asOf: config.asOf } : {}),
    timeZone: config.timeZone,
    now,
  });
  try {
    const slack = PacedClient.forToken(
      config.botToken,
      webClientOptions(config.slackApiUrl, options.slackTimeoutMs ?? SLACK_TIMEOUT_MS),
      () => now().getTime(),
    );
    await checkBotToken(slack, config.slackApiUrl ?? SLACK_API_URL);
    const { app, inFlight } = createSlackApp(config, { service, now, ...options });
    let port: number | null = null;
    if (config.mode.kind === "http") {
      const { port: wanted, host } = config.mode;
      const server = (await app.start({ port: wanted, ...(host ? { host } : {}) })) as Server;
      port = (server.address() as AddressInfo).port;
    } else {
      await app.start();
    }
    const sender = new AlertSender(service.alerts, slack, now, app.logger);
    const runNow = () =>
      runAndAlert({ db: config.db, rules: config.rules }, service.today, sender, app.logger);
    const job = scheduleRuns(config.schedule, config.timeZone, runNow, app.logger);
    const drain = () => sender.drain();
    const logDrain = () =>
      drain().catch((error) => app.logger.error("draining churn alerts failed:", error));
    void logDrain();
    const poll = setInterval(logDrain, OUTBOX_POLL_MS);
    return {
      port,
      nextRun: job.nextRun(),
      runNow,
      drain,
      stop: async () => {
        job.stop();
        clearInterval(poll);
        await app.stop();
        await sender.stop();
        await inFlight.settled(STOP_WAIT_MS);
        await service.close();
      },
    };
  } catch (error) {
    await service.close();
    throw error;
  }
}
