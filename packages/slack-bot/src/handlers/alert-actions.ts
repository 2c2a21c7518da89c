import type { App } from "@slack/bolt";
import { type AlertAction, type QuestionService, StrataError } from "@strata/core";
import { z } from "zod";
import { alertMessage, CONTACTED, DIGEST_MENU, SNOOZE, SNOOZE_DAYS } from "../alerts/alert-card.ts";
import { type AnswerContext, answerOnce } from "../answer-once.ts";
import type { Incoming } from "../incoming.ts";
import { replaceWhenAnswered } from "./replace-when-answered.ts";

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

/** An alert id as the cards write it in a button's value: a positive whole number. */
const AlertId = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number);

/**
 * A click on an alert's button or a digest's menu: the delivery, the response, and the alert
 * (null when the value names none). Throws on a malformed body.
 */
function fromAlertClick(body: unknown): Incoming & { alertId: number | null; action: AlertAction } {
  const click = AlertClick.parse(body);
  const [a] = click.actions;
  const [action, id] =
    a?.action_id === DIGEST_MENU
      ? (a.selected_option?.value ?? "").split(":")
      : [a?.action_id === SNOOZE ? "snoozed" : "contacted", a?.value];
  if (action !== "contacted" && action !== "snoozed") {
    throw new Error(`not an alert response: ${action}`);
  }
  const alertId = AlertId.safeParse(id).data ?? null;
  return {
    deliveryKey: `action:${click.trigger_id}`,
    userId: click.user.id,
    channelId: click.channel?.id ?? null,
    question: `churn alert ${id ?? ""}: ${action}`,
    alertId,
    action,
  };
}

/**
 * "Contacted" and "Snooze 30 days" on churn alerts (buttons, or a digest line's menu): recorded
 * in core, then the message is redrawn with who did what; when it cannot be recorded, the
 * person who clicked is told why and the message stays as it was. Anyone who sees an alert may
 * respond to it: the allow-lists are for questions.
 */
export function registerAlertActions(app: App, ctx: AnswerContext, service: QuestionService): void {
  const open: AnswerContext = { ...ctx, access: { allowedChannels: null, allowedUsers: null } };
  const handle = async ({ ack, body, respond }: Parameters<Parameters<App["action"]>[1]>[0]) => {
    await ack();
    const { alertId, ...incoming } = fromAlertClick(body);
    const subject = `alert ${alertId ?? "?"}`;
    await answerOnce(open, incoming, subject, replaceWhenAnswered(respond), async () => {
      if (alertId === null) {
        throw new StrataError("usage", "Sorry, I can't tell which churn alert that was.");
      }
      const alerts = await service.alerts.respond(
        alertId,
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
