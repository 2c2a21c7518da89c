/** A question as a front end received it, before it is answered. */
export interface AskedQuestion {
  /**
   * What identifies this delivery (Slack's event id, a slash command's trigger id, …): a
   * second delivery with the same key is a retry of the first and is not answered again.
   */
  deliveryKey: string;
  /** Which front end asked, e.g. "slack". */
  source: string;
  userId: string;
  channelId: string | null;
  /** The question as typed (a slash command with its argument, or the message text). */
  question: string;
  askedAt: Date;
}

/** How a question ended: answered, refused by the allow-lists, or a StrataError code. */
export type QuestionOutcome = string;

/** One row of the audit: who asked what, when, and how large the answer was. */
export interface AuditEntry extends AskedQuestion {
  outcome: QuestionOutcome | null;
  /** Bytes of the answer as sent (UTF-8 JSON); null until answered. */
  answerBytes: number | null;
  answeredAt: Date | null;
}

/**
 * The audit of questions asked through a front end. Recording the question first and its
 * answer after also makes it the record of deliveries already seen, so a retried delivery is
 * answered at most once, even across restarts.
 */
export interface QuestionAudit {
  /** Records a question; false when its `deliveryKey` was recorded before (a retry). */
  claim(question: AskedQuestion): Promise<boolean>;
  /** Records how a claimed question ended and the size of its answer. */
  finish(
    deliveryKey: string,
    outcome: QuestionOutcome,
    answerBytes: number,
    answeredAt: Date,
  ): Promise<void>;
  /** The latest entries, newest first. */
  recent(limit: number): Promise<AuditEntry[]>;
}
