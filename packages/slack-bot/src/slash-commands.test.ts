import { churnIn, parseDay, periodDays, tierOf } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { churnCard } from "./replies/churn-card.ts";
import { escapeMrkdwn, money, type SlackReply } from "./replies/slack-reply.ts";
import { tierCard } from "./replies/tier-card.ts";
import { BotUnderTest } from "./testing/bot-under-test.ts";
import { type DemoData, demoData, TODAY } from "./testing/demo-data.ts";
import { buttonsOf, pause, shownText } from "./testing/read-reply.ts";

const asOf = parseDay(TODAY) ?? 0;
let demo: DemoData;
let bot: BotUnderTest;

beforeAll(async () => {
  demo = await demoData();
  bot = await BotUnderTest.start(demo.db);
});
afterAll(async () => {
  await bot?.stop();
  await demo?.close();
});

/** The reply posted to the response URL of `trigger`. */
async function replyTo(trigger: string) {
  const calls = await bot.slack.waitFor(1, "response_url");
  const mine = calls.filter((c) => c.path === `/respond/${trigger}`);
  if (mine.length === 0) {
    await bot.slack.waitFor(calls.length + 1, "response_url");
    return replyTo(trigger);
  }
  return mine;
}

describe("/tier", () => {
  it("answers in the acknowledgement with ACME's card and core's numbers", async () => {
    const { sent, reply, via } = await bot.commandReply("/tier", "ACME");
    expect(via).toBe("ack");
    expect(sent.ms).toBeLessThan(3000);
    await pause(200);
    expect(bot.slack.callsTo("response_url")).toEqual([]);
    const expected = await tierOf(demo.engine, demo.rules, "ACME", asOf);
    expect(reply).toEqual({ response_type: "ephemeral", ...tierCard(expected) });
    // What a sales rep reads, spelled out from core's answer rather than from the card code.
    const text = shownText(reply);
    expect(text).toContain("ACME (C00001)");
    expect(text).toContain(`*Spend in the window*\n${money(expected.metrics.monetary)}`);
    expect(text).toContain(`*Orders in the window*\n${expected.metrics.frequency}`);
    for (const d of Object.values(expected.dimensions)) {
      expect(text).toContain(`*${d.label}: ${d.tierLabel}*`);
      for (const line of d.because) expect(text).toContain(`• ${escapeMrkdwn(line)}`);
      if (d.action) expect(text).toContain(`*Action:* ${d.action}`);
    }
    const latest = expected.history[0];
    expect(latest).toBeDefined();
    expect(text).toContain(`${latest?.from} ${latest?.dimension} → ${latest?.tier}`);
  });

  it("acknowledges at once and answers through the response URL when answers are slow", async () => {
    const slow = await BotUnderTest.start(demo.db, {}, undefined, { quickAnswerMs: 0 });
    try {
      const { sent, reply, via } = await slow.commandReply("/tier", "ACME");
      expect([via, sent.body]).toEqual(["response_url", ""]);
      const expected = await tierOf(demo.engine, demo.rules, "ACME", asOf);
      expect(reply).toEqual({ response_type: "ephemeral", ...tierCard(expected) });
      await pause(200);
      expect(slow.slack.callsTo("response_url")).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });

  it("offers a button per customer for an ambiguous name, and a click shows that one's card", async () => {
    const { exact } = await demo.engine.findCustomers("Ana Haddad");
    expect(exact.length).toBeGreaterThan(1);
    const { reply: picker } = await bot.commandReply("/tier", "Ana Haddad");
    expect(shownText(picker)).toContain("“Ana Haddad” matches several customers");
    const buttons = buttonsOf({ body: picker });
    expect(buttons.map((b) => b.value)).toEqual(exact.map((c) => c.customerId));
    const chosen = buttons[1];
    if (!chosen) throw new Error("no second button");
    const click = await bot.click(chosen.action_id, chosen.value);
    expect(click.status).toBe(200);
    const [card] = await replyTo(click.trigger);
    const expected = tierCard(await tierOf(demo.engine, demo.rules, chosen.value, asOf));
    expect(card?.body).toEqual({ replace_original: true, ...expected });
  });

  it("answers an unknown name politely with the closest matches as buttons", async () => {
    const { reply } = await bot.commandReply("/tier", "ACMEE");
    const text = shownText(reply);
    expect(text).toContain("Sorry, I couldn't find a customer “ACMEE”. Did you mean one of these?");
    expect(text).toContain("ACME (C00001)");
  });

  it("asks for a customer when none is named", async () => {
    const { reply } = await bot.commandReply("/tier", "  ");
    expect(shownText(reply)).toBe("name a customer by id or name, e.g. ACME or C00042");
  });
});

describe("/churn", () => {
  it.each([
    ["", "this week"],
    ["last week", "last week"],
    ["this month", "this month"],
    ["last 30 days", "last 30 days"],
    ["上周", "last week"],
  ] as const)(
    "%j counts churn in %s as core does, with the top customers by value",
    async (argument, period) => {
      const { reply } = await bot.commandReply("/churn", argument);
      const expected = await churnIn(demo.engine, demo.rules, periodDays(period, asOf));
      const card: SlackReply = churnCard({ ...expected, periodName: period, asOf: TODAY });
      expect(reply).toEqual({ response_type: "ephemeral", ...card });
      const text = shownText(reply);
      expect(text).toContain(
        `*${expected.count} customer${expected.count === 1 ? "" : "s"}* churned ${expected.period.from} – ${expected.period.to}`,
      );
      expect(text).toContain(`: *${expected.previousCount}* · change`);
      const top = expected.customers[0];
      if (top)
        expect(text).toContain(`1. *${top.name}* (${top.customer_id}) · ${money(top.value_lost)}`);
    },
  );

  it("finds churn to show in the demo's last 30 days", async () => {
    const expected = await churnIn(demo.engine, demo.rules, periodDays("last 30 days", asOf));
    expect(expected.count).toBeGreaterThan(0);
  });

  it("lists the periods it knows for one it does not", async () => {
    const { reply } = await bot.commandReply("/churn", "fortnight");
    expect(shownText(reply)).toBe(
      '"fortnight" is not a period I know; try this week, last week, this month, last 30 days',
    );
  });
});
