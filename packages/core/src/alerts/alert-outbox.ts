import type { Day } from "../time/calendar.ts";
import type { ChurnAlertFacts } from "./churn-alert.ts";

/** pending → sending (claimed for one message) → sent or failed. */
export type AlertState = "pending" | "sending" | "sent" | "failed";

export type AlertAction = "contacted" | "snoozed";

/** Someone's response to an alert: the first of each action is kept. */
export interface AlertResponse {
  action: AlertAction;
  userId: string;
  respondedAt: Date;
}

/** One alert in the outbox. */
export interface QueuedAlert {
  alertId: number;
  runId: number;
  customerId: string;
  /** A Slack user id, an e-mail or a #channel; null when the customer has no account manager. */
  recipient: string | null;
  facts: ChurnAlertFacts;
  state: AlertState;
  /** Names the message the alert goes out in; alerts sent together share it. */
  claimKey: string | null;
  attempts: number;
  claimedAt: Date | null;
  /** Where the message went (or is going, while `sending`), and its timestamp once sent. */
  channel: string | null;
  messageTs: string | null;
  error: string | null;
  responses: AlertResponse[];
  /** The day the customer's snooze ends, while one is recorded. */
  snoozedUntil: Day | null;
}

/**
 * The churn alert outbox: runs fill it (see queueChurnAlerts), a sender drains it one message
 * at a time. A message's alerts are claimed (`sending`) before the message is sent and marked
 * `sent` after; alerts found `sending` when a sender starts were claimed by one that stopped,
 * and may or may not have reached Slack.
 */
export interface AlertOutbox {
  /** Alerts left `sending`, one list per message. */
  unfinished(): Promise<QueuedAlert[][]>;
  /**
   * Claims the next message: the oldest pending alert, together with every other pending alert
   * of its run for the same recipient when there are more than `digestOver` of them (a
   * digest). Empty when nothing is pending.
   */
  claimNext(at: Date, digestOver: number): Promise<QueuedAlert[]>;
  /** Records the channel a claimed message is about to be sent to. */
  addressed(claimKey: string, channel: string): Promise<void>;
  sent(claimKey: string, channel: string, messageTs: string, at: Date): Promise<void>;
  failed(claimKey: string, error: string, at: Date): Promise<void>;
  /**
   * Records a response to an alert; "snoozed" also stops alerts for the customer until the day
   * `snoozeUntil` (exclusive of runs on that day or later). Returns the alerts of the message
   * it belongs to; throws StrataError("not-found") for an unknown alert.
   */
  respond(
    alertId: number,
    action: AlertAction,
    userId: string,
    at: Date,
    snoozeUntil: Day,
  ): Promise<QueuedAlert[]>;
  /** Alerts by state. */
  counts(): Promise<Record<AlertState, number>>;
}
