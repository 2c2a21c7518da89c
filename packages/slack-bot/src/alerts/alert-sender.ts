import type { Logger } from "@slack/bolt";
import type { AlertOutbox, QueuedAlert } from "@strata/core";
import { AppRefused, type PacedClient, RefusedCall } from "../paced-client.ts";
import { alertMessage, DIGEST_OVER, METADATA_EVENT } from "./alert-card.ts";
import { Destinations } from "./destinations.ts";

/** What one drain did. */
export interface DrainReport {
  /** Messages posted, and the alerts in them. */
  messages: number;
  alerts: number;
  /** Messages of a stopped sender found already posted, so not posted again. */
  recovered: number;
  /** Alerts that cannot be delivered (no such user or channel, no account manager). */
  failed: number;
  /**
   * Set when the drain stopped early: Slack refused the app (a bad token, a missing scope…),
   * or an error after which a message may have been posted. The alerts left wait for the next
   * drain.
   */
  interrupted: string | null;
}

/** How far before its claim a message is looked for in the channel's history, in seconds. */
const LOOK_BACK_S = 300;

/**
 * Drains the churn alert outbox into Slack, one message at a time: claim (sending), post, then
 * record it sent. A message left `sending` by a sender that stopped is first looked for in
 * the channel's history by the key in its metadata; it is posted again only when not found
 * there (or when the history cannot be read: at least once, never lost). Alerts are marked
 * failed only for errors about them (no account manager, no such user or channel, a message
 * Slack will not take); an error about the app (token, scopes, limits) stops the drain.
 */
export class AlertSender {
  private chain: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly outbox: AlertOutbox,
    private readonly slack: PacedClient,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Drains the outbox after any drain under way; resolves with what this drain did. */
  drain(): Promise<DrainReport> {
    const next = this.chain.then(() => this.drainOnce());
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Lets the message being sent finish, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.chain;
  }

  private async drainOnce(): Promise<DrainReport> {
    const report: DrainReport = {
      messages: 0,
      alerts: 0,
      recovered: 0,
      failed: 0,
      interrupted: null,
    };
    const destinations = new Destinations(this.slack);
    try {
      for (const alerts of await this.outbox.unfinished()) {
        if (this.stopping) return report;
        await this.deliver(alerts, destinations, report, true);
      }
      while (!this.stopping) {
        const alerts = await this.outbox.claimNext(this.now(), DIGEST_OVER);
        if (alerts.length === 0) break;
        await this.deliver(alerts, destinations, report, false);
      }
    } catch (error) {
      report.interrupted = error instanceof Error ? error.message : String(error);
      const line = `churn alerts: stopped draining (${report.interrupted}); the alerts left are sent at the next drain, the message under way once checked in its channel`;
      // A refusal of the app needs a person (a new token, a scope); anything else may pass.
      if (error instanceof AppRefused) this.logger.error(line);
      else this.logger.warn(line);
    }
    return report;
  }

  private async deliver(
    alerts: QueuedAlert[],
    destinations: Destinations,
    report: DrainReport,
    unfinished: boolean,
  ): Promise<void> {
    const [first] = alerts;
    const key = first?.claimKey;
    if (!first || !key) return;
    const fail = async (reason: string) => {
      report.failed += alerts.length;
      this.logger.warn(
        `churn alerts: cannot deliver ${key} (${alerts.length} alert(s)): ${reason}`,
      );
      await this.outbox.failed(key, reason, this.now());
    };
    if (first.recipient === null) return fail("the customer has no account manager");
    // A message is addressed before it is posted: an unfinished one with a channel may be
    // there (wherever its recipient would be found today); one without was never posted.
    const stored = unfinished ? first.channel : null;
    if (stored !== null && first.claimedAt) {
      const ts = await this.findPosted(stored, key, first.claimedAt);
      if (ts) {
        await this.outbox.sent(key, stored, ts, this.now());
        report.recovered++;
        return;
      }
    }
    let channel: string;
    if (stored !== null) channel = stored;
    else {
      try {
        channel = await destinations.channelOf(first.recipient);
      } catch (error) {
        if (error instanceof RefusedCall) return fail(error.message);
        throw error;
      }
      await this.outbox.addressed(key, channel);
    }
    const message = alertMessage(alerts);
    try {
      const posted = await this.slack.call((c) =>
        c.chat.postMessage({
          channel,
          ...message,
          unfurl_links: false,
          metadata: {
            event_type: METADATA_EVENT,
            event_payload: { key, alerts: alerts.length },
          },
        }),
      );
      await this.outbox.sent(key, posted.channel ?? channel, posted.ts ?? "", this.now());
      report.messages++;
      report.alerts += alerts.length;
    } catch (error) {
      if (error instanceof RefusedCall) return fail(`chat.postMessage: ${error.error}`);
      throw error;
    }
  }

  /** The ts of the message carrying `key` in `channel`, or null when not found or unreadable. */
  private async findPosted(channel: string, key: string, claimedAt: Date): Promise<string | null> {
    const oldest = String(Math.floor(claimedAt.getTime() / 1000) - LOOK_BACK_S);
    try {
      let cursor: string | undefined;
      do {
        const page = await this.slack.call((c) =>
          c.conversations.history({
            channel,
            oldest,
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          }),
        );
        const found = page.messages?.find(
          (m) =>
            m.metadata?.event_type === METADATA_EVENT &&
            (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key,
        );
        if (found?.ts) return found.ts;
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return null;
    } catch (error) {
      // Unreadable for good (no such channel, no history scope): post again rather than lose
      // the alert. Any other refusal stops the drain, and the next one looks again.
      const unreadable =
        error instanceof RefusedCall ||
        (error instanceof AppRefused && error.error === "missing_scope");
      if (!unreadable) throw error;
      this.logger.warn(
        `churn alerts: cannot read ${channel} to see whether ${key} was posted (${error.error}); posting it again`,
      );
      return null;
    }
  }
}
