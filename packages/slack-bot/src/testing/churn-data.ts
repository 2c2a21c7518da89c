import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore, parseDay, runDatabase } from "@strata/core";

/** Day of the first run (everyone active) and of the run that finds them churned. */
export const FIRST_RUN = "2026-03-02";
export const CHURN_DAY = "2026-04-06";

export const CHURN_RULES = `version: 1
window: 365d
dimensions:
  value:
    label: Value tier
    tiers:
      - id: high
        label: High value
        when: monetary >= 1000
      - id: low
        default: true
  lifecycle:
    label: Lifecycle
    churn: churned
    tiers:
      - id: active
        when: recency_days <= 60
      - id: churned
        default: true
        action: Call them this week
alerts:
  churn:
    when: value == "high"
    notify: account_manager
`;

/** A customer of the churn data: two orders, on 2026-01-15 and `last`. */
export interface ChurnCustomer {
  id: string;
  name: string;
  manager: string | null;
  /** What the two orders add up to. */
  spend: number;
  last: string;
}

const ana = (i: number): ChurnCustomer => ({
  id: `A${i}`,
  name: `Ana's customer ${i}`,
  manager: "U0ANA",
  spend: 1000 + i * 100,
  last: "2026-02-01",
});

/**
 * The customers: seven valuable ones of U0ANA (a digest), two of ben@example.com (two cards),
 * one whose manager's e-mail Slack does not know, one without a manager; a low-value one and
 * one still active, who get no alert.
 */
export const CUSTOMERS: readonly ChurnCustomer[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map(ana),
  {
    id: "B1",
    name: "Bolt & Nut <Ltd>",
    manager: "ben@example.com",
    spend: 2000,
    last: "2026-02-03",
  },
  { id: "B2", name: "Brightside", manager: "ben@example.com", spend: 3000, last: "2026-02-01" },
  { id: "C1", name: "Cosmo", manager: "nobody@example.com", spend: 1500, last: "2026-02-01" },
  { id: "D1", name: "Dangling", manager: null, spend: 1200, last: "2026-02-01" },
  { id: "L1", name: "Little", manager: "U0ANA", spend: 100, last: "2026-02-01" },
  { id: "S1", name: "Steady", manager: "U0ANA", spend: 5000, last: "2026-03-20" },
];

/** Customers who get an alert, and those whose alert cannot be delivered. */
export const ALERTED = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "B1", "B2"];
export const UNDELIVERABLE = ["C1", "D1"];

export interface ChurnData {
  db: string;
  rules: string;
  close(): void;
}

/**
 * A database of CUSTOMERS with a run on FIRST_RUN recorded (everyone active), and the rule
 * file; a run on CHURN_DAY queues the alerts. For tests only.
 */
export async function churnData(): Promise<ChurnData> {
  const dir = mkdtempSync(join(tmpdir(), "strata-alerts-"));
  const db = join(dir, "alerts.db");
  const rules = join(dir, "alerts.tiers.yaml");
  writeFileSync(rules, CHURN_RULES);
  const store = await openSqliteStore(db);
  const c = store.connection;
  for (const x of CUSTOMERS) {
    await c.run("INSERT INTO customers VALUES (?, ?, ?, '{}')", [x.id, x.name, x.manager]);
    const first = Math.round(x.spend * 0.4 * 100) / 100;
    await c.run("INSERT INTO orders VALUES (?, ?, ?, ?, NULL, NULL)", [
      `${x.id}-1`,
      x.id,
      parseDay("2026-01-15") ?? 0,
      first,
    ]);
    await c.run("INSERT INTO orders VALUES (?, ?, ?, ?, NULL, NULL)", [
      `${x.id}-2`,
      x.id,
      parseDay(x.last) ?? 0,
      x.spend - first,
    ]);
  }
  await store.close();
  await runDatabase({ db, rules, asOf: parseDay(FIRST_RUN) ?? 0 });
  return { db, rules, close: () => rmSync(dir, { recursive: true, force: true }) };
}
