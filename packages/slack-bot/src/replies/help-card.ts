import { EXAMPLE_QUESTIONS, PERIOD_NAMES } from "@strata/core";
import { escapeMrkdwn, fit, type SlackReply, section } from "./slack-reply.ts";

/** What the bot understands, in English and Chinese; `notUnderstood` is echoed first. */
export function helpCard(notUnderstood?: string): SlackReply {
  const intro = notUnderstood
    ? `Sorry, I didn't understand “${escapeMrkdwn(fit(notUnderstood, 200))}”. Here is what I understand:`
    : "Here is what I understand:";
  const examples = EXAMPLE_QUESTIONS.map((q) => `• ${q.en}  ·  ${q.zh}`).join("\n");
  const commands = [
    "`/tier ACME`: a customer's tiers, why, and what to do",
    `\`/churn [${PERIOD_NAMES.join("|")}]\`: churned customers, the trend, the list`,
  ].join("\n");
  return {
    text: `${intro} ${EXAMPLE_QUESTIONS.map((q) => q.en).join("; ")}`,
    blocks: [
      section(intro),
      section(`*Ask me, in a mention or a direct message*\n${examples}`),
      section(`*Slash commands*\n${commands}`),
    ],
  };
}
