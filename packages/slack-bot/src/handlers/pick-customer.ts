import type { App } from "@slack/bolt";
import type { QuestionService } from "@strata/core";
import { type AnswerContext, answerOnce } from "../answer-once.ts";
import { fromAction } from "../incoming.ts";
import { PICK_CUSTOMER } from "../replies/problem-reply.ts";
import { tierCard } from "../replies/tier-card.ts";
import { replaceWhenAnswered } from "./replace-when-answered.ts";

/** A click on one of the customers offered for an ambiguous or unknown name: its card. */
export function registerPickCustomer(app: App, ctx: AnswerContext, service: QuestionService): void {
  app.action(PICK_CUSTOMER, async ({ ack, body, respond }) => {
    await ack();
    const incoming = fromAction(body);
    await answerOnce(ctx, incoming, incoming.value, replaceWhenAnswered(respond), async () =>
      tierCard(await service.tier(incoming.value)),
    );
  });
}
