/**
 * Slack bot benchmarks on the benchmark database (bench-data.ts), with the real bot (`pnpm
 * bot`, its own process, HTTP mode on a loopback port) and the Slack stand-in of
 * packages/slack-bot/src/testing in this process, which also sends the requests:
 * - `/tier` and `/churn` under 50 concurrent requests, each timed from the signed HTTP request
 *   going out to its answer coming back (in the acknowledgement, or at the response URL for a
 *   slow one) (target: p99 < 100 ms), against the same questions asked of core in the
 *   process, one at a time (the peer);
 * - 10,000 churn alerts drained through a stand-in that answers 429 with Retry-After when
 *   more than ALERTS_PER_SECOND messages arrive within a second, checked for none lost, none
 *   repeated and no call before Retry-After was up; against the same drain without limits.
 * The database is copied first: the bot writes its audit and the alerts into the copy.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "../packages/core/src/demo/seeded-random.ts";
import { openQuestionService } from "../packages/core/src/questions/question-service.ts";
import { openSqliteStore } from "../packages/core/src/store/sqlite/sqlite-store.ts";
import { parseDay } from "../packages/core/src/time/calendar.ts";
import { spawnBot } from "../packages/slack-bot/src/testing/bot-process.ts";
import { SECRET } from "../packages/slack-bot/src/testing/bot-under-test.ts";
import { sendToBot, slashCommandBody } from "../packages/slack-bot/src/testing/signed-request.ts";
import { SlackStandIn } from "../packages/slack-bot/src/testing/slack-stand-in.ts";
import { BENCH_TODAY, benchDatabase } from "./bench-data.ts";
import { printTable } from "./bench-kit.ts";

const CONCURRENCY = 50;
const REQUESTS = 2000;
const PERIODS = ["this week", "last week", "this month", "last 30 days"];
const ALERTS = 10_000;
const MANAGERS = 2_500;
const ALERTS_PER_SECOND = 200;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), n: sorted.length };
};

/** `pnpm bot` on `db` talking to `slack`, once it listens: the process and its port. */
async function bot(
  db: string,
  slack: SlackStandIn,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawnBot({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    PORT: "0",
    HOST: "127.0.0.1",
    SLACK_API_URL: slack.apiUrl,
    STRATA_DB: db,
    STRATA_AS_OF: BENCH_TODAY,
    STRATA_SCHEDULE: "0 0 1 1 *",
    STRATA_LOG_LEVEL: "error",
    ...(process.env.BOT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BOT_NODE_OPTIONS } : {}),
  });
  let out = "";
  let err = "";
  child.stderr?.on("data", (chunk) => {
    err += chunk;
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const found = /HTTP mode on port (\d+)/.exec(out)?.[1];
      if (found) resolve(Number(found));
    });
    child.once("exit", () => reject(new Error(`the bot did not start: ${err}`)));
  });
  return { child, port };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
}

type Ask = { command: "/tier" | "/churn"; text: string };

export function workload(customers: number): Ask[] {
  const random = seededRandom(11);
  return Array.from({ length: REQUESTS }, () =>
    random.next() < 0.8
      ? { command: "/tier", text: `C${String(1 + random.int(customers)).padStart(5, "0")}` }
      : { command: "/churn", text: PERIODS[random.int(PERIODS.length)] ?? "" },
  );
}

