import { App, type Logger, LogLevel } from "@slack/bolt";
import type { QuestionService } from "@strata/core";
import type { AnswerContext } from "./answer-once.ts";
import type { BotConfig } from "./config.ts";
import { registerAlertActions } from "./handlers/alert-actions.ts";
import { registerConversation } from "./handlers/conversation.ts";
import { registerPickCustomer } from "./handlers/pick-customer.ts";
import { registerSlashCommands } from "./handlers/slash-commands.ts";
import { InFlight } from "./in-flight.ts";
import { SLACK_TIMEOUT_MS, webClientOptions } from "./paced-client.ts";

/** What the app needs besides its settings. */
export interface BotDeps {
  service: QuestionService;
  /** The clock, for the audit; answers take their day from the service. */
  now: () => Date;
  logger?: Logger;
  /** See AnswerContext.quickAnswerMs; default QUICK_ANSWER_MS. */
  quickAnswerMs?: number;
  /** How long a call to Slack may take, in ms; default SLACK_TIMEOUT_MS. */
  slackTimeoutMs?: number;
}

/** How long a slash command's answer may take to come back in the acknowledgement, in ms. */
export const QUICK_ANSWER_MS = 1500;

const LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
} as const;

/**
 * The Bolt app, and the answers it is writing: HTTP mode on /slack/events, or Socket Mode, with
 * every Web API call going to `config.slackApiUrl` when set. The app itself calls nothing at
 * start-up (startBot checks the token): the token is handed to each request as is.
 */
export function createSlackApp(config: BotConfig, deps: BotDeps): { app: App; inFlight: InFlight } {
  // No call is repeated after a failure or timeout: the answer may have been posted already.
  const clientOptions = webClientOptions(
    config.slackApiUrl,
    deps.slackTimeoutMs ?? SLACK_TIMEOUT_MS,
  );
  const shared = {
    authorize: async () => ({ botToken: config.botToken }),
    // The bot keeps no conversation state: skip Bolt's per-request conversation store.
    convoStore: false as const,
    clientOptions,
    logLevel: LEVELS[config.logLevel],
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  const app =
    config.mode.kind === "http"
      ? new App({
          ...shared,
          signingSecret: config.mode.signingSecret,
          endpoints: "/slack/events",
        })
      : new App({
          ...shared,
          socketMode: true,
          appToken: config.mode.appToken,
          installerOptions: { clientOptions },
        });
  const inFlight = new InFlight();
  const ctx: AnswerContext = {
    audit: deps.service.audit,
    inFlight,
    access: config,
    now: deps.now,
    logger: app.logger,
    quickAnswerMs: deps.quickAnswerMs ?? QUICK_ANSWER_MS,
  };
  registerSlashCommands(app, ctx, deps.service);
  registerPickCustomer(app, ctx, deps.service);
  registerConversation(app, ctx, deps.service);
  registerAlertActions(app, ctx, deps.service);
  app.error(async (error) => {
    app.logger.error(error);
  });
  return { app, inFlight };
}
