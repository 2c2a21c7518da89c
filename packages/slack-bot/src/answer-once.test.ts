import type { Logger } from "@slack/bolt";
import { type QuestionAudit, StrataError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { type AnswerContext, answerOnce } from "./answer-once.ts";
import { InFlight } from "./in-flight.ts";
import type { SlackReply } from "./replies/slack-reply.ts";
import { textReply } from "./replies/slack-reply.ts";

/** SQLite's answer when a run holds the write lock past the busy timeout, as core gives it. */
const busy = () =>
  new StrataError("storage", "SQLITE_BUSY: database is locked", { code: "SQLITE_BUSY" });

/** A logger that keeps the errors it is given. */
function recordingLogger(errors: string[]): Logger {
  const quiet = () => undefined;
  return {
    debug: quiet,
    info: quiet,
    warn: quiet,
    error: (...messages: unknown[]) => errors.push(messages.map(String).join(" ")),
    setLevel: quiet,
    getLevel: () => "error" as never,
    setName: quiet,
  };
}

function context(audit: QuestionAudit, errors: string[]): AnswerContext {
  return {
    audit,
    inFlight: new InFlight(),
    access: { allowedChannels: null, allowedUsers: null },
    now: () => new Date("2026-03-18T09:00:00Z"),
    logger: recordingLogger(errors),
    quickAnswerMs: 0,
  };
}

const incoming = {
  deliveryKey: "command:T1",
  userId: "U0REP",
  channelId: "C0SALES",
  question: "/tier ACME",
};

describe("answering once", () => {
  it("answers that the data is busy when the audit cannot record the question", async () => {
    const errors: string[] = [];
    const audit: QuestionAudit = {
      claim: () => Promise.reject(busy()),
      finish: () => Promise.reject(busy()),
      recent: () => Promise.resolve([]),
    };
    const sent: SlackReply[] = [];
    let answered = false;
    await answerOnce(
      context(audit, errors),
      incoming,
      "ACME",
      async (reply) => {
        sent.push(reply);
      },
      async () => {
        answered = true;
        return textReply("ACME's card");
      },
    );
    expect(sent.map((r) => r.text)).toEqual([
      "Sorry, I couldn't reach the Strata data just now; it is logged. Try again soon.",
    ]);
    expect(answered).toBe(false);
    expect(errors).toEqual([
      expect.stringMatching(/^recording command:T1 in the audit failed: .*SQLITE_BUSY/),
    ]);
  });

  it("still sends the answer when recording its outcome fails, and says so in the log", async () => {
    const errors: string[] = [];
    const audit: QuestionAudit = {
      claim: () => Promise.resolve(true),
      finish: () => Promise.reject(busy()),
      recent: () => Promise.resolve([]),
    };
    const sent: string[] = [];
    await answerOnce(
      context(audit, errors),
      incoming,
      "ACME",
      async (reply) => {
        sent.push(reply.text);
      },
      async () => textReply("ACME's card"),
    );
    expect(sent).toEqual(["ACME's card"]);
    expect(errors).toEqual([
      expect.stringMatching(/^recording the outcome of command:T1 failed: .*SQLITE_BUSY/),
    ]);
  });
});