/** Each question's time from request out to answer in, with CONCURRENCY in flight. */
export async function overHttp(db: string, asks: Ask[]) {
  const slack = await SlackStandIn.start();
  const arrived = new Map<string, () => void>();
  slack.hooks.after = async (call) => {
    if (call.method === "response_url") arrived.get(call.path.slice("/respond/".length))?.();
    return undefined;
  };
  const running = await bot(db, slack);
  const url = `http://127.0.0.1:${running.port}/slack/events`;
  let id = 0;
  let apologies = 0;
  const run = Date.now().toString(36);
  const ask = async (a: Ask): Promise<number> => {
    const trigger = `bench${run}-${++id}`;
    const answered = new Promise<void>((resolve) => arrived.set(trigger, resolve));
    const body = slashCommandBody({
      command: a.command,
      text: a.text,
      user_id: "U0BENCH",
      channel_id: "C0BENCH",
      trigger_id: trigger,
      response_url: slack.responseUrl(trigger),
    });
    const start = performance.now();
    const sent = await sendToBot(url, SECRET, body, "application/x-www-form-urlencoded");
    if (sent.status !== 200) throw new Error(`${a.command} ${a.text}: HTTP ${sent.status}`);
    // Quick answers come back in the acknowledgement, slower ones through the response URL.
    if (sent.body === "") await answered;
    else if (/Sorry/.test(sent.body)) apologies++;
    arrived.delete(trigger);
    return performance.now() - start;
  };
  try {
    for (const a of asks.slice(0, 50)) await ask(a);
    const times: Record<Ask["command"], number[]> = { "/tier": [], "/churn": [] };
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let a = asks[next++]; a; a = asks[next++]) times[a.command].push(await ask(a));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const late = slack.callsTo("response_url");
    apologies += late.filter((c) => /Sorry/.test(JSON.stringify(c.body))).length;
    return { times, seconds, refused: apologies, late: late.length };
  } finally {
    await stop(running.child);
    await slack.close();
  }
}

/** The same questions asked of core in the process, one at a time. */
async function inProcess(db: string, asks: Ask[]) {
  const service = await openQuestionService({
    db,
    now: () => new Date(`${BENCH_TODAY}T12:00:00Z`),
    asOf: parseDay(BENCH_TODAY) ?? 0,
  });
  const times: Record<Ask["command"], number[]> = { "/tier": [], "/churn": [] };
  try {
    for (const a of asks.slice(0, 500)) {
      const start = performance.now();
      await (a.command === "/tier" ? service.tier(a.text) : service.churn(a.text));
      times[a.command].push(performance.now() - start);
    }
  } finally {
    await service.close();
  }
  return times;
}

/** Fills the outbox with ALERTS pending alerts, ALERTS / MANAGERS per manager (no digests). */
async function fillOutbox(db: string): Promise<void> {
  const store = await openSqliteStore(db);
  const c = store.connection;
  try {
    const run = await c.get<{ run_id: number }>("SELECT max(run_id) AS run_id FROM runs");
    const customers = await c.all<{ customer_id: string; name: string }>(
      "SELECT customer_id, name FROM customers ORDER BY customer_id LIMIT ?",
      [ALERTS],
    );
    await c.run("DELETE FROM churn_alerts");
    await c.transaction(async () => {
      for (const [i, customer] of customers.entries()) {
        const manager = `U0M${String(i % MANAGERS).padStart(5, "0")}`;
        const facts = {
          customer: { id: customer.customer_id, name: customer.name, accountManager: manager },
          churnedOn: BENCH_TODAY,
          churn: {
            dimension: "lifecycle",
            dimensionLabel: "lifecycle",
            tier: "churned",
            label: "churned",
            action: "Call them this week",
            from: "silent",
          },
          value: { dimension: "value", dimensionLabel: "value", tier: "vip", label: "vip" },
          lastOrder: "2026-08-01",
          orders: 14,
          spend: 5200 + i,
          pAlive: null,
          window: "365d",
        };
        await c.run(
          `INSERT INTO churn_alerts (run_id, customer_id, dimension, tier, churned_on, recipient, facts)
           VALUES (?, ?, 'lifecycle', 'churned', ?, ?, ?)`,
          [
            run?.run_id ?? 1,
            customer.customer_id,
            parseDay(BENCH_TODAY) ?? 0,
            manager,
            JSON.stringify(facts),
          ],
        );
      }
    });
  } finally {
    await store.close();
  }
}

