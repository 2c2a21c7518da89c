import { rename, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { EngineStore } from "../engine/engine-store.ts";
import { rulesFromPath } from "../engine/rules-source.ts";
import { backfill, backfillDays } from "../engine/run-rules.ts";
import { sqliteEngineStore } from "../store/sqlite/sqlite-engine-store.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import { type Day, isoWeekOf, parseDay } from "../time/calendar.ts";
import { syntheticBusiness } from "./synthetic-business.ts";

/** The rule file the demo runs: the retail example. */
export const DEMO_RULES_PATH = fileURLToPath(
  new URL("../../examples/retail.tiers.yaml", import.meta.url),
);

export interface DemoResult {
  customers: number;
  orders: number;
  runs: number;
  asOf: Day;
}

/**
 * Generates a synthetic business, stores it in a new database at `path` (replacing the file
 * only once everything is written), and backfills a year of weekly tier history with the
 * retail example rules (unless `history` is false: customers and orders only). `phase`
 * reports progress.
 */
export async function createDemo(
  path: string,
  options: { customers: number; seed: number; today: Day; history?: boolean },
  phase: (message: string) => void = () => {},
): Promise<DemoResult> {
  phase(`generating ${options.customers.toLocaleString("en-US")} customers`);
  const business = syntheticBusiness({
    customers: options.customers,
    seed: options.seed,
    until: options.today,
  });
  const temporary = `${path}.partial`;
  await removeDatabase(temporary);
  const store = await openSqliteStore(temporary);
  let runs = 0;
  try {
    phase(`storing ${business.orders.length.toLocaleString("en-US")} orders`);
    const customers = await store.openCustomerWriter({
      hasName: true,
      hasAccountManager: true,
      attributeNames: ["region", "satisfaction"],
    });
    await customers.write(
      business.customers.map((c) => ({
        customerId: c.customer_id,
        name: c.name,
        accountManager: c.account_manager,
        attributes: { region: c.region, satisfaction: c.satisfaction },
      })),
    );
    await customers.commit();
    const orders = await store.openOrderWriter({
      keys: "order-id",
      expectedRows: business.orders.length,
    });
    await orders.write(
      business.orders.map((o) => ({
        key: o.order_id,
        customerId: o.customer_id,
        day: parseDay(o.order_date) ?? 0,
        amount: o.amount,
        profit: o.profit,
        category: o.category,
      })),
    );
    await orders.commit();
    if (options.history !== false) {
      const engine: EngineStore = sqliteEngineStore(store.connection);
      const rules = await rulesFromPath(
        engine,
        DEMO_RULES_PATH,
        "packages/core/examples/retail.tiers.yaml",
      );
      const days = backfillDays(isoWeekOf(options.today - 364).from, options.today, "week");
      await backfill(engine, rules, days, (done, total) =>
        phase(`backfilling weekly tier history: ${done}/${total}`),
      );
      runs = days.length;
    }
  } catch (error) {
    await store.close();
    await removeDatabase(temporary);
    throw error;
  }
  await store.close();
  await removeDatabase(path);
  await rename(temporary, path);
  return {
    customers: business.customers.length,
    orders: business.orders.length,
    runs,
    asOf: options.today,
  };
}

/** Removes a SQLite file and its WAL companions, if there. */
async function removeDatabase(path: string): Promise<void> {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) await rm(file, { force: true });
}
