import { expect } from "vitest";
import type { RecordedCall } from "./slack-stand-in.ts";

/** Every text of a reply's blocks, joined by new lines: what a person reads. For tests only. */
export function shownText(body: { blocks?: unknown } | undefined): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "text" && typeof value === "string") texts.push(value);
        else visit(value);
      }
    }
  };
  visit(body?.blocks);
  return texts.join("\n");
}

/** The buttons of a reply's actions blocks. For tests only. */
export function buttonsOf(
  call: Pick<RecordedCall, "body"> | undefined,
): Array<{ action_id: string; value: string }> {
  const blocks = (call?.body.blocks ?? []) as Array<{ type: string; elements?: unknown[] }>;
  return blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements ?? []) as Array<{ action_id: string; value: string }>);
}

/** Waits `ms` so that an answer that should not come has had its chance. For tests only. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The texts Slack reads as mrkdwn, where `<!channel>` or `<@U…>` would notify people: the
 * message's top-level text and every mrkdwn text object of its blocks. For tests only.
 */
export function mrkdwnTexts(reply: { text?: unknown; blocks?: unknown }): string[] {
  const texts = typeof reply.text === "string" ? [reply.text] : [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "mrkdwn" && typeof o.text === "string") texts.push(o.text);
      else Object.values(o).forEach(visit);
    }
  };
  visit(reply.blocks);
  return texts;
}

/** A customer name that pings a channel and a person if it reaches mrkdwn unescaped. */
export const HOSTILE_NAME = "<!channel> & <@U123>";

/** Checks that no mrkdwn of `reply` can notify anyone and that the name is shown escaped. */
export function expectHostileNameEscaped(reply: { text?: unknown; blocks?: unknown }): void {
  const texts = mrkdwnTexts(reply);
  for (const text of texts) {
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<@U123>");
  }
  expect(texts.join("\n")).toContain("&lt;!channel&gt; &amp; &lt;@U123&gt;");
}
