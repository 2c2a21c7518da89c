import { isStrataError } from "@strata/core";
import { readConfig } from "./config.ts";
import { startBot } from "./start-bot.ts";
import { startUpError } from "./start-up-error.ts";

/**
 * `pnpm bot`: reads the settings from the environment and runs the bot until SIGINT or
 * SIGTERM. Exits 2 with one line on stderr when a setting is missing, malformed or refused by
 * Slack (the bot token), 1 when the bot cannot start for another reason.
 */
const settings = readConfig(process.env, process.cwd());
if (!settings.ok) {
  process.stderr.write(`strata-bot: ${settings.error}\n`);
  process.exit(2);
}
const { config } = settings;
try {
  const bot = await startBot(config, () => new Date());
  const where =
    config.mode.kind === "http"
      ? `HTTP mode on port ${bot.port}, endpoint /slack/events`
      : "Socket Mode";
  process.stdout.write(`strata-bot: answering from ${config.db} (${where})\n`);
  process.stdout.write(
    `strata-bot: runs and churn alerts on "${config.schedule}" (${config.timeZone}); next ${bot.nextRun?.toISOString() ?? "never"}\n`,
  );
  const stop = async () => {
    await bot.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  process.stderr.write(`strata-bot: ${startUpError(error, config)}\n`);
  // A setting Slack refused (the bot token) is exit 2 as well: restarting will not fix it.
  process.exit(isStrataError(error, "usage") ? 2 : 1);
}
