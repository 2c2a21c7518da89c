import type { App, RespondFn } from "@slack/bolt";
import type { QuestionService } from "@strata/core";
import { type AnswerContext, answerOnce, type Send } from "../answer-once.ts";
import { fromCommand } from "../incoming.ts";
import { churnCard } from "../replies/churn-card.ts";
import { tierCard } from "../replies/tier-card.ts";

/** Replies to a slash command visibly to its author only, through the response URL. */
export const ephemeral =
  (respond: RespondFn): Send =>
  async (reply) => {
    await respond({ response_type: "ephemeral", ...reply });
  };

/** `/tier CUSTOMER` and `/churn [PERIOD]`: acknowledged at once, answered after. */
export function registerSlashCommands(
  app: App,
  ctx: AnswerContext,
  service: QuestionService,
): void {
  app.command("/tier", async ({ ack, body, respond }) => {
    await ack();
    const incoming = fromCommand(body);
    await answerOnce(ctx, incoming, incoming.argument, ephemeral(respond), async () =>
      tierCard(await service.tier(incoming.argument)),
    );
  });
  app.command("/churn", async ({ ack, body, respond }) => {
    await ack();
    const incoming = fromCommand(body);
    await answerOnce(ctx, incoming, incoming.argument, ephemeral(respond), async () =>
      churnCard(await service.churn(incoming.argument)),
    );
  });
}
