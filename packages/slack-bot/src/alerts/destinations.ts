import type { PacedClient } from "../paced-client.ts";
import { RefusedCall } from "../paced-client.ts";

/**
 * Where an alert recipient's messages go: a Slack user id or an e-mail (resolved with
 * users.lookupByEmail) to the direct message with the bot, a #name to that channel. Results
 * are kept for the life of the object (one drain). Throws RefusedCall with a reason a person
 * can act on when there is no such user or channel.
 */
export class Destinations {
  private readonly channels = new Map<string, Promise<string>>();
  private named: Map<string, string> | null = null;

  constructor(private readonly slack: PacedClient) {}

  channelOf(recipient: string): Promise<string> {
    let channel = this.channels.get(recipient);
    if (!channel) {
      channel = this.resolve(recipient);
      this.channels.set(recipient, channel);
    }
    return channel;
  }

  private async resolve(recipient: string): Promise<string> {
    if (recipient.startsWith("#")) return this.channelNamed(recipient.slice(1));
    let user = recipient;
    if (recipient.includes("@")) {
      const found = await this.slack
        .call((c) => c.users.lookupByEmail({ email: recipient }))
        .catch(reason(`no Slack user has the e-mail ${recipient}`));
      user = found.user?.id ?? "";
    }
    const opened = await this.slack
      .call((c) => c.conversations.open({ users: user }))
      .catch(reason(`cannot open a direct message with ${recipient}`));
    const id = opened.channel?.id;
    if (!id) throw new RefusedCall(`cannot open a direct message with ${recipient}`);
    return id;
  }

  private async channelNamed(name: string): Promise<string> {
    if (!this.named) {
      this.named = new Map();
      let cursor: string | undefined;
      do {
        const page = await this.slack.call((c) =>
          c.conversations.list({
            types: "public_channel,private_channel",
            exclude_archived: true,
            limit: 1000,
            ...(cursor ? { cursor } : {}),
          }),
        );
        for (const ch of page.channels ?? []) if (ch.name && ch.id) this.named.set(ch.name, ch.id);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    }
    const id = this.named.get(name);
    if (!id) throw new RefusedCall(`no channel #${name} that the bot can see: invite it there`);
    return id;
  }
}

const reason =
  (text: string) =>
  (error: unknown): never => {
    throw error instanceof RefusedCall ? new RefusedCall(`${text} (${error.error})`) : error;
  };
