import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { openSqliteStore, parseDay, runDatabase } from "@strata/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnBot } from "./testing/bot-process.ts";
import { SECRET } from "./testing/bot-under-test.ts";
import { ALERTED, CHURN_DAY, type ChurnData, churnData } from "./testing/churn-data.ts";
import { pause } from "./testing/read-reply.ts";
import { SlackStandIn } from "./testing/slack-stand-in.ts";

let data: ChurnData;
let slack: SlackStandIn;
const children: ChildProcess[] = [];

beforeEach(async () => {
  data = await churnData();
  await runDatabase({ db: data.db, rules: data.rules, asOf: parseDay(CHURN_DAY) ?? 0 });
  slack = await SlackStandIn.start();
  slack.users.set("ben@example.com", "U0BEN");
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await slack.close();
  data.close();
});

/** `pnpm bot` as a separate process, draining the outbox the run filled. */
function startSender(): ChildProcess {
  const child = spawnBot({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SECRET,
    PORT: "0",
    HOST: "127.0.0.1",
    SLACK_API_URL: slack.apiUrl,
    STRATA_DB: data.db,
    STRATA_RULES: data.rules,
    STRATA_AS_OF: CHURN_DAY,
    STRATA_SCHEDULE: "0 9 1 1 *",
    STRATA_LOG_LEVEL: "error",
  });
  children.push(child);
  return child;
}

async function states(): Promise<Record<string, number>> {
  const store = await openSqliteStore(data.db);
  try {
    const rows = await store.connection.all<{ state: string; n: number }>(
      "SELECT state, count(*) AS n FROM churn_alerts GROUP BY state",
    );
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    await store.close();
  }
}

/** Waits until no alert is pending or being sent. */
async function drained(): Promise<Record<string, number>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await states();
    if (!now.pending && !now.sending) return now;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(now)}`);
    await pause(100);
  }
}

/** Kills the sender with SIGKILL at its second chat.postMessage, before or after Slack took it. */
async function killAtSecondPost(when: "before" | "after"): Promise<void> {
  const child = startSender();
  let posts = 0;
  slack.hooks[when] = async (call) => {
    if (call.method !== "chat.postMessage" || ++posts !== 2) return undefined;
    child.kill("SIGKILL");
    await once(child, "exit");
    return "drop";
  };
  await once(child, "exit");
  delete slack.hooks[when];
  expect(await states()).toMatchObject({ sending: 1 });
}

async function restartAndDrain(): Promise<void> {
  const child = startSender();
  expect(await drained()).toEqual({ sent: 9, failed: 2 });
  child.kill("SIGTERM");
  await once(child, "exit");
}

/** How many messages name each alerted customer. */
function timesPosted(): Record<string, number> {
  return Object.fromEntries(
    ALERTED.map((id) => [
      id,
      slack.messages.filter((m) => JSON.stringify(m.blocks).includes(`(${id})`)).length,
    ]),
  );
}
const EACH_ONCE = Object.fromEntries(ALERTED.map((id) => [id, 1]));

describe("a sender killed mid-drain and restarted", () => {
  it("does not post again a message Slack took before the kill: found by its key in the history", async () => {
    await killAtSecondPost("after");
    expect(slack.messages).toHaveLength(2);
    await restartAndDrain();
    expect(slack.callsTo("conversations.history").length).toBeGreaterThan(0);
    expect(slack.messages).toHaveLength(3);
    expect(timesPosted()).toEqual(EACH_ONCE);
  });

  it("looks for it, and posts it if need be, where it was going: not where its recipient is now", async () => {
    await killAtSecondPost("after");
    // Ben's address now leads to another user, as when an e-mail is given to someone else.
    slack.users.set("ben@example.com", "U0BEN2");
    await restartAndDrain();
    expect(timesPosted()).toEqual(EACH_ONCE);
    const where = (id: string) =>
      slack.messages
        .filter((m) => JSON.stringify(m.blocks).includes(`(${id})`))
        .map((m) => m.channel);
    expect([where("B1"), where("B2")]).toEqual([["D0BEN"], ["D0BEN2"]]);
  });

  it("posts a message that never reached Slack", async () => {
    await killAtSecondPost("before");
    expect(slack.messages).toHaveLength(1);
    await restartAndDrain();
    expect(slack.messages).toHaveLength(3);
    expect(timesPosted()).toEqual(EACH_ONCE);
  });

  it("posts it again when the history cannot be read: at least once, never lost", async () => {
    slack.respond((call) =>
      call.method === "conversations.history"
        ? { status: 200, body: { ok: false, error: "missing_scope" } }
        : undefined,
    );
    await killAtSecondPost("after");
    await restartAndDrain();
    // The message under way at the kill (B1's card, the second) is the one duplicate.
    expect(slack.messages).toHaveLength(4);
    expect(timesPosted()).toEqual({ ...EACH_ONCE, B1: 2 });
  });
});
