import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@slack/bolt";
import { openQuestionService } from "@strata/core";
import type { BotConfig } from "./config.ts";
import { createSlackApp } from "./create-app.ts";

/** How long stopping waits for answers being written, in ms. */
const STOP_WAIT_MS = 10_000;

/** A started bot: the port it listens on (HTTP mode) and how to stop it, letting answers finish. */
export interface RunningBot {
  port: number | null;
  stop(): Promise<void>;
}

/**
 * Opens the database and rules, then starts the Slack app. Throws what opening the data throws
 * (StrataError with `details.setting`), or the server's error (e.g. EADDRINUSE).
 */
export async function startBot(
  config: BotConfig,
  now: () => Date,
  logger?: Logger,
): Promise<RunningBot> {
  const service = await openQuestionService({
    db: config.db,
    ...(config.rules !== null ? { rules: config.rules } : {}),
    ...(config.asOf !== null ? { asOf: config.asOf } : {}),
    timeZone: config.timeZone,
    now,
  });
  try {
    const { app, inFlight } = createSlackApp(config, {
      service,
      now,
      ...(logger ? { logger } : {}),
    });
    let port: number | null = null;
    if (config.mode.kind === "http") {
      const { port: wanted, host } = config.mode;
      const server = (await app.start({ port: wanted, ...(host ? { host } : {}) })) as Server;
      port = (server.address() as AddressInfo).port;
    } else {
      await app.start();
    }
    return {
      port,
      stop: async () => {
        await app.stop();
        await inFlight.settled(STOP_WAIT_MS);
        await service.close();
      },
    };
  } catch (error) {
    await service.close();
    throw error;
  }
}
