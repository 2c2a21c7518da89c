import { type AuditEntry, openQuestionService } from "@strata/core";
import { readConfig } from "../config.ts";
import { type RunningBot, startBot } from "../start-bot.ts";
import { TODAY } from "./demo-data.ts";
import {
  blockActionBody,
  eventBody,
  type SendOptions,
  type Sent,
  sendToBot,
  slashCommandBody,
} from "./signed-request.ts";
import { SlackStandIn } from "./slack-stand-in.ts";

/** The signing secret the bot under test checks requests with. */
export const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** Who asks, and where, unless a test says otherwise. */
export const REP = { user: "U0SALESREP", channel: "C0SALES" };

let deliveries = 0;
/** A fresh id for a delivery (trigger id, event id). */
export const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${++deliveries}`;

/** The real bot on a loopback port, talking to a Slack stand-in. For tests only. */
export class BotUnderTest {
  private constructor(
    readonly slack: SlackStandIn,
    private readonly bot: RunningBot,
    readonly db: string,
  ) {}

  /** Starts the bot on `db` with the test settings plus `env`. */
  static async start(
    db: string,
    env: Record<string, string> = {},
    slack?: SlackStandIn,
    options: { quickAnswerMs?: number; slackTimeoutMs?: number } = {},
  ): Promise<BotUnderTest> {
    slack ??= await SlackStandIn.start();
    const settings = readConfig(
      {
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SECRET,
        PORT: "0",
        HOST: "127.0.0.1",
        SLACK_API_URL: slack.apiUrl,
        STRATA_DB: db,
        STRATA_AS_OF: TODAY,
        STRATA_LOG_LEVEL: "error",
        ...env,
      },
      process.cwd(),
    );
    if (!settings.ok) throw new Error(settings.error);
    const bot = await startBot(settings.config, () => new Date(), options);
    return new BotUnderTest(slack, bot, db);
  }

  get url(): string {
    return `http://127.0.0.1:${this.bot.port}/slack/events`;
  }

  /** Sends a signed slash command; its response URL is `respond/<trigger id>`. */
  command(
    command: string,
    text: string,
    who = REP,
    options: SendOptions & { trigger?: string } = {},
  ): Promise<Sent & { trigger: string }> {
    const trigger = options.trigger ?? nextId("trig");
    const body = slashCommandBody({
      command,
      text,
      user_id: who.user,
      channel_id: who.channel,
      trigger_id: trigger,
      response_url: this.slack.responseUrl(trigger),
    });
    return this.send(body, "application/x-www-form-urlencoded", options).then((sent) => ({
      ...sent,
      trigger,
    }));
  }

  /**
   * Sends a signed slash command and returns its answer, whether it came back in the
   * acknowledgement or later through the response URL, and how.
   */
  async commandReply(
    command: string,
    text: string,
    who = REP,
    options: SendOptions & { trigger?: string } = {},
  ): Promise<{
    sent: Sent & { trigger: string };
    reply: Record<string, unknown>;
    via: "ack" | "response_url";
  }> {
    const sent = await this.command(command, text, who, options);
    if (sent.status !== 200) throw new Error(`${command} ${text}: HTTP ${sent.status}`);
    if (sent.body !== "") return { sent, reply: JSON.parse(sent.body), via: "ack" };
    const path = `/respond/${sent.trigger}`;
    const deadline = Date.now() + 5000;
    for (;;) {
      const call = this.slack.callsTo("response_url").find((c) => c.path === path);
      if (call) return { sent, reply: call.body, via: "response_url" };
      if (Date.now() > deadline) throw new Error(`no answer to ${command} ${text}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends a signed Events API callback. */
  event(eventId: string, event: Record<string, unknown>, options: SendOptions = {}): Promise<Sent> {
    return this.send(eventBody(eventId, event), "application/json", options);
  }

  /** Sends a signed click on a button with `value`, or with `menu` on an overflow menu's option. */
  click(
    actionId: string,
    value: string,
    who = REP,
    options: SendOptions & { trigger?: string; menu?: boolean } = {},
  ) {
    const trigger = options.trigger ?? nextId("click");
    const body = blockActionBody({
      type: "block_actions",
      team: { id: "T0STRATA", domain: "strata-test" },
      user: { id: who.user, username: "rep", team_id: "T0STRATA" },
      api_app_id: "A0STRATA",
      token: "legacy-verification-token",
      trigger_id: trigger,
      channel: { id: who.channel, name: "sales" },
      container: { type: "message", message_ts: "1773800000.000100", is_ephemeral: true },
      response_url: this.slack.responseUrl(trigger),
      actions: [
        options.menu
          ? {
              type: "overflow",
              block_id: "menu",
              action_id: actionId,
              selected_option: { text: { type: "plain_text", text: value }, value },
              action_ts: "1773800001.000200",
            }
          : {
              type: "button",
              block_id: "pick-customer",
              action_id: actionId,
              value,
              action_ts: "1773800001.000200",
              text: { type: "plain_text", text: value },
            },
      ],
    });
    return this.send(body, "application/x-www-form-urlencoded", options).then((sent) => ({
      ...sent,
      trigger,
    }));
  }

  /** Runs as the schedule would, now, and drains the alerts it queued. */
  runNow() {
    return this.bot.runNow();
  }

  /** Drains the churn alert outbox now. */
  drain() {
    return this.bot.drain();
  }

  send(body: string, contentType: string, options: SendOptions = {}): Promise<Sent> {
    return sendToBot(this.url, SECRET, body, contentType, options);
  }

  /** The audit entry of `deliveryKey` once its outcome is recorded; throws after 10 s. */
  async outcome(deliveryKey: string): Promise<AuditEntry> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const entry = (await this.audit()).find((e) => e.deliveryKey === deliveryKey);
      if (entry?.outcome) return entry;
      if (Date.now() > deadline) throw new Error(`no outcome recorded for ${deliveryKey}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The audit as the bot recorded it, newest first. */
  async audit(): Promise<AuditEntry[]> {
    const service = await openQuestionService({ db: this.db, now: () => new Date() });
    try {
      return await service.audit.recent(1000);
    } finally {
      await service.close();
    }
  }

  async stop(): Promise<void> {
    await this.bot.stop();
    await this.slack.close();
  }
}
