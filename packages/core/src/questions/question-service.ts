import { existsSync } from "node:fs";
import type { AlertOutbox } from "../alerts/alert-outbox.ts";
import type { QuestionAudit } from "../audit/question-audit.ts";
import { type ChurnAnswer, churnIn } from "../engine/churn-question.ts";
import type { EngineStore } from "../engine/engine-store.ts";
import { latestRunRules, rulesFromPath } from "../engine/rules-source.ts";
import { preview, type Rules } from "../engine/run-rules.ts";
import { type TierAnswer, tierOf } from "../engine/tier-question.ts";
import type { Summary } from "../engine/tier-summary.ts";
import { StrataError } from "../errors.ts";
import { sqliteAlertOutbox } from "../store/sqlite/sqlite-alert-outbox.ts";
import { sqliteEngineStore } from "../store/sqlite/sqlite-engine-store.ts";
import { sqliteQuestionAudit } from "../store/sqlite/sqlite-question-audit.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import { type Day, formatDay, today } from "../time/calendar.ts";
import { AnswerCache } from "./answer-cache.ts";
import { parseQuestion, type Question } from "./parse-question.ts";
import { type PeriodName, periodDays, requirePeriod } from "./question-period.ts";

export interface QuestionServiceOptions {
  /** The SQLite database file; it must exist. */
  db: string;
  /** A rule file; default: the rules of the latest run, picked up again after each new run. */
  rules?: string;
  /** IANA timezone in which "today" is taken; default UTC. */
  timeZone?: string;
  /** Answer as if today were this day; default: today in `timeZone` at `now()`. */
  asOf?: Day;
  now: () => Date;
}

/** A churn answer with the period's name and the day it was asked as of. */
export interface ChurnReport extends ChurnAnswer {
  periodName: PeriodName;
  asOf: string;
}

/** Customers per tier in every dimension as of a day. */
export interface Breakdown {
  asOf: string;
  summary: Summary;
}

/** The answer to a question in plain language. */
export type Answer =
  | { kind: "tier"; answer: TierAnswer }
  | { kind: "churn"; answer: ChurnReport; focus: "count" | "list" }
  | { kind: "breakdown"; answer: Breakdown }
  | { kind: "help" }
  | { kind: "unknown"; text: string };

/** The questions front ends ask, over one open database; each is one core call. */
export interface QuestionService {
  /** See `tierOf`; throws StrataError "ambiguous" or "not-found" with `details.candidates`. */
  tier(customer: string): Promise<TierAnswer>;
  /** Churn in a named period (English or Chinese; empty: this week); throws "usage" otherwise. */
  churn(period: string): Promise<ChurnReport>;
  breakdown(): Promise<Breakdown>;
  /** Answers a question understood by `parseQuestion`. */
  answer(question: Question): Promise<Answer>;
  /** Understands `text` (see `parseQuestion`) and answers it. */
  ask(text: string): Promise<Answer>;
  /** Who asked what: also the record of deliveries already answered. */
  readonly audit: QuestionAudit;
  /** The churn alerts runs queued, for a sender to deliver and people to respond to. */
  readonly alerts: AlertOutbox;
  /** The day questions are answered as of: `asOf`, else today in the timezone. */
  today(): Day;
  close(): Promise<void>;
}

/**
 * Opens the database and the rules for answering questions. Throws StrataError with
 * `details.setting` naming what is wrong: "db" (missing, not a Strata database), "rules"
 * (unreadable, invalid, or none given and no run recorded) or "timeZone".
 */
export async function openQuestionService(
  options: QuestionServiceOptions,
): Promise<QuestionService> {
  const blame =
    (setting: string) =>
    (error: unknown): never => {
      if (error instanceof StrataError)
        throw new StrataError(error.code, error.message, { setting });
      throw error;
    };
  const timeZone = options.timeZone ?? "UTC";
  const asOf = (): Day => options.asOf ?? today(options.now(), timeZone);
  try {
    asOf();
  } catch (error) {
    blame("timeZone")(error);
  }
  if (options.db !== ":memory:" && !existsSync(options.db)) {
    throw new StrataError(
      "file-not-found",
      `no database at ${options.db}: load data with 'strata ingest' (or try 'strata demo')`,
      { setting: "db" },
    );
  }
  const store = await openSqliteStore(options.db).catch(blame("db"));
  try {
    const engine: EngineStore = sqliteEngineStore(store.connection);
    const rules = await openRules(engine, options.rules).catch(blame("rules"));
    const dataVersion = async () =>
      (await store.connection.get<{ data_version: number }>("PRAGMA data_version"))?.data_version ??
      0;
    return questionService(
      engine,
      rules,
      asOf,
      new AnswerCache(dataVersion),
      { audit: sqliteQuestionAudit(store.connection), alerts: sqliteAlertOutbox(store.connection) },
      () => store.close(),
    );
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openRules(engine: EngineStore, path?: string): Promise<() => Promise<Rules>> {
  if (path !== undefined) {
    const rules = await rulesFromPath(engine, path);
    return async () => rules;
  }
  const latest = latestRunRules(engine);
  await latest();
  return latest;
}

function questionService(
  engine: EngineStore,
  rules: () => Promise<Rules>,
  asOf: () => Day,
  cache: AnswerCache,
  records: { audit: QuestionAudit; alerts: AlertOutbox },
  close: () => Promise<void>,
): QuestionService {
  const churnOf = (name: PeriodName, day: Day): Promise<ChurnReport> =>
    cache.get(`churn:${name}:${day}`, async () => ({
      ...(await churnIn(engine, await rules(), periodDays(name, day))),
      periodName: name,
      asOf: formatDay(day),
    }));
  const service: QuestionService = {
    ...records,
    today: asOf,
    close,
    tier: async (customer) => {
      if (customer.trim() === "") {
        throw new StrataError("usage", "name a customer by id or name, e.g. ACME or C00042");
      }
      return tierOf(engine, await rules(), customer, asOf());
    },
    churn: async (period) => {
      const day = asOf();
      return churnOf(requirePeriod(period, day).name, day);
    },
    breakdown: () => {
      const day = asOf();
      return cache.get(`breakdown:${day}`, async () => ({
        asOf: formatDay(day),
        summary: await preview(engine, await rules(), day),
      }));
    },
    ask: (text) => service.answer(parseQuestion(text)),
    answer: async (question) => {
      switch (question.kind) {
        case "tier":
          return { kind: "tier", answer: await service.tier(question.customer) };
        case "churn":
          return {
            kind: "churn",
            answer: await churnOf(question.period, asOf()),
            focus: question.focus,
          };
        case "breakdown":
          return { kind: "breakdown", answer: await service.breakdown() };
        default:
          return question;
      }
    },
  };
  return service;
}
