import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "./config.ts";
import { spawnBot, runBotToEnd as start } from "./testing/bot-process.ts";
import { churnData } from "./testing/churn-data.ts";
import { SlackStandIn } from "./testing/slack-stand-in.ts";

const GOOD = {
  SLACK_BOT_TOKEN: "xoxb-1-2-abc",
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
};

function problem(env: Record<string, string>): string {
  const result = readConfig(env, "/srv/strata");
  if (result.ok) throw new Error("expected the settings to be refused");
  return result.error;
}

describe("readConfig", () => {
  it("takes defaults for what is not set and resolves paths from the working directory", () => {
    const result = readConfig(GOOD, "/srv/strata");
    expect(result).toEqual({
      ok: true,
      config: {
        botToken: GOOD.SLACK_BOT_TOKEN,
        mode: { kind: "http", signingSecret: GOOD.SLACK_SIGNING_SECRET, port: 3000, host: null },
        slackApiUrl: null,
        db: "/srv/strata/strata.db",
        rules: null,
        timeZone: "UTC",
        asOf: null,
        schedule: "0 9 * * *",
        allowedChannels: null,
        allowedUsers: null,
        logLevel: "info",
      },
    });
  });

  it("picks Socket Mode with an app token, and reads lists, dates and URLs", () => {
    const result = readConfig(
      {
        SLACK_BOT_TOKEN: "xoxb-1",
        SLACK_APP_TOKEN: "xapp-1-A-2",
        SLACK_API_URL: "http://127.0.0.1:9000/api",
        STRATA_RULES: "rules/shop.tiers.yaml",
        STRATA_AS_OF: "2026-03-18",
        STRATA_TIMEZONE: "Asia/Shanghai",
        STRATA_SCHEDULE: "30 7 * * 1-5",
        STRATA_ALLOWED_CHANNELS: "C0SALES, D0DM",
        STRATA_ALLOWED_USERS: "U0A,W0B",
      },
      "/srv",
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.config).toMatchObject({
      mode: { kind: "socket", appToken: "xapp-1-A-2" },
      slackApiUrl: "http://127.0.0.1:9000/api/",
      rules: "/srv/rules/shop.tiers.yaml",
      asOf: 20530,
      timeZone: "Asia/Shanghai",
      schedule: "30 7 * * 1-5",
    });
    expect([...(result.config.allowedChannels ?? [])]).toEqual(["C0SALES", "D0DM"]);
    expect([...(result.config.allowedUsers ?? [])]).toEqual(["U0A", "W0B"]);
  });

  it.each([
    [
      {},
      /^SLACK_BOT_TOKEN is not set: expected the bot token .* starting with xoxb-; SLACK_SIGNING_SECRET and SLACK_APP_TOKEN are not set: expected one/,
    ],
    [
      { SLACK_BOT_TOKEN: "xoxb-1" },
      /^SLACK_SIGNING_SECRET and SLACK_APP_TOKEN are not set: expected one/,
    ],
    [{ ...GOOD, SLACK_BOT_TOKEN: "xoxp-user-token" }, /^SLACK_BOT_TOKEN is malformed: expected/],
    [{ ...GOOD, PORT: "eighty" }, /^PORT is "eighty": expected a TCP port number/],
    [{ ...GOOD, STRATA_TIMEZONE: "Mars/Olympus" }, /^STRATA_TIMEZONE is "Mars\/Olympus"/],
    [{ ...GOOD, STRATA_AS_OF: "18/03/2026" }, /^STRATA_AS_OF is "18\/03\/2026": expected a date/],
    [{ ...GOOD, STRATA_SCHEDULE: "every morning" }, /^STRATA_SCHEDULE is "every morning"/],
    [{ ...GOOD, STRATA_SCHEDULE: "0 25 * * *" }, /^STRATA_SCHEDULE is "0 25 \* \* \*"/],
    [{ ...GOOD, STRATA_ALLOWED_CHANNELS: "#sales" }, /^STRATA_ALLOWED_CHANNELS is "#sales"/],
    [{ ...GOOD, STRATA_ALLOWED_USERS: "@ana" }, /^STRATA_ALLOWED_USERS is "@ana"/],
    [{ ...GOOD, SLACK_API_URL: "ftp://x" }, /^SLACK_API_URL is "ftp:\/\/x": expected an http/],
    [{ ...GOOD, STRATA_LOG_LEVEL: "loud" }, /^STRATA_LOG_LEVEL is "loud": expected one of/],
  ])("refuses %j with one line naming the variable", (env, message) => {
    const error = problem(env as Record<string, string>);
    expect(error).toMatch(message);
    expect(error).not.toContain("\n");
  });

  it("names every bad variable at once, the missing signing secret or app token included", () => {
    expect(problem({ SLACK_BOT_TOKEN: "xoxb-1", PORT: "eighty" }).split("; ")).toEqual([
      'PORT is "eighty": expected a TCP port number from 0 to 65535 (default 3000)',
      "SLACK_SIGNING_SECRET and SLACK_APP_TOKEN are not set: expected one, the signing secret for HTTP mode or an xapp- token for Socket Mode",
    ]);
    expect(problem({ SLACK_SIGNING_SECRET: "too short" }).split("; ")).toEqual([
      "SLACK_BOT_TOKEN is not set: expected the bot token from the app's OAuth & Permissions page, starting with xoxb-",
      "SLACK_SIGNING_SECRET is malformed: expected the signing secret from the app's Basic Information page (letters and digits)",
    ]);
  });

  it("never echoes a secret", () => {
    const error = problem({ ...GOOD, SLACK_SIGNING_SECRET: "has spaces in it!" });
    expect(error).toBe(
      "SLACK_SIGNING_SECRET is malformed: expected the signing secret from the app's Basic Information page (letters and digits)",
    );
  });
});

