import { writeFileSync } from "node:fs";
import { openSqliteStore, parseDay } from "@strata/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONTACTED, DIGEST_MENU, SNOOZE } from "./alerts/alert-card.ts";
import { BotUnderTest } from "./testing/bot-under-test.ts";
import {
  ALERTED,
  CHURN_DAY,
  CHURN_RULES,
  type ChurnData,
  CUSTOMERS,
  churnData,
  UNDELIVERABLE,
} from "./testing/churn-data.ts";
import { pause, shownText } from "./testing/read-reply.ts";
import { SlackStandIn, type StoredMessage } from "./testing/slack-stand-in.ts";

let data: ChurnData;
let slack: SlackStandIn;
let bot: BotUnderTest | undefined;

async function startBot(
  env: Record<string, string> = {},
  options: { slackTimeoutMs?: number } = {},
): Promise<BotUnderTest> {
  const started = await BotUnderTest.start(
    data.db,
    { STRATA_RULES: data.rules, STRATA_AS_OF: CHURN_DAY, ...env },
    slack,
    options,
  );
  bot = started;
  return started;
}

beforeEach(async () => {
  data = await churnData();
  slack = await SlackStandIn.start();
  slack.users.set("ben@example.com", "U0BEN");
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  data?.close();
});

async function outbox() {
  const store = await openSqliteStore(data.db);
  try {
    return await store.connection.all<{
      customer_id: string;
      state: string;
      channel: string | null;
      message_ts: string | null;
      error: string | null;
    }>(
      "SELECT customer_id, state, channel, message_ts, error FROM churn_alerts ORDER BY customer_id",
    );
  } finally {
    await store.close();
  }
}

const money = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2 });
const customer = (id: string) => CUSTOMERS.find((c) => c.id === id);
const alertIdOf = (m: StoredMessage | undefined) =>
  ((m?.blocks as Array<{ type: string; elements?: Array<{ value: string }> }>) ?? []).find(
    (b) => b.type === "actions",
  )?.elements?.[0]?.value ?? "";

