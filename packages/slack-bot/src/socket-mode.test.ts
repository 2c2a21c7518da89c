import type { AddressInfo } from "node:net";
import { parseDay, tierOf } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { readConfig } from "./config.ts";
import { type RunningBot, startBot } from "./start-bot.ts";
import { REP } from "./testing/bot-under-test.ts";
import { type DemoData, demoData, TODAY } from "./testing/demo-data.ts";
import { churnedBetween, customerFacts } from "./testing/demo-facts.ts";
import { acmeCard, churnCardOf, PERIODS } from "./testing/expected-replies.ts";
import { SlackStandIn } from "./testing/slack-stand-in.ts";

/**
 * Socket Mode against a local stand-in for Slack's socket: apps.connections.open (on the Web
 * API stand-in) hands the bot a ws:// URL; the test's WebSocket server says hello, then sends
 * envelopes as Slack does and reads the bot's acknowledgements.
 */

const asOf = parseDay(TODAY) ?? 0;
let demo: DemoData;
let slack: SlackStandIn;
let sockets: WebSocketServer;
let bot: RunningBot;
const connected: WebSocket[] = [];
/** Every message the bot sent on the socket, parsed. */
const acks: Array<{ envelope_id: string; payload?: Record<string, unknown> }> = [];
let opensWithAppToken = 0;

beforeAll(async () => {
  demo = await demoData();
  slack = await SlackStandIn.start();
  sockets = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((resolve) => sockets.once("listening", resolve));
  sockets.on("connection", (socket) => {
    connected.push(socket);
    socket.on("message", (data) => acks.push(JSON.parse(String(data))));
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        connection_info: { app_id: "A0STRATA" },
        debug_info: { host: "stand-in", approximate_connection_time: 18060 },
      }),
    );
  });
  const { port } = sockets.address() as AddressInfo;
  slack.respond((call) => {
    if (call.method !== "apps.connections.open") return undefined;
    if (call.authorization === "Bearer xapp-1-A0STRATA-1-test") opensWithAppToken++;
    return { status: 200, body: { ok: true, url: `ws://127.0.0.1:${port}/link` } };
  });
  const settings = readConfig(
    {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_APP_TOKEN: "xapp-1-A0STRATA-1-test",
      SLACK_API_URL: slack.apiUrl,
      STRATA_DB: demo.db,
      STRATA_AS_OF: TODAY,
      STRATA_LOG_LEVEL: "error",
    },
    process.cwd(),
  );
  if (!settings.ok) throw new Error(settings.error);
  bot = await startBot(settings.config, () => new Date());
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await new Promise((resolve) => sockets?.close(resolve));
  await slack?.close();
  await demo?.close();
});

/** Sends an envelope down the socket and waits for the bot's acknowledgement of it. */
async function envelope(id: string, type: string, payload: Record<string, unknown>, retry = 0) {
  const socket = connected.at(-1);
  if (!socket) throw new Error("the bot has not connected");
  socket.send(
    JSON.stringify({
      envelope_id: id,
      type,
      payload,
      accepts_response_payload: type === "slash_commands",
      retry_attempt: retry,
      retry_reason: retry > 0 ? "timeout" : "",
    }),
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ack = acks.find((a) => a.envelope_id === id);
    if (ack) return ack;
    if (Date.now() > deadline) throw new Error(`no acknowledgement of ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Socket Mode", () => {
  it("opens the connection with the app token, and only the bot token talks to the Web API", () => {
    expect(opensWithAppToken).toBe(1);
    expect(connected).toHaveLength(1);
    const others = slack.calls.filter((c) => c.method !== "apps.connections.open");
    expect(others.map((c) => c.authorization)).toEqual(others.map(() => "Bearer xoxb-test-token"));
  });

  it("answers /tier in the acknowledgement with ACME's card", async () => {
    const ack = await envelope("env-tier", "slash_commands", {
      command: "/tier",
      text: "ACME",
      user_id: REP.user,
      channel_id: REP.channel,
      team_id: "T0STRATA",
      trigger_id: "trig-socket-1",
      response_url: slack.responseUrl("trig-socket-1"),
    });
    const expected = acmeCard(
      await customerFacts(demo, "C00001"),
      await tierOf(demo.engine, demo.rules, "ACME", asOf),
    );
    expect(ack.payload).toEqual({ response_type: "ephemeral", ...expected });
  });

  it("answers a mention in its thread, once, however often Slack delivers it", async () => {
    const event = {
      type: "event_callback",
      team_id: "T0STRATA",
      api_app_id: "A0STRATA",
      event_id: "Ev0SOCKET1",
      event_time: 1773800300,
      event: {
        type: "app_mention",
        user: REP.user,
        text: "<@U0STRATABOT> how many customers churned this week?",
        ts: "1773800300.000100",
        channel: REP.channel,
        event_ts: "1773800300.000100",
      },
    };
    const before = slack.callsTo("chat.postMessage").length;
    expect((await envelope("env-mention", "events_api", event)).payload ?? {}).toEqual({});
    const [post] = (await slack.waitFor(before + 1, "chat.postMessage")).slice(before);
    const { from, to, before: previous } = PERIODS["this week"];
    const churned = await churnedBetween(demo, from, to);
    const earlier = await churnedBetween(demo, previous[0], previous[1]);
    expect(post?.body).toMatchObject({
      channel: REP.channel,
      thread_ts: "1773800300.000100",
      ...churnCardOf("this week", churned, earlier, 5),
    });

    await envelope("env-mention-again", "events_api", event, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.callsTo("chat.postMessage")).toHaveLength(before + 1);
  });
});
