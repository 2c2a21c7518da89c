import { z } from "zod";
import { unescapeMrkdwn } from "./replies/slack-reply.ts";

/** A question as received from Slack: who asked, where, what, and the delivery's identity. */
export interface Incoming {
  /** Stable across Slack's retries of one delivery: a second one is not answered. */
  deliveryKey: string;
  userId: string;
  channelId: string | null;
  /** What was asked, as the audit records it. */
  question: string;
}

const SlashCommand = z.object({
  command: z.string(),
  text: z.string().default(""),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
});

const BlockAction = z.object({
  type: z.literal("block_actions"),
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().min(1) })).min(1),
});

const MessageEvent = z.object({
  event_id: z.string().min(1),
  event: z.object({
    type: z.enum(["app_mention", "message"]),
    user: z.string().min(1).optional(),
    text: z.string().default(""),
    channel: z.string().min(1),
    ts: z.string(),
    thread_ts: z.string().optional(),
    channel_type: z.string().optional(),
    bot_id: z.string().optional(),
    subtype: z.string().optional(),
  }),
});

/** A slash command's delivery and its argument, unescaped. Throws on a malformed body. */
export function fromCommand(body: unknown): Incoming & { argument: string } {
  const c = SlashCommand.parse(body);
  const argument = unescapeMrkdwn(c.text).trim();
  return {
    deliveryKey: `command:${c.trigger_id}`,
    userId: c.user_id,
    channelId: c.channel_id,
    question: `${c.command} ${argument}`.trim(),
    argument,
  };
}

/** A click on a button: the delivery and the button's value. Throws on a malformed body. */
export function fromAction(body: unknown): Incoming & { value: string } {
  const a = BlockAction.parse(body);
  const [action] = a.actions;
  const value = action?.value ?? "";
  return {
    deliveryKey: `action:${a.trigger_id}`,
    userId: a.user.id,
    channelId: a.channel?.id ?? null,
    question: `${action?.action_id ?? "action"} ${value}`,
    value,
  };
}

/** A message to answer, with where the answer goes (`threadTs` null: not in a thread). */
export type IncomingMessage = Incoming & { text: string; channel: string; threadTs: string | null };

/**
 * A mention or direct message a person wrote, with mentions of users removed from the text;
 * null for messages to ignore: the bot's own and other bots', edits and other subtypes,
 * messages in channels (those reach the bot as mentions), and mentions in direct messages
 * (those arrive as messages too). Throws on a malformed body.
 */
export function fromMessage(body: unknown): IncomingMessage | null {
  const { event_id, event } = MessageEvent.parse(body);
  const direct = event.channel_type === "im" || event.channel.startsWith("D");
  const wanted = event.type === "app_mention" ? !direct : direct;
  if (!wanted || !event.user || event.bot_id || event.subtype) return null;
  const text = unescapeMrkdwn(event.text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
  return {
    deliveryKey: `event:${event_id}`,
    userId: event.user,
    channelId: event.channel,
    question: text,
    text,
    channel: event.channel,
    threadTs:
      event.type === "app_mention" ? (event.thread_ts ?? event.ts) : (event.thread_ts ?? null),
  };
}
