import type { Migration } from "./migrations.ts";

/**
 * The question audit (audit/question-audit.ts): one row per delivery of a question from a
 * front end. `delivery_key` is unique so that a retried delivery cannot be recorded, or
 * answered, twice. Times are ISO 8601 instants in UTC.
 */
export const QUESTION_AUDIT_MIGRATION: Migration = {
  version: 3,
  description: "question audit",
  sql: `
    CREATE TABLE question_audit (
      audit_id INTEGER PRIMARY KEY,
      delivery_key TEXT NOT NULL UNIQUE,
      source TEXT NOT NULL,
      user_id TEXT NOT NULL,
      channel_id TEXT,
      question TEXT NOT NULL,
      asked_at TEXT NOT NULL,
      outcome TEXT,
      answer_bytes INTEGER,
      answered_at TEXT
    ) STRICT;
    CREATE INDEX question_audit_by_user ON question_audit (user_id, asked_at);
    CREATE INDEX question_audit_by_time ON question_audit (asked_at);
  `,
};
