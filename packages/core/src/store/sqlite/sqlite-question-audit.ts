import type {
  AskedQuestion,
  AuditEntry,
  QuestionAudit,
  QuestionOutcome,
} from "../../audit/question-audit.ts";
import type { SqliteConnection } from "./connection.ts";

interface AuditRow {
  delivery_key: string;
  source: string;
  user_id: string;
  channel_id: string | null;
  question: string;
  asked_at: string;
  outcome: string | null;
  answer_bytes: number | null;
  answered_at: string | null;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  deliveryKey: r.delivery_key,
  source: r.source,
  userId: r.user_id,
  channelId: r.channel_id,
  question: r.question,
  askedAt: new Date(r.asked_at),
  outcome: r.outcome,
  answerBytes: r.answer_bytes,
  answeredAt: r.answered_at === null ? null : new Date(r.answered_at),
});

/** The question audit in the `question_audit` table (see question-audit-schema.ts). */
export function sqliteQuestionAudit(db: SqliteConnection): QuestionAudit {
  return {
    async claim(q: AskedQuestion): Promise<boolean> {
      const { changes } = await db.run(
        `INSERT INTO question_audit (delivery_key, source, user_id, channel_id, question, asked_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_key) DO NOTHING`,
        [q.deliveryKey, q.source, q.userId, q.channelId, q.question, q.askedAt.toISOString()],
      );
      return changes === 1;
    },
    async finish(
      deliveryKey: string,
      outcome: QuestionOutcome,
      answerBytes: number,
      answeredAt: Date,
    ): Promise<void> {
      await db.run(
        "UPDATE question_audit SET outcome = ?, answer_bytes = ?, answered_at = ? WHERE delivery_key = ?",
        [outcome, answerBytes, answeredAt.toISOString(), deliveryKey],
      );
    },
    async recent(limit: number): Promise<AuditEntry[]> {
      const rows = await db.all<AuditRow>(
        "SELECT * FROM question_audit ORDER BY audit_id DESC LIMIT ?",
        [limit],
      );
      return rows.map(toEntry);
    },
  };
}
