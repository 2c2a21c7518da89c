import type { App } from "@slack/bolt";
import type { AlertAction, QuestionService } from "@strata/core";
import { z } from "zod";
import { alertMessage, CONTACTED, DIGEST_MENU, SNOOZE, SNOOZE_DAYS } from "../alerts/alert-card.ts";
import { type AnswerContext, answerOnce, type Send } from "../answer-once.ts";
import type { Incoming } from "../incoming.ts";

const AlertClick = z.object({
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).optional(),
      }),
    )
    .min(1),
});

/** A click on an alert's button or a digest's menu: the delivery, the alert and the response. */
function fromAlertClick(body: unknown): Incoming & { alertId: number; action: AlertAction } {
  const click = AlertClick.parse(body);
  const [a] = click.actions;
  const raw =
    a?.action_id === DIGEST_MENU
      ? (a.selected_option?.value ?? "")
      : `${a?.action_id === SNOOZE ? "snoozed" : "contacted"}:${a?.value ?? ""}`;
  const [action, id] = raw.split(":");
  const alertId = Number(id);
  if ((action !== "contacted" && action !== "snoozed") || !Number.isInteger(alertId)) {
    throw new Error(`not an alert response: ${raw}`);
  }
  return {
    deliveryKey: `action:${click.trigger_id}`,
    userId: click.user.id,
    channelId: click.channel?.id ?? null,
    question: `churn alert ${alertId}: ${action}`,
    alertId,
    action,
  };
}

/**
 * "Contacted" and "Snooze 30 days" on churn alerts (buttons, or a digest line's menu): recorded
 * in core, then the message is redrawn with who did what. Anyone who sees an alert may respond
 * to it: the allow-lists are for questions.
 */
export function registerAlertActions(app: App, ctx: AnswerContext, service: QuestionService): void {
  const open: AnswerContext = { ...ctx, access: { allowedChannels: null, allowedUsers: null } };
  const handle = async ({ ack, body, respond }: Parameters<Parameters<App["action"]>[1]>[0]) => {
    await ack();
    const incoming = fromAlertClick(body);
    const redraw: Send = async (reply) => {
      await respond({ replace_original: true, ...reply });
    };
    await answerOnce(open, incoming, `alert ${incoming.alertId}`, redraw, async () => {
      const alerts = await service.alerts.respond(
        incoming.alertId,
        incoming.action,
        incoming.userId,
        ctx.now(),
        service.today() + SNOOZE_DAYS,
      );
      return alertMessage(alerts);
    });
  };
  app.action(CONTACTED, handle);
  app.action(SNOOZE, handle);
  app.action(DIGEST_MENU, handle);
}