/** Drains the outbox through a stand-in, rate limited or not; checks what arrived. */
async function drain(db: string, limited: boolean) {
  await fillOutbox(db);
  const slack = await SlackStandIn.start();
  if (limited) {
    let windowStart = 0;
    let inWindow = 0;
    slack.rateLimit((call) => {
      if (call.method !== "chat.postMessage") return false;
      const now = Date.now();
      if (now - windowStart >= 1000) [windowStart, inWindow] = [now, 0];
      return ++inWindow > ALERTS_PER_SECOND;
    }, 1);
  }
  const started = performance.now();
  const running = await bot(db, slack);
  const store = await openSqliteStore(db);
  const left = async () =>
    (
      await store.connection.get<{ n: number }>(
        "SELECT count(*) AS n FROM churn_alerts WHERE state IN ('pending', 'sending')",
      )
    )?.n ?? 0;
  while ((await left()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  const seconds = (performance.now() - started) / 1000;
  await stop(running.child);
  await slack.close();
  const perCustomer = new Map<string, number>();
  for (const m of slack.messages) {
    const id = /\((C\d+)\)/.exec(m.text)?.[1] ?? "?";
    perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
  }
  const sent = await store.connection.get<{ n: number }>(
    "SELECT count(*) AS n FROM churn_alerts WHERE state = 'sent'",
  );
  await store.close();
  return {
    seconds,
    sent: sent?.n ?? 0,
    lost: ALERTS - perCustomer.size,
    repeated: [...perCustomer.values()].filter((n) => n > 1).length,
    rateLimited: slack.callsTo("chat.postMessage").length - slack.messages.length,
    tooEarly: slack.tooEarly.length,
  };
}

export async function run(args: string[]): Promise<void> {
  const source = await benchDatabase(args);
  const dir = mkdtempSync(join(tmpdir(), "strata-slack-bench-"));
  const db = join(dir, "bench.db");
  try {
    copyFileSync(source, db);
    const service = await openSqliteStore(db);
    const customers =
      (await service.connection.get<{ n: number }>("SELECT count(*) AS n FROM customers"))?.n ?? 0;
    const orders =
      (await service.connection.get<{ n: number }>("SELECT count(*) AS n FROM orders"))?.n ?? 0;
    await service.close();
    console.log(
      `\nslack bench: ${orders.toLocaleString("en-US")} orders of ${customers.toLocaleString("en-US")} customers; ${REQUESTS} questions (80% /tier, 20% /churn), ${CONCURRENCY} in flight`,
    );
    const asks = workload(customers);
    const http = await overHttp(db, asks);
    const core = await inProcess(db, asks);
    const rows: string[][] = [];
    for (const command of ["/tier", "/churn"] as const) {
      const h = summary(http.times[command]);
      const c = summary(core[command]);
      rows.push([
        `${command} over HTTP, ${CONCURRENCY} in flight (${h.n})`,
        `p50 ${fmt(h.p50)} ms, p99 ${fmt(h.p99)} ms`,
        `core in process, one at a time: p50 ${fmt(c.p50, 2)} ms, p99 ${fmt(c.p99, 2)} ms`,
        `p99 ${fmt(h.p99 / c.p99)}×`,
        h.p99 < 100 ? "met (p99 < 100 ms)" : "missed (p99 < 100 ms)",
      ]);
    }
    rows.push([
      "throughput",
      `${fmt(REQUESTS / http.seconds, 0)} questions/s`,
      `${http.late} answered through the response URL, ${http.refused} apologies`,
      "",
      "",
    ]);
    const free = await drain(db, false);
    const limited = await drain(db, true);
    for (const [name, d] of [
      ["10,000 alerts, no rate limit", free],
      [`10,000 alerts, 429 over ${ALERTS_PER_SECOND}/s`, limited],
    ] as const) {
      rows.push([
        name,
        `${fmt(d.seconds)} s, ${fmt(ALERTS / d.seconds, 0)} alerts/s`,
        `sent ${d.sent}, lost ${d.lost}, repeated ${d.repeated}; ${d.rateLimited} × 429, ${d.tooEarly} calls before Retry-After`,
        name.includes("429") ? `${fmt(d.seconds / free.seconds)}× the unlimited drain` : "",
        d.sent === ALERTS && d.lost === 0 && d.repeated === 0 && d.tooEarly === 0
          ? "met (none lost or repeated, Retry-After honoured)"
          : "missed",
      ]);
    }
    printTable("Slack bot", ["measure", "figure", "detail", "ratio", "target"], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
