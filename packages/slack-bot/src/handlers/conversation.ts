import type { App } from "@slack/bolt";
import { parseQuestion, type QuestionService } from "@strata/core";
import { type AnswerContext, answerOnce, type Send } from "../answer-once.ts";
import { fromMessage } from "../incoming.ts";
import { PacedClient } from "../paced-client.ts";
import { answerCard } from "../replies/answer-card.ts";

/**
 * Questions in plain language, in mentions (answered in the thread) and direct messages
 * (answered in the conversation).
 */
export function registerConversation(app: App, ctx: AnswerContext, service: QuestionService): void {
  const answer = async ({ body, client }: { body: unknown; client: App["client"] }) => {
    const incoming = fromMessage(body);
    if (!incoming) return;
    const question = parseQuestion(incoming.text);
    const subject = question.kind === "tier" ? question.customer : incoming.text;
    // Repeated only after a 429, which Slack answers without posting.
    const slack = new PacedClient(client, () => ctx.now().getTime());
    const send: Send = async (reply) => {
      await slack.call((c) =>
        c.chat.postMessage({
          channel: incoming.channel,
          ...(incoming.threadTs ? { thread_ts: incoming.threadTs } : {}),
          ...reply,
        }),
      );
    };
    await answerOnce(ctx, incoming, subject, send, async () =>
      answerCard(await service.answer(question)),
    );
  };
  app.event("app_mention", answer);
  app.event("message", answer);
}
