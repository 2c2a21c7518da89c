import { isStrataError } from "@strata/core";
import { z } from "zod";
import type { BotConfig } from "./config.ts";

const SETTINGS: Record<string, string> = {
  botToken: "SLACK_BOT_TOKEN",
  db: "STRATA_DB",
  rules: "STRATA_RULES",
  timeZone: "STRATA_TIMEZONE",
};

const Setting = z.object({ setting: z.string() });

/** One line saying why the bot could not start, naming the variable to fix where one is at fault. */
export function startUpError(error: unknown, config: BotConfig): string {
  const firstLine = (text: string) => text.split("\n")[0] ?? text;
  if (isStrataError(error)) {
    const setting = Setting.safeParse(error.details);
    const variable = setting.success ? SETTINGS[setting.data.setting] : undefined;
    const message = firstLine(error.message);
    if (variable === "STRATA_RULES" && config.rules === null) {
      return `STRATA_RULES is not set and ${message}: expected the path of a *.tiers.yaml file`;
    }
    return variable ? `${variable}: ${message}` : message;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (config.mode.kind === "http" && (code === "EADDRINUSE" || code === "EACCES")) {
    return `PORT ${config.mode.port} cannot be used (${code}): expected a free port this user may listen on`;
  }
  const message = firstLine(error instanceof Error ? error.message : String(error));
  return config.mode.kind === "socket"
    ? `cannot connect to Slack in Socket Mode (${message}): check SLACK_APP_TOKEN and SLACK_BOT_TOKEN`
    : message;
}
