import type { types } from "@slack/bolt";

/** A Block Kit block. */
export type KnownBlock = types.KnownBlock;

/** A message the bot sends: Block Kit blocks, and the text notifications and screen readers use. */
export interface SlackReply {
  text: string;
  blocks: KnownBlock[];
}

/** Escapes text for mrkdwn so that names like "A&B <Ltd>" are shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Undoes Slack's escaping of &, < and > in text it sends. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

// One formatter each: toLocaleString builds a new one on every call, which shows in profiles.
const WHOLE = new Intl.NumberFormat("en-US");
const CENTS = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Whole numbers with thousands separators: 12,345. */
export const count = (n: number) => WHOLE.format(n);
/** Money with two decimals and thousands separators, in the data's currency: 12,345.60. */
export const money = (n: number) => CENTS.format(n);
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
/** A probability as a whole percentage, never rounded to a certainty: <1%, 42%, >99%. */
export const chance = (p: number) =>
  p < 0.005 ? "<1%" : p > 0.995 ? ">99%" : `${Math.round(p * 100)}%`;
export const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? "" : "s"}`;

/** An account manager as Slack shows them: a mention for a user id, else the text (e-mail). */
export function person(manager: string | null): string {
  if (manager === null || manager === "") return "no account manager";
  return /^[UW][A-Z0-9]{2,}$/.test(manager) ? `<@${manager}>` : escapeMrkdwn(manager);
}

/** Cuts `text` to at most `max` characters, marking the cut. */
export function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A mrkdwn section, with an element beside it; Slack allows 3,000 characters. */
export function section(text: string, accessory?: types.SectionBlockAccessory): KnownBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: fit(text, 3000) },
    ...(accessory ? { accessory } : {}),
  };
}

/** A section of mrkdwn fields shown in two columns; Slack allows 2,000 characters each. */
export function fields(texts: readonly string[]): KnownBlock {
  return {
    type: "section",
    fields: texts.map((text) => ({ type: "mrkdwn" as const, text: fit(text, 2000) })),
  };
}

/** Slack allows 50 blocks in a message. */
export const MAX_BLOCKS = 50;

/**
 * `blocks`, when they fit in a message beside `others` more blocks; else as many as fit, the
 * last of them replaced by `more(hidden)` saying what was left out.
 */
export function within(
  blocks: readonly KnownBlock[],
  others: number,
  more: (hidden: number) => KnownBlock,
): KnownBlock[] {
  const room = MAX_BLOCKS - others;
  if (blocks.length <= room) return [...blocks];
  const shown = blocks.slice(0, room - 1);
  return [...shown, more(blocks.length - shown.length)];
}

/** A header; Slack allows 150 characters of plain text. */
export function header(text: string): KnownBlock {
  return { type: "header", text: { type: "plain_text", text: fit(text, 150), emoji: true } };
}

/** A context line in small grey text. */
export function context(text: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: fit(text, 3000) }] };
}

/** A reply of one mrkdwn section, for short answers and refusals. */
export function textReply(text: string): SlackReply {
  return { text, blocks: [section(text)] };
}
