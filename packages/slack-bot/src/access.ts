import type { BotConfig } from "./config.ts";
import type { Incoming } from "./incoming.ts";

/**
 * Whether the allow-lists let this question be answered: when a list is set, the channel
 * (direct messages included, by their D… id) and the user must be on it.
 */
export function allowed(
  config: Pick<BotConfig, "allowedChannels" | "allowedUsers">,
  incoming: Incoming,
): boolean {
  const { allowedChannels, allowedUsers } = config;
  if (allowedUsers && !allowedUsers.has(incoming.userId)) return false;
  if (allowedChannels && !(incoming.channelId && allowedChannels.has(incoming.channelId)))
    return false;
  return true;
}

/** The short refusal shown outside the allow-lists. */
export const REFUSAL =
  "Sorry, I only answer in the channels and for the people my administrators have allowed.";
