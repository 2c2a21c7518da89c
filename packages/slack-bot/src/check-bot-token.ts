import { StrataError } from "@strata/core";
import { AppRefused, type PacedClient, RefusedCall } from "./paced-client.ts";

/**
 * Asks Slack whether the bot token works (auth.test), so that a bad one stops start-up instead
 * of every answer and alert. Throws StrataError("usage") with
 * `details.setting` "botToken" when Slack refuses the token, and an Error naming Slack's address
 * when Slack cannot be reached.
 */
export async function checkBotToken(slack: PacedClient, apiUrl: string): Promise<void> {
  try {
    await slack.call((c) => c.auth.test());
  } catch (error) {
    if (error instanceof AppRefused || error instanceof RefusedCall) {
      throw new StrataError(
        "usage",
        `Slack refused it (${error.error}): copy the Bot User OAuth Token (xoxb-…) again from the app's OAuth & Permissions page`,
        { setting: "botToken" },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach Slack at ${apiUrl} to check the bot token (${reason})`);
  }
}
