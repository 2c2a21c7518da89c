import { parseDay, tierOf } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotUnderTest, nextId, REP } from "./testing/bot-under-test.ts";
import { type DemoData, demoData, TODAY } from "./testing/demo-data.ts";
import { churnedBetween, customerFacts, tierCounts } from "./testing/demo-facts.ts";
import {
  acmeCard,
  breakdownCardOf,
  churnCardOf,
  helpReply,
  PERIODS,
} from "./testing/expected-replies.ts";
import { buttonsOf, pause, shownText } from "./testing/read-reply.ts";

const asOf = parseDay(TODAY) ?? 0;
const DM = "D0REPDM";
let demo: DemoData;
let bot: BotUnderTest;
let ts = 1773800000;

beforeAll(async () => {
  demo = await demoData();
  bot = await BotUnderTest.start(demo.db);
});
afterAll(async () => {
  await bot?.stop();
  await demo?.close();
});

/** Mentions the bot in #sales and returns what it posted, with the mention's ts. */
async function mention(text: string) {
  const before = bot.slack.callsTo("chat.postMessage").length;
  const eventTs = `${++ts}.000100`;
  const sent = await bot.event(nextId("Ev"), {
    type: "app_mention",
    user: REP.user,
    text: `<@U0STRATABOT> ${text}`,
    ts: eventTs,
    channel: REP.channel,
    event_ts: eventTs,
  });
  expect(sent.status).toBe(200);
  const posted = (await bot.slack.waitFor(before + 1, "chat.postMessage")).slice(before);
  expect(posted).toHaveLength(1);
  return { post: posted[0], eventTs };
}

/** Writes to the bot in a direct message and returns what it posted. */
async function directMessage(text: string) {
  const before = bot.slack.callsTo("chat.postMessage").length;
  const eventTs = `${++ts}.000100`;
  await bot.event(nextId("Ev"), {
    type: "message",
    channel_type: "im",
    user: REP.user,
    text,
    ts: eventTs,
    channel: DM,
    event_ts: eventTs,
  });
  const posted = (await bot.slack.waitFor(before + 1, "chat.postMessage")).slice(before);
  expect(posted).toHaveLength(1);
  return posted[0];
}

/** The churn card of `period` with the churn the tier history records. */
async function expectedChurn(period: keyof typeof PERIODS, listed: 5 | 15) {
  const { from, to, before } = PERIODS[period];
  const churned = await churnedBetween(demo, from, to);
  const previous = await churnedBetween(demo, before[0], before[1]);
  return churnCardOf(period, churned, previous, listed);
}

describe("questions in plain language", () => {
  it("answers a mention in its thread, with the bot token, and a DM in Chinese alike", async () => {
    const expected = acmeCard(
      await customerFacts(demo, "C00001"),
      await tierOf(demo.engine, demo.rules, "ACME", asOf),
    );
    const { post, eventTs } = await mention("what tier is customer ACME");
    expect(post?.authorization).toBe("Bearer xoxb-test-token");
    expect(post?.body).toEqual({
      channel: REP.channel,
      thread_ts: eventTs,
      team_id: "T0STRATA",
      ...expected,
    });
    expect((await directMessage("客户 ACME 是哪一层"))?.body).toEqual({
      channel: DM,
      team_id: "T0STRATA",
      ...expected,
    });
  });

  it("counts this week's churn in English and Chinese as the tier history records it", async () => {
    const expected = await expectedChurn("this week", 5);
    const { post } = await mention("how many customers churned this week?");
    expect(post?.body).toMatchObject(expected);
    expect((await directMessage("本周流失了多少客户"))?.body).toMatchObject(expected);
  });

  it("lists last week's churned customers, 15 at most", async () => {
    const { post } = await mention("who churned last week");
    expect(post?.body).toMatchObject(await expectedChurn("last week", 15));
  });

  it("gives the tier breakdown with the counts of the tier history", async () => {
    const post = await directMessage("tier breakdown");
    expect(post?.body).toMatchObject(breakdownCardOf(await tierCounts(demo)));
  });

  it("offers buttons in the thread for an ambiguous name", async () => {
    const { post } = await mention("which tier is Ana Haddad in?");
    expect(shownText(post?.body)).toContain("“Ana Haddad” matches several customers");
    const named = await demo.query<{ customer_id: string }>(
      "SELECT customer_id FROM customers WHERE name = 'Ana Haddad' ORDER BY customer_id",
    );
    expect(named.length).toBeGreaterThan(1);
    expect(
      buttonsOf(post)
        .map((b) => b.value)
        .sort(),
    ).toEqual(named.map((c) => c.customer_id));
  });

  it("answers help, and anything else with the list of what it understands", async () => {
    expect((await directMessage("help"))?.body).toMatchObject(helpReply());
    expect((await directMessage("what is the weather like"))?.body).toMatchObject(
      helpReply("what is the weather like"),
    );
  });

  it("ignores its own messages, edits and channel chatter", async () => {
    const before = bot.slack.calls.length;
    const base = { user: REP.user, text: "tier breakdown", channel: DM, channel_type: "im" };
    await bot.event(nextId("Ev"), { ...base, type: "message", bot_id: "B0STRATA", ts: "1.1" });
    await bot.event(nextId("Ev"), {
      ...base,
      type: "message",
      subtype: "message_changed",
      ts: "1.2",
    });
    await bot.event(nextId("Ev"), {
      ...base,
      type: "message",
      channel: "C0SALES",
      channel_type: "channel",
      ts: "1.3",
    });
    await pause(300);
    expect(bot.slack.calls.slice(before)).toEqual([]);
  });
});
