import type { Answer } from "@strata/core";
import { breakdownCard } from "./breakdown-card.ts";
import { churnCard } from "./churn-card.ts";
import { helpCard } from "./help-card.ts";
import type { SlackReply } from "./slack-reply.ts";
import { tierCard } from "./tier-card.ts";

/** The card for an answer to a question asked in plain language. */
export function answerCard(answer: Answer): SlackReply {
  switch (answer.kind) {
    case "tier":
      return tierCard(answer.answer);
    case "churn":
      return churnCard(answer.answer, answer.focus);
    case "breakdown":
      return breakdownCard(answer.answer);
    case "help":
      return helpCard();
    case "unknown":
      return helpCard(answer.text);
  }
}
