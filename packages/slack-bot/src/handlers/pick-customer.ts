import type { App } from "@slack/bolt";
import type { QuestionService } from "@strata/core";
import { type AnswerContext, answerOnce, type Send } from "../answer-once.ts";
import { fromAction } from "../incoming.ts";
import { PICK_CUSTOMER } from "../replies/problem-reply.ts";
import { tierCard } from "../replies/tier-card.ts";

/** A click on one of the customers offered for an ambiguous or unknown name: its card. */
export function registerPickCustomer(app: App, ctx: AnswerContext, service: QuestionService): void {
  app.action(PICK_CUSTOMER, async ({ ack, body, respond }) => {
    await ack();
    const incoming = fromAction(body);
    const replace: Send = async (reply) => {
      await respond({ replace_original: true, ...reply });
    };
    await answerOnce(ctx, incoming, incoming.value, replace, async () =>
      tierCard(await service.tier(incoming.value)),
    );
  });
}
