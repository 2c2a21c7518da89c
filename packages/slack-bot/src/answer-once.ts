import type { Logger } from "@slack/bolt";
import { isStrataError, type QuestionAudit } from "@strata/core";
import { allowed, REFUSAL } from "./access.ts";
import type { BotConfig } from "./config.ts";
import type { InFlight } from "./in-flight.ts";
import type { Incoming } from "./incoming.ts";
import { problemReply } from "./replies/problem-reply.ts";
import { type SlackReply, textReply } from "./replies/slack-reply.ts";

/** What answering needs besides the question: the audit, the allow-lists, a clock, a log. */
export interface AnswerContext {
  audit: QuestionAudit;
  inFlight: InFlight;
  access: Pick<BotConfig, "allowedChannels" | "allowedUsers">;
  now: () => Date;
  logger: Logger;
  /**
   * A slash command answered within this many ms is answered in the acknowledgement itself;
   * a slower one is acknowledged empty then, and answered through the response URL.
   */
  quickAnswerMs: number;
}

/**
 * How a reply reaches Slack: the response URL, or chat.postMessage. `answered` is false for a
 * refusal or a reply saying why there is no answer, which a click shows beside its message
 * instead of in its place.
 */
export type Send = (reply: SlackReply, answered: boolean) => Promise<void>;

/**
 * Answers one delivery at most once: records it in the audit (a delivery already recorded is
 * a retry and gets nothing), refuses it outside the allow-lists, otherwise sends what
 * `answer` builds (or a reply saying why it could not), and records the outcome and the
 * answer's size in bytes. Call it after acknowledging the request.
 */
export function answerOnce(
  ctx: AnswerContext,
  incoming: Incoming,
  subject: string,
  send: Send,
  answer: () => Promise<SlackReply>,
): Promise<void> {
  return ctx.inFlight.track(() => answerDelivery(ctx, incoming, subject, send, answer));
}

async function answerDelivery(
  ctx: AnswerContext,
  incoming: Incoming,
  subject: string,
  send: Send,
  answer: () => Promise<SlackReply>,
): Promise<void> {
  let fresh: boolean;
  try {
    fresh = await ctx.audit.claim({ ...incoming, source: "slack", askedAt: ctx.now() });
  } catch (error) {
    // The database is locked (a run writing its history) or failing: unrecorded, the question
    // gets the polite "try again soon" rather than silence.
    ctx.logger.error(`recording ${incoming.deliveryKey} in the audit failed:`, error);
    await send(problemReply(error, subject), false).catch((sendError) =>
      ctx.logger.error(`sending the answer to ${incoming.deliveryKey} failed:`, sendError),
    );
    return;
  }
  if (!fresh) {
    ctx.logger.info(`already answered ${incoming.deliveryKey}; ignoring the repeated delivery`);
    return;
  }
  let reply: SlackReply;
  let outcome: string;
  if (!allowed(ctx.access, incoming)) {
    [reply, outcome] = [textReply(REFUSAL), "refused"];
  } else {
    try {
      [reply, outcome] = [await answer(), "answered"];
    } catch (error) {
      [reply, outcome] = [
        problemReply(error, subject),
        isStrataError(error) ? error.code : "failed",
      ];
      if (!isStrataError(error) || ["storage", "internal"].includes(error.code)) {
        ctx.logger.error(`answering ${incoming.deliveryKey} failed:`, error);
      }
    }
  }
  try {
    await send(reply, outcome === "answered");
  } catch (error) {
    outcome = `not-sent (${outcome})`;
    ctx.logger.error(`sending the answer to ${incoming.deliveryKey} failed:`, error);
  }
  const bytes = Buffer.byteLength(JSON.stringify(reply), "utf8");
  await ctx.audit.finish(incoming.deliveryKey, outcome, bytes, ctx.now()).catch((error) => {
    ctx.logger.error(`recording the outcome of ${incoming.deliveryKey} failed:`, error);
  });
}