describe("churn alerts after a scheduled run", () => {
  it("sends each churned valuable customer's alert once: cards, a digest over five, failures recorded", async () => {
    const bot = await startBot();
    const report = await bot.runNow();
    expect(report.run.alerts).toEqual({ queued: 11, snoozed: 0, withoutRecipient: 1 });
    expect(report.drain).toMatchObject({ messages: 3, alerts: 9, failed: 2, interrupted: null });

    const byChannel = (channel: string) => slack.messages.filter((m) => m.channel === channel);
    const [digest, ...others] = byChannel("D0ANA");
    expect(others).toEqual([]);
    const digestText = shownText(digest);
    expect(digestText).toContain("Churn alerts: 7 customers on 2026-04-06");
    for (const id of ["A1", "A2", "A3", "A4", "A5", "A6", "A7"]) {
      const c = customer(id);
      expect(digestText).toContain(
        `*${c?.name}* (${id}) · High value · last order 2026-02-01 · ${money(c?.spend ?? 0)} spent`,
      );
    }
    expect(digestText.indexOf("(A7)")).toBeLessThan(digestText.indexOf("(A1)"));

    const ben = byChannel("D0BEN");
    expect(ben).toHaveLength(2);
    const b1 = ben.find((m) => m.text.includes("(B1)"));
    expect(shownText(b1)).toContain("*Customer*\nBolt &amp; Nut &lt;Ltd&gt; (B1)");
    expect(shownText(b1)).toContain("*Value tier*\nHigh value");
    expect(shownText(b1)).toContain("*Last order*\n2026-02-03");
    expect(shownText(b1)).toContain("*Spend (365d)*\n2,000.00 in 2 orders");
    expect(shownText(b1)).toContain(":dart: *Action:* Call them this week");
    expect(shownText(b1)).toContain("Lifecycle: active → *churned* on 2026-04-06");
    expect(shownText(b1)).not.toContain("Chance still active");
    expect(b1?.metadata?.event_type).toBe("strata_churn_alert");

    const rows = await outbox();
    expect(rows.filter((r) => r.state === "sent").map((r) => r.customer_id)).toEqual(ALERTED);
    expect(rows.filter((r) => r.state === "failed").map((r) => [r.customer_id, r.error])).toEqual([
      [UNDELIVERABLE[0], "no Slack user has the e-mail nobody@example.com (users_not_found)"],
      [UNDELIVERABLE[1], "the customer has no account manager"],
    ]);
    for (const r of rows.filter((x) => x.state === "sent")) {
      expect(slack.messages.some((m) => m.channel === r.channel && m.ts === r.message_ts)).toBe(
        true,
      );
    }

    // The same run again, and more drains, send nothing more.
    const again = await bot.runNow();
    expect(again.run.recorded).toBe(false);
    expect(again.drain).toMatchObject({ messages: 0, alerts: 0, failed: 0 });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(3);
  });

  it("records Contacted and Snooze from the buttons and redraws the card", async () => {
    const bot = await startBot();
    await bot.runNow();
    const card = slack.messages.find((m) => m.text.includes("(B2)"));
    const alertId = alertIdOf(card);
    const ben = { user: "U0BEN", channel: "D0BEN" };
    const contacted = await bot.click(CONTACTED, alertId, ben);
    expect(contacted.status).toBe(200);
    const [redrawn] = await slack.waitFor(1, "response_url");
    expect(redrawn?.body.replace_original).toBe(true);
    expect(shownText(redrawn?.body)).toMatch(
      /:white_check_mark: Contacted · <@U0BEN> · \d{4}-\d\d-\d\d/,
    );
    expect(JSON.stringify(redrawn?.body)).not.toContain(CONTACTED);

    await bot.click(SNOOZE, alertId, ben);
    const [, snoozed] = await slack.waitFor(2, "response_url");
    expect(shownText(snoozed?.body)).toContain(":zzz: Snoozed until 2026-05-06 · <@U0BEN>");
    expect(JSON.stringify(snoozed?.body)).not.toContain('"actions"');

    // A digest line's menu records the same way.
    const digest = slack.messages.find((m) => m.channel === "D0ANA");
    const a3 = (
      (digest?.blocks ?? []) as Array<{
        text?: { text: string };
        accessory?: { options: Array<{ value: string }> };
      }>
    ).find((b) => b.text?.text.includes("(A3)"));
    const option = a3?.accessory?.options.find((o) => o.value.startsWith("contacted:"));
    await bot.click(
      DIGEST_MENU,
      option?.value ?? "",
      { user: "U0ANA", channel: "D0ANA" },
      { menu: true },
    );
    const [, , menu] = await slack.waitFor(3, "response_url");
    expect(shownText(menu?.body)).toContain("Churn alerts: 7 customers");
    expect(shownText(menu?.body)).toMatch(/\(A3\)[^\n]*\n:white_check_mark: Contacted · <@U0ANA>/);

    const store = await openSqliteStore(data.db);
    const responses = await store.connection.all(
      "SELECT a.customer_id, r.action, r.user_id FROM churn_alert_responses r JOIN churn_alerts a USING (alert_id) ORDER BY r.responded_at",
    );
    const snoozes = await store.connection.all(
      "SELECT customer_id, until_day, snoozed_by FROM alert_snoozes",
    );
    await store.close();
    expect(responses).toEqual([
      { customer_id: "B2", action: "contacted", user_id: "U0BEN" },
      { customer_id: "B2", action: "snoozed", user_id: "U0BEN" },
      { customer_id: "A3", action: "contacted", user_id: "U0ANA" },
    ]);
    expect(snoozes).toEqual([
      { customer_id: "B2", until_day: (parseDay(CHURN_DAY) ?? 0) + 30, snoozed_by: "U0BEN" },
    ]);
  });

  it("tells who clicked why a click was not recorded, leaving the card as it was", async () => {
    const bot = await startBot();
    await bot.runNow();
    const ben = { user: "U0BEN", channel: "D0BEN" };
    const unknown = await bot.click(CONTACTED, "99999", ben);
    const empty = await bot.click(SNOOZE, "", ben);
    const zero = await bot.click(DIGEST_MENU, "contacted:0", ben, { menu: true });
    await slack.waitFor(3, "response_url");
    const replyTo = (trigger: string) =>
      slack.callsTo("response_url").find((c) => c.path === `/respond/${trigger}`)?.body;
    const notKnown = "Sorry, I can't tell which churn alert that was.";
    expect([replyTo(unknown.trigger), replyTo(empty.trigger), replyTo(zero.trigger)]).toEqual(
      ["Sorry, no churn alert 99999.", notKnown, notKnown].map((text) => ({
        response_type: "ephemeral",
        replace_original: false,
        text,
        blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
      })),
    );
    const store = await openSqliteStore(data.db);
    const responses = await store.connection.all("SELECT * FROM churn_alert_responses");
    await store.close();
    expect(responses).toEqual([]);
  });

  it.each([
    ["chat.postMessage", "token_revoked", 0, 1],
    ["conversations.open", "ratelimited", 0, 0],
    ["users.lookupByEmail", "missing_scope", 1, 0],
    ["chat.postMessage", "invalid_auth", 0, 1],
  ])(
    "keeps the alerts queued when %s answers %s, and sends each once Slack takes them",
    async (method, error, sentBefore, lookedFor) => {
      let refusing = true;
      slack.respond((call) =>
        refusing && call.method === method
          ? { status: 200, body: { ok: false, error } }
          : undefined,
      );
      const bot = await startBot();
      const report = await bot.runNow();
      expect(report.drain).toMatchObject({
        messages: sentBefore,
        failed: 0,
        interrupted: `Slack refused the app (${error})`,
      });
      const states = (await outbox()).map((r) => r.state);
      expect(states.filter((s) => s === "failed")).toEqual([]);
      expect(states.filter((s) => s === "pending" || s === "sending")).toHaveLength(
        11 - 7 * sentBefore,
      );

      refusing = false;
      const again = await bot.drain();
      expect(again).toMatchObject({ messages: 3 - sentBefore, failed: 2, interrupted: null });
      expect(slack.messages).toHaveLength(3);
      // Only a message addressed before the refusal may have been posted: it is looked for.
      expect(slack.callsTo("conversations.history")).toHaveLength(lookedFor);
      for (const id of ALERTED)
        expect(
          slack.messages.filter((m) => JSON.stringify(m.blocks).includes(`(${id})`)),
        ).toHaveLength(1);
      const rows = await outbox();
      expect(rows.filter((r) => r.state === "sent").map((r) => r.customer_id)).toEqual(ALERTED);
      expect(rows.filter((r) => r.state === "failed").map((r) => r.customer_id)).toEqual(
        UNDELIVERABLE,
      );
    },
  );

  it("gives up a post Slack took but did not answer, and finds it in the channel at the next drain", async () => {
    let release: (value: "drop") => void = () => undefined;
    const released = new Promise<"drop">((resolve) => {
      release = resolve;
    });
    let posts = 0;
    slack.hooks.after = async (call) =>
      call.method === "chat.postMessage" && ++posts === 1 ? released : undefined;
    const bot = await startBot({}, { slackTimeoutMs: 500 });
    try {
      const report = await bot.runNow();
      expect(report.drain).toMatchObject({ messages: 0, failed: 0 });
      expect(report.drain.interrupted).toMatch(/aborted due to timeout/);
      expect(slack.messages).toHaveLength(1);
      const again = await bot.drain();
      expect(again).toMatchObject({ messages: 2, recovered: 1, failed: 2, interrupted: null });
      expect(slack.messages).toHaveLength(3);
      expect(slack.callsTo("chat.postMessage")).toHaveLength(3);
    } finally {
      release("drop");
    }
  });

  it("honours Retry-After: waits it out, then sends each alert once", async () => {
    let limited = 0;
    slack.rateLimit((call) => call.method === "chat.postMessage" && limited++ < 2, 1);
    const bot = await startBot();
    const started = Date.now();
    const report = await bot.runNow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(report.drain).toMatchObject({ messages: 3, alerts: 9 });
    expect(slack.tooEarly).toEqual([]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(5);
    expect(slack.messages).toHaveLength(3);
  });

  it("shows p_alive on the card when the rules fit BG/NBD", async () => {
    writeFileSync(
      data.rules,
      CHURN_RULES.replace("window: 365d", "window: 365d\nclv: { model: bgnbd }"),
    );
    const bot = await startBot();
    await bot.runNow();
    const store = await openSqliteStore(data.db);
    const facts = await store.connection.get<{ p: number }>(
      "SELECT facts ->> '$.pAlive' AS p FROM churn_alerts WHERE customer_id = 'B1'",
    );
    await store.close();
    expect(facts?.p).toBeGreaterThanOrEqual(0);
    expect(facts?.p).toBeLessThanOrEqual(1);
    const b1 = slack.messages.find((m) => m.text.includes("(B1)"));
    const shown = Math.round((facts?.p ?? 0) * 100);
    expect(shownText(b1)).toContain(
      `*Chance still active*\n${shown < 1 ? "<1" : shown > 99 ? ">99" : shown}%`,
    );
  });

  it("runs on STRATA_SCHEDULE by itself", async () => {
    await startBot({ STRATA_SCHEDULE: "*/1 * * * * *" });
    await slack.waitFor(3, "chat.postMessage", 10_000);
    await pause(1500);
    expect(slack.messages).toHaveLength(3);
  });
});
