import { isAbsolute, resolve } from "node:path";
import { type Day, parseDay } from "@strata/core";
import { Cron } from "croner";
import { z } from "zod";

/** How the bot talks to Slack: HTTP requests to /slack/events, or a Socket Mode connection. */
export type BotMode =
  | { kind: "http"; signingSecret: string; port: number; host: string | null }
  | { kind: "socket"; appToken: string };

/** The bot's settings, read once from the environment at start-up. */
export interface BotConfig {
  botToken: string;
  mode: BotMode;
  /** Web API base URL ending in "/", when not Slack's own. */
  slackApiUrl: string | null;
  /** Absolute path of the SQLite database. */
  db: string;
  /** Absolute path of the rule file, or null for the rules of the latest run. */
  rules: string | null;
  timeZone: string;
  /** Answer as if today were this day; null: today in `timeZone`. */
  asOf: Day | null;
  /** Cron expression (5 fields, or 6 with seconds first) of the recurring run and its alerts. */
  schedule: string;
  /** Null when every channel (or user) may ask. */
  allowedChannels: ReadonlySet<string> | null;
  allowedUsers: ReadonlySet<string> | null;
  logLevel: "debug" | "info" | "warn" | "error";
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function isCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
}

const idList = (pattern: RegExp) =>
  z
    .string()
    .transform((text) => text.split(",").map((id) => id.trim()))
    .refine((ids) => ids.every((id) => pattern.test(id)))
    .transform((ids) => new Set(ids));

/** Each variable's schema and, for the error line, what it expects; secrets are never echoed. */
interface Variable {
  schema: z.ZodType;
  expected: string;
  secret?: true;
}

const VARIABLES = {
  SLACK_BOT_TOKEN: {
    schema: z.string().regex(/^xoxb-\S+$/),
    secret: true,
    expected: "the bot token from the app's OAuth & Permissions page, starting with xoxb-",
  },
  SLACK_SIGNING_SECRET: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9]{16,}$/)
      .optional(),
    secret: true,
    expected: "the signing secret from the app's Basic Information page (letters and digits)",
  },
  SLACK_APP_TOKEN: {
    schema: z
      .string()
      .regex(/^xapp-\S+$/)
      .optional(),
    secret: true,
    expected: "an app-level token with connections:write, starting with xapp-",
  },
  PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
    expected: "a TCP port number from 0 to 65535 (default 3000)",
  },
  HOST: {
    schema: z.string().optional(),
    expected: "the address to listen on, e.g. 127.0.0.1 (default: all interfaces)",
  },
  SLACK_API_URL: {
    schema: z
      .url({ protocol: /^https?$/ })
      .transform((url) => (url.endsWith("/") ? url : `${url}/`))
      .optional(),
    expected: "an http(s) URL of the Slack Web API, e.g. https://slack.com/api/",
  },
  STRATA_DB: {
    schema: z.string().default("strata.db"),
    expected: "the path of the Strata SQLite database",
  },
  STRATA_RULES: { schema: z.string().optional(), expected: "the path of a *.tiers.yaml file" },
  STRATA_TIMEZONE: {
    schema: z.string().refine(isTimeZone).default("UTC"),
    expected: "an IANA timezone such as Europe/Paris (default UTC)",
  },
  STRATA_AS_OF: {
    schema: z
      .string()
      .transform((text) => parseDay(text))
      .refine((day) => day !== null)
      .optional(),
    expected: "a date like 2026-03-18 (default: today)",
  },
  STRATA_SCHEDULE: {
    schema: z.string().refine(isCron).default("0 9 * * *"),
    expected:
      'a cron expression such as "0 9 * * *" (the default: 09:00 every day in STRATA_TIMEZONE)',
  },
  STRATA_ALLOWED_CHANNELS: {
    schema: idList(/^[CDG][A-Z0-9]{2,}$/).optional(),
    expected: "comma-separated Slack channel ids such as C0123ABCD (not #names)",
  },
  STRATA_ALLOWED_USERS: {
    schema: idList(/^[UW][A-Z0-9]{2,}$/).optional(),
    expected: "comma-separated Slack user ids such as U0123ABCD (not @names)",
  },
  STRATA_LOG_LEVEL: {
    schema: z.enum(["debug", "info", "warn", "error"]).default("info"),
    expected: "one of debug, info, warn, error (default info)",
  },
} satisfies Record<string, Variable>;

type Name = keyof typeof VARIABLES;
const NAMES = Object.keys(VARIABLES) as Name[];

/** The result of reading the environment: the settings, or one line saying what is wrong. */
export type ConfigResult = { ok: true; config: BotConfig } | { ok: false; error: string };

/**
 * Reads the bot's settings from `env` (empty values count as unset); relative paths are taken
 * from `cwd`. On failure, `error` is one line naming each bad variable and what it expects.
 */
export function readConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ConfigResult {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of NAMES) {
    const spec: Variable = VARIABLES[name];
    const raw = env[name]?.trim() || undefined;
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
      continue;
    }
    const got = raw === undefined ? "is not set" : spec.secret ? "is malformed" : `is "${raw}"`;
    problems.push(`${name} ${got}: expected ${spec.expected}`);
  }
  const unset = (name: Name) => !env[name]?.trim();
  if (unset("SLACK_SIGNING_SECRET") && unset("SLACK_APP_TOKEN")) {
    problems.push(
      "SLACK_SIGNING_SECRET and SLACK_APP_TOKEN are not set: expected one, the signing secret for HTTP mode or an xapp- token for Socket Mode",
    );
  }
  if (problems.length > 0) return { ok: false, error: problems.join("; ") };
  const v = values as { [K in Name]: z.output<(typeof VARIABLES)[K]["schema"]> };
  const path = (p: string) => (p === ":memory:" || isAbsolute(p) ? p : resolve(cwd, p));
  const mode: BotMode = v.SLACK_APP_TOKEN
    ? { kind: "socket", appToken: v.SLACK_APP_TOKEN }
    : {
        kind: "http",
        signingSecret: v.SLACK_SIGNING_SECRET ?? "",
        port: v.PORT,
        host: v.HOST ?? null,
      };
  return {
    ok: true,
    config: {
      botToken: v.SLACK_BOT_TOKEN,
      mode,
      slackApiUrl: v.SLACK_API_URL ?? null,
      db: path(v.STRATA_DB),
      rules: v.STRATA_RULES === undefined ? null : path(v.STRATA_RULES),
      timeZone: v.STRATA_TIMEZONE,
      asOf: v.STRATA_AS_OF ?? null,
      schedule: v.STRATA_SCHEDULE,
      allowedChannels: v.STRATA_ALLOWED_CHANNELS ?? null,
      allowedUsers: v.STRATA_ALLOWED_USERS ?? null,
      logLevel: v.STRATA_LOG_LEVEL,
    },
  };
}
