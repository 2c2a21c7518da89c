import type { AckFn, App, RespondArguments, RespondFn } from "@slack/bolt";
import type { QuestionService } from "@strata/core";
import { type AnswerContext, answerOnce, type Send } from "../answer-once.ts";
import { fromCommand, type Incoming } from "../incoming.ts";
import { churnCard } from "../replies/churn-card.ts";
import type { SlackReply } from "../replies/slack-reply.ts";
import { tierCard } from "../replies/tier-card.ts";

/**
 * Answers a slash command once, visibly to its author only: in the acknowledgement when the
 * answer is ready within `ctx.quickAnswerMs` (one round trip, and well within Slack's three
 * seconds), else after an empty acknowledgement, through the response URL.
 */
async function answerCommand(
  ctx: AnswerContext,
  incoming: Incoming,
  subject: string,
  ack: AckFn<string | RespondArguments>,
  respond: RespondFn,
  answer: () => Promise<SlackReply>,
): Promise<void> {
  let acked = false;
  const ackEmpty = async () => {
    if (acked) return;
    acked = true;
    await ack();
  };
  if (ctx.quickAnswerMs <= 0) await ackEmpty();
  const timer = setTimeout(() => {
    ackEmpty().catch((error) => ctx.logger.error("acknowledging a slash command failed:", error));
  }, ctx.quickAnswerMs);
  const send: Send = async (reply) => {
    if (acked) {
      await respond({ response_type: "ephemeral", ...reply });
      return;
    }
    acked = true;
    clearTimeout(timer);
    await ack({ response_type: "ephemeral", ...reply });
  };
  try {
    await answerOnce(ctx, incoming, subject, send, answer);
  } finally {
    clearTimeout(timer);
    await ackEmpty();
  }
}

/** `/tier CUSTOMER` and `/churn [PERIOD]`. */
export function registerSlashCommands(
  app: App,
  ctx: AnswerContext,
  service: QuestionService,
): void {
  app.command("/tier", async ({ ack, body, respond }) => {
    const incoming = fromCommand(body);
    await answerCommand(ctx, incoming, incoming.argument, ack, respond, async () =>
      tierCard(await service.tier(incoming.argument)),
    );
  });
  app.command("/churn", async ({ ack, body, respond }) => {
    const incoming = fromCommand(body);
    await answerCommand(ctx, incoming, incoming.argument, ack, respond, async () =>
      churnCard(await service.churn(incoming.argument)),
    );
  });
}