describe("starting the bot with bad settings", () => {
  it("stops with exit 2 and one line on stderr for a malformed variable", () => {
    const run = start({ ...GOOD, PORT: "99999" });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'strata-bot: PORT is "99999": expected a TCP port number from 0 to 65535 (default 3000)\n',
    );
    expect(run.stdout).toBe("");
  });

  it("stops with exit 2 and one line naming SLACK_BOT_TOKEN when Slack refuses the token", async () => {
    const data = await churnData();
    const slack = await SlackStandIn.start();
    slack.respond((call) =>
      call.method === "auth.test"
        ? { status: 200, body: { ok: false, error: "invalid_auth" } }
        : undefined,
    );
    try {
      const child = spawnBot({
        ...GOOD,
        PORT: "0",
        SLACK_API_URL: slack.apiUrl,
        STRATA_DB: data.db,
        STRATA_RULES: data.rules,
      });
      let stderr = "";
      child.stderr?.on("data", (chunk) => {
        stderr += chunk;
      });
      // Without the check it would run on: stop it, and the comparison below fails.
      const timer = setTimeout(() => child.kill(), 20_000);
      const [status] = await once(child, "exit");
      clearTimeout(timer);
      expect([status, stderr]).toEqual([
        2,
        "strata-bot: SLACK_BOT_TOKEN: Slack refused it (invalid_auth): copy the Bot User OAuth Token (xoxb-…) again from the app's OAuth & Permissions page\n",
      ]);
      expect(slack.callsTo("auth.test").map((c) => c.authorization)).toEqual([
        `Bearer ${GOOD.SLACK_BOT_TOKEN}`,
      ]);
      expect(slack.callsTo().map((c) => c.method)).toEqual(["auth.test"]);
    } finally {
      await slack.close();
      data.close();
    }
  });

  it("stops with exit 1 and one line naming STRATA_DB when there is no database", () => {
    const run = start({
      ...GOOD,
      STRATA_DB: join(mkdtempSync(join(tmpdir(), "strata-bot-")), "missing.db"),
      PORT: "0",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^strata-bot: STRATA_DB: no database at .*missing\.db: load data/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("stops with exit 1 and one line naming STRATA_RULES for a broken rule file", () => {
    const dir = mkdtempSync(join(tmpdir(), "strata-bot-rules-"));
    const rules = join(dir, "broken.tiers.yaml");
    writeFileSync(rules, "version: 1\ndimensions:\n  value:\n    tiers:\n      - id: vip\n");
    const run = start({ ...GOOD, STRATA_DB: ":memory:", STRATA_RULES: rules, PORT: "0" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^strata-bot: STRATA_RULES: /);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
