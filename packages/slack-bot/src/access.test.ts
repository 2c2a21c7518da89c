import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFUSAL } from "./access.ts";
import { BotUnderTest, nextId, REP, SECRET } from "./testing/bot-under-test.ts";
import { type DemoData, demoData } from "./testing/demo-data.ts";
import { pause, shownText } from "./testing/read-reply.ts";
import { slashCommandBody } from "./testing/signed-request.ts";

let demo: DemoData;
let bot: BotUnderTest;

beforeAll(async () => {
  demo = await demoData();
  bot = await BotUnderTest.start(demo.db, {
    STRATA_ALLOWED_CHANNELS: "C0SALES,D0REPDM",
    STRATA_ALLOWED_USERS: "U0SALESREP,U0LEAD",
  });
});
afterAll(async () => {
  await bot?.stop();
  await demo?.close();
});

describe("allow-lists", () => {
  it("answers an allowed user in an allowed channel", async () => {
    const { reply } = await bot.commandReply("/tier", "ACME");
    expect(shownText(reply)).toContain("ACME (C00001)");
  });

  it.each([
    ["a user not on the list", { user: "U0STRANGER", channel: "C0SALES" }],
    ["a channel not on the list", { user: "U0SALESREP", channel: "C0RANDOM" }],
    ["a direct message not on the list", { user: "U0LEAD", channel: "D0LEADDM" }],
  ])("refuses %s briefly and records the refusal", async (_, who) => {
    const { sent, reply } = await bot.commandReply("/churn", "last week", who);
    expect(reply).toEqual({
      response_type: "ephemeral",
      text: REFUSAL,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: REFUSAL } }],
    });
    const [entry] = await bot.audit();
    expect(entry).toMatchObject({
      deliveryKey: `command:${sent.trigger}`,
      userId: who.user,
      channelId: who.channel,
      question: "/churn last week",
      outcome: "refused",
    });
  });

  it("refuses a mention from a stranger in the thread, without answering the question", async () => {
    const before = bot.slack.callsTo("chat.postMessage").length;
    await bot.event(nextId("Ev"), {
      type: "app_mention",
      user: "U0STRANGER",
      text: "<@U0STRATABOT> tier breakdown",
      ts: "1773800100.000100",
      channel: "C0SALES",
    });
    const [post] = (await bot.slack.waitFor(before + 1, "chat.postMessage")).slice(before);
    expect(post?.body).toMatchObject({ channel: "C0SALES", thread_ts: "1773800100.000100" });
    expect(shownText(post?.body)).toBe(REFUSAL);
  });
});

describe("signatures", () => {
  const body = () =>
    slashCommandBody({
      command: "/tier",
      text: "ACME",
      user_id: REP.user,
      channel_id: REP.channel,
      trigger_id: nextId("forged"),
      response_url: bot.slack.responseUrl("forged"),
    });
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ["signed with another secret", { secret: "0000000000000000wrongsecret00000" }],
    ["signed five and a half minutes ago", { timestamp: now() - 330 }],
    ["without a signature", { signature: null }],
    ["with a malformed signature", { signature: "v0=not-hex" }],
  ])("answers 401 to a request %s and changes nothing", async (_, options) => {
    const calls = bot.slack.calls.length;
    const audit = (await bot.audit()).length;
    const sent = await bot.send(body(), "application/x-www-form-urlencoded", options);
    expect(sent.status).toBe(401);
    await pause(200);
    expect(bot.slack.calls.length).toBe(calls);
    expect((await bot.audit()).length).toBe(audit);
  });

  it("accepts the same request signed correctly", async () => {
    const sent = await bot.send(body(), "application/x-www-form-urlencoded", {
      secret: SECRET,
    });
    expect(sent.status).toBe(200);
  });
});

describe("retried deliveries", () => {
  it("answers an event once when Slack delivers it again", async () => {
    const before = bot.slack.callsTo("chat.postMessage").length;
    const id = nextId("Ev");
    const event = {
      type: "message",
      channel_type: "im",
      user: REP.user,
      text: "tier breakdown",
      ts: "1773800200.000100",
      channel: "D0REPDM",
    };
    expect((await bot.event(id, event)).status).toBe(200);
    expect((await bot.event(id, event, { retryNum: 1 })).status).toBe(200);
    expect((await bot.event(id, event, { retryNum: 2 })).status).toBe(200);
    await bot.slack.waitFor(before + 1, "chat.postMessage");
    await pause(300);
    expect(bot.slack.callsTo("chat.postMessage").length).toBe(before + 1);
    const entries = (await bot.audit()).filter((e) => e.deliveryKey === `event:${id}`);
    expect(entries).toHaveLength(1);
  });

  it("answers a slash command once when the same delivery arrives twice", async () => {
    const trigger = nextId("trig");
    const first = await bot.commandReply("/churn", "", REP, { trigger });
    const again = await bot.command("/churn", "", REP, { trigger, retryNum: 1 });
    expect(first.via).toBe("ack");
    expect([again.status, again.body]).toEqual([200, ""]);
    await pause(300);
    expect(bot.slack.callsTo("response_url").filter((c) => c.path.endsWith(trigger))).toEqual([]);
  });
});

describe("the audit", () => {
  it("records who asked what, when, and the size of the answer sent", async () => {
    const asked = new Date();
    const { sent, reply } = await bot.commandReply("/tier", "ACME");
    const entry = await bot.outcome(`command:${sent.trigger}`);
    const { response_type: _, ...shown } = reply;
    expect(entry).toMatchObject({
      source: "slack",
      userId: REP.user,
      channelId: REP.channel,
      question: "/tier ACME",
      outcome: "answered",
      answerBytes: Buffer.byteLength(JSON.stringify(shown), "utf8"),
    });
    expect(entry?.askedAt.getTime()).toBeGreaterThanOrEqual(asked.getTime() - 1000);
    expect(entry?.answeredAt?.getTime()).toBeGreaterThanOrEqual(entry?.askedAt.getTime() ?? 0);
    expect(entry?.answeredAt?.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("records questions it did not understand and names it could not find", async () => {
    const { sent } = await bot.commandReply("/tier", "Nobody Such");
    const entry = await bot.outcome(`command:${sent.trigger}`);
    expect(entry).toMatchObject({ question: "/tier Nobody Such", outcome: "not-found" });
    expect(entry?.answerBytes).toBeGreaterThan(0);
  });
});
