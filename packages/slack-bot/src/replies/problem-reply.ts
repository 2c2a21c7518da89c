import { isStrataError } from "@strata/core";
import { z } from "zod";
import {
  escapeMrkdwn,
  fit,
  type KnownBlock,
  type SlackReply,
  section,
  textReply,
} from "./slack-reply.ts";

/** Action ids of the buttons that pick one customer: pick-customer-0, pick-customer-1, … */
export const PICK_CUSTOMER = /^pick-customer-\d+$/;
const BUTTONS_SHOWN = 10;
/** Slack allows 2,000 characters in a button's value. */
const VALUE_MAX = 2000;

const Candidates = z.object({
  candidates: z.array(z.object({ customerId: z.string(), name: z.string().nullable() })),
});

function picker(prompt: string, candidates: z.infer<typeof Candidates>["candidates"]): SlackReply {
  // A button's value is the customer id itself: an id too long for one cannot be offered.
  const shown = candidates.filter((c) => c.customerId.length <= VALUE_MAX).slice(0, BUTTONS_SHOWN);
  const buttons: KnownBlock = {
    type: "actions",
    block_id: "pick-customer",
    elements: shown.map((c, i) => ({
      type: "button",
      action_id: `pick-customer-${i}`,
      value: c.customerId,
      text: { type: "plain_text", text: fit(`${c.name ?? c.customerId} (${c.customerId})`, 75) },
    })),
  };
  return {
    text: prompt,
    blocks: shown.length > 0 ? [section(prompt), buttons] : [section(prompt)],
  };
}

/**
 * A reply to a question about `asked` that core could not answer, mapped once from StrataError's code: a picker
 * for several matches, the closest names for an unknown customer, the message for a usage
 * error, and an apology without internals for anything else.
 */
export function problemReply(error: unknown, asked: string): SlackReply {
  if (!isStrataError(error))
    return textReply("Sorry, something went wrong on my side; it is logged.");
  const candidates = Candidates.safeParse(error.details);
  const list = candidates.success ? candidates.data.candidates : [];
  switch (error.code) {
    case "ambiguous":
      return picker(
        `“${escapeMrkdwn(asked)}” matches several customers: which one do you mean?`,
        list,
      );
    case "not-found":
      return list.length > 0
        ? picker(
            `Sorry, I couldn't find a customer “${escapeMrkdwn(asked)}”. Did you mean one of these?`,
            list,
          )
        : textReply(`Sorry, ${escapeMrkdwn(error.message)}.`);
    case "usage":
      return textReply(escapeMrkdwn(error.message));
    case "invalid-rules":
      return textReply(
        "Sorry, the tier rules have errors, so I can't answer; an analyst can see them with `strata validate`.",
      );
    default:
      return textReply(
        "Sorry, I couldn't reach the Strata data just now; it is logged. Try again soon.",
      );
  }
}
