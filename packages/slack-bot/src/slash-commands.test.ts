import { parseDay, tierOf } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotUnderTest } from "./testing/bot-under-test.ts";
import { type DemoData, demoData, TODAY } from "./testing/demo-data.ts";
import { churnedBetween, customerFacts, money } from "./testing/demo-facts.ts";
import { acmeCard, churnCardOf, PERIODS } from "./testing/expected-replies.ts";
import { buttonsOf, shownText } from "./testing/read-reply.ts";

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

/** ACME's card as it must be: the numbers from its orders, the tiers its history records. */
async function expectedAcme() {
  const acme = await customerFacts(demo, "C00001");
  // The rules by hand: High value is spend >= 1,500 short of VIP (>= 5,000 and 12 orders);
  // active is an order within 30 days.
  expect(acme.spend).toBeGreaterThanOrEqual(1500);
  expect(acme.spend >= 5000 && acme.orders >= 12).toBe(false);
  expect(acme.recencyDays).toBeLessThanOrEqual(30);
  expect(acme.tiers).toEqual({
    value: "high",
    lifecycle: "active",
    csat: "unknown",
    segment: "best",
  });
  const explained = await tierOf(demo.engine, demo.rules, "ACME", asOf);
  expect(explained.dimensions.value?.because).toEqual([`monetary ${money(acme.spend)} >= 1,500 ✓`]);
  expect(explained.dimensions.lifecycle?.because).toEqual([
    `recency_days ${acme.recencyDays} <= 30 ✓`,
  ]);
  return acmeCard(acme, explained);
}

describe("/tier", () => {
  it("answers in the acknowledgement with ACME's card, its numbers as its orders give them", async () => {
    const { sent, reply, via } = await bot.commandReply("/tier", "ACME");
    expect(via).toBe("ack");
    expect(reply).toEqual({ response_type: "ephemeral", ...(await expectedAcme()) });
    await bot.outcome(`command:${sent.trigger}`);
    expect(bot.slack.callsTo("response_url")).toEqual([]);
  });

  it("acknowledges at once and answers through the response URL when answers are slow", async () => {
    const slow = await BotUnderTest.start(demo.db, {}, undefined, { quickAnswerMs: 0 });
    try {
      const { sent, reply, via } = await slow.commandReply("/tier", "ACME");
      expect([via, sent.body]).toEqual(["response_url", ""]);
      expect(reply).toEqual({ response_type: "ephemeral", ...(await expectedAcme()) });
      await slow.outcome(`command:${sent.trigger}`);
      expect(slow.slack.callsTo("response_url")).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });

  it("offers a button per customer for an ambiguous name, and a click shows that one's card", async () => {
    const named = await demo.query<{ customer_id: string }>(
      "SELECT customer_id FROM customers WHERE name = 'Ana Haddad' ORDER BY customer_id",
    );
    expect(named.length).toBeGreaterThan(1);
    const { reply: picker } = await bot.commandReply("/tier", "Ana Haddad");
    expect(shownText(picker)).toContain("“Ana Haddad” matches several customers");
    const buttons = buttonsOf({ body: picker });
    expect(buttons.map((b) => b.value).sort()).toEqual(named.map((c) => c.customer_id));
    const chosen = buttons[1];
    if (!chosen) throw new Error("no second button");
    const click = await bot.click(chosen.action_id, chosen.value);
    expect(click.status).toBe(200);
    const [card] = await replyTo(click.trigger);
    const facts = await customerFacts(demo, chosen.value);
    expect(card?.body.replace_original).toBe(true);
    expect(card?.body.text).toMatch(new RegExp(`^Ana Haddad \\(${chosen.value}\\): Value tier: `));
    const text = shownText(card?.body);
    expect(text).toContain(`Ana Haddad (${chosen.value})`);
    expect(text).toContain(`*Orders in the window*\n${facts.orders}`);
    expect(text).toContain(`*Spend in the window*\n${money(facts.spend)}`);
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
    "%j counts churn in %s as the tier history records it, with the top customers by value",
    async (argument, period) => {
      const { reply } = await bot.commandReply("/churn", argument);
      const { from, to, before } = PERIODS[period];
      const churned = await churnedBetween(demo, from, to);
      const previous = await churnedBetween(demo, before[0], before[1]);
      expect(reply).toEqual({
        response_type: "ephemeral",
        ...churnCardOf(period, churned, previous, 5),
      });
    },
  );

  it("finds churn to show in the demo's last 30 days", async () => {
    const { from, to } = PERIODS["last 30 days"];
    expect((await churnedBetween(demo, from, to)).length).toBeGreaterThan(5);
  });

  it("lists the periods it knows for one it does not", async () => {
    const { reply } = await bot.commandReply("/churn", "fortnight");
    expect(shownText(reply)).toBe(
      '"fortnight" is not a period I know; try this week, last week, this month, last 30 days',
    );
  });
});
