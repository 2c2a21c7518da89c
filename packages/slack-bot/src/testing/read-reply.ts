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
