import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BotUnderTest, nextId, REP } from "./testing/bot-under-test.ts";
import { type DemoData, demoData } from "./testing/demo-data.ts";
import { shownText } from "./testing/read-reply.ts";
import { SlackStandIn } from "./testing/slack-stand-in.ts";

/** Calls to Slack that take longer than this are given up, in ms. */
const TIMEOUT_MS = 500;

let demo: DemoData;
let slack: SlackStandIn;
let bot: BotUnderTest;
/** Lets go of the calls the stand-in holds. */
let release: () => void = () => undefined;

beforeAll(async () => {
  demo = await demoData();
});
afterAll(async () => {
  await demo?.close();
});
afterEach(async () => {
  release();
  await bot?.stop();
});

async function start(quickAnswerMs = 1500): Promise<void> {
  slack = await SlackStandIn.start();
  bot = await BotUnderTest.start(demo.db, {}, slack, {
    quickAnswerMs,
    slackTimeoutMs: TIMEOUT_MS,
  });
}

/** Makes the stand-in hold calls `when` picks without answering, until released. */
function hang(when: (method: string) => boolean): void {
  const released = new Promise<"drop">((resolve) => {
    release = () => resolve("drop");
  });
  slack.hooks.before = async (call) => (when(call.method) ? released : undefined);
}

/** Asks "tier breakdown" in a direct message; the delivery's key in the audit. */
async function ask(): Promise<string> {
  const id = nextId("Ev");
  const ts = `${Math.floor(Date.now() / 1000)}.000100`;
  const sent = await bot.event(id, {
    type: "message",
    channel_type: "im",
    user: REP.user,
    text: "tier breakdown",
    ts,
    channel: "D0REPDM",
  });
  expect(sent.status).toBe(200);
  return `event:${id}`;
}

describe("posting an answer", () => {
  it("does not post it again after an HTTP 500: it may have been posted", async () => {
    await start();
    slack.respond((call) =>
      call.method === "chat.postMessage" ? { status: 500, body: "upstream error" } : undefined,
    );
    const key = await ask();
    expect((await bot.outcome(key)).outcome).toBe("not-sent (answered)");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("gives up a post Slack does not answer, without posting it again", async () => {
    await start();
    hang((method) => method === "chat.postMessage");
    const key = await ask();
    expect((await bot.outcome(key)).outcome).toBe("not-sent (answered)");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("gives up a response URL that does not answer", async () => {
    await start(0);
    hang((method) => method === "response_url");
    const sent = await bot.command("/churn", "last week");
    expect([sent.status, sent.body]).toEqual([200, ""]);
    const entry = await bot.outcome(`command:${sent.trigger}`);
    expect(entry.outcome).toBe("not-sent (answered)");
    expect(slack.callsTo("response_url")).toHaveLength(1);
  });

  it("posts it once Retry-After has passed after a 429, which posted nothing", async () => {
    await start();
    let limited = 0;
    slack.rateLimit((call) => call.method === "chat.postMessage" && limited++ === 0, 1);
    const key = await ask();
    expect((await bot.outcome(key)).outcome).toBe("answered");
    expect(slack.tooEarly).toEqual([]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
    expect(slack.messages).toHaveLength(1);
    expect(shownText(slack.messages[0])).toContain("Tier breakdown");
  });
});
