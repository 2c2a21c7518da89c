import { StrataError } from "../../errors.ts";
import type { OrderRecord, OrderWriteCounts, OrderWriter, OrderWriterOptions } from "../store.ts";
import type { PreparedStatement, SqliteConnection } from "./connection.ts";
import { type BinaryParts, binaryParts, realFromPartsSql } from "./exact-real.ts";
import { WritePipeline } from "./write-pipeline.ts";

/** Rows per INSERT statement. */
export const ORDER_BATCH_ROWS = 2000;
/** Customer ids remembered per file to skip re-inserting them; bounds the memory used. */
const SEEN_CUSTOMERS_LIMIT = 500_000;

const ORDER_COLUMNS = "(order_id, customer_id, order_day, amount, profit, category)";

/**
 * Writes one orders file in one transaction.
 *
 * Speed choices, each measured on 1M orders: a batch of rows travels as one JSON parameter
 * that SQLite unpacks with json_each (binding six parameters a row cost twice as much);
 * amounts travel as an integer and a power of two (exact-real.ts), so they arrive bit for
 * bit, which decimal text does not promise; foreign-key
 * checks are off for this transaction only, because the writer inserts every customer an
 * order names before committing (checking cost 1.7 µs a row); and when the file is at
 * least as large as what is stored, the secondary indexes of `orders` are dropped and
 * rebuilt by sorting before the commit, still inside the transaction.
 */
export async function openSqliteOrderWriter(
  connection: SqliteConnection,
  options: OrderWriterOptions,
  release: () => void,
): Promise<OrderWriter> {
  await connection.exec("PRAGMA foreign_keys = OFF");
  try {
    await connection.begin();
  } catch (error) {
    await connection.exec("PRAGMA foreign_keys = ON");
    release();
    throw error;
  }
  const writer = new SqliteOrderWriter(connection, options, release);
  try {
    await writer.start();
  } catch (error) {
    await writer.rollback();
    throw error;
  }
  return writer;
}

class SqliteOrderWriter implements OrderWriter {
  private readonly pipeline = new WritePipeline();
  private orders: PreparedStatement | undefined;
  private customers: PreparedStatement | undefined;
  private readonly seen = new Set<string>();
  /** Rows as [order id, customer id, day, amount, profit, category]. */
  private pending: Array<[string, string, number, BinaryParts, BinaryParts | null, string | null]> =
    [];
  private newCustomers: string[] = [];
  private rows = 0;
  private inserted = 0;
  private customersCreated = 0;
  private rebuildIndexes: string[] = [];
  private finished = false;

  constructor(
    private readonly connection: SqliteConnection,
    private readonly options: OrderWriterOptions,
    private readonly release: () => void,
  ) {}

  async start(): Promise<void> {
    if (this.options.keys === "content") {
      await this.connection.exec(
        "CREATE TEMP TABLE staged_orders (order_id TEXT NOT NULL, customer_id TEXT NOT NULL, order_day INTEGER NOT NULL, amount REAL NOT NULL, profit REAL, category TEXT) STRICT",
      );
    }
    const stored = await this.connection.get<{ n: number | null }>(
      "SELECT max(rowid) AS n FROM orders",
    );
    if (this.options.expectedRows >= (stored?.n ?? 0)) {
      const indexes = await this.connection.all<{ name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL",
      );
      for (const index of indexes) {
        await this.connection.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
      }
      this.rebuildIndexes = indexes.map((i) => i.sql);
    }
    const target = this.options.keys === "content" ? "temp.staged_orders" : "orders";
    const conflict = this.options.keys === "content" ? "" : "ON CONFLICT (order_id) DO NOTHING";
    this.orders = await this.connection.prepare(
      `INSERT INTO ${target} ${ORDER_COLUMNS}
       SELECT value ->> 0, value ->> 1, value ->> 2,
              ${realFromPartsSql("value", "$[3]")}, ${realFromPartsSql("value", "$[4]")}, value ->> 5
       FROM json_each(?) WHERE true ${conflict}`,
    );
    this.customers = await this.connection.prepare(
      "INSERT INTO customers (customer_id) SELECT value FROM json_each(?) WHERE true ON CONFLICT (customer_id) DO NOTHING",
    );
  }

  async write(rows: OrderRecord[]): Promise<void> {
    if (this.finished || !this.customers) throw new StrataError("internal", "write after the end");
    for (const row of rows) {
      if (!this.seen.has(row.customerId)) {
        if (this.seen.size >= SEEN_CUSTOMERS_LIMIT) this.seen.clear();
        const id = detached(row.customerId);
        this.seen.add(id);
        this.newCustomers.push(id);
      }
      this.pending.push([
        row.key,
        row.customerId,
        row.day,
        binaryParts(row.amount),
        row.profit === null ? null : binaryParts(row.profit),
        row.category,
      ]);
      this.rows++;
      if (this.pending.length === ORDER_BATCH_ROWS) await this.flush();
    }
  }

  /** Sends the pending rows, and the customers they name first seen, to SQLite. */
  private async flush(): Promise<void> {
    const { customers, orders } = this;
    if (!customers || !orders) throw new StrataError("internal", "write after the end");
    if (this.newCustomers.length > 0) {
      const json = JSON.stringify(this.newCustomers);
      this.newCustomers = [];
      await this.pipeline.push(async () => {
        const { changes } = await customers.run([json]);
        this.customersCreated += changes;
      });
    }
    if (this.pending.length === 0) return;
    const json = JSON.stringify(this.pending);
    this.pending = [];
    await this.pipeline.push(async () => {
      // Read the total only after the await: writes in flight would otherwise lose counts.
      const { changes } = await orders.run([json]);
      this.inserted += changes;
    });
  }

  async commit(): Promise<OrderWriteCounts> {
    try {
      await this.flush();
      await this.pipeline.drain();
      if (this.options.keys === "content") {
        const result = await this.connection.run(
          `INSERT INTO orders ${ORDER_COLUMNS}
           SELECT order_id || '-' || row_number() OVER (PARTITION BY order_id),
                  customer_id, order_day, amount, profit, category
           FROM temp.staged_orders WHERE true
           ON CONFLICT (order_id) DO NOTHING`,
        );
        this.inserted = result.changes;
        await this.connection.exec("DROP TABLE temp.staged_orders");
      }
      for (const sql of this.rebuildIndexes) await this.connection.exec(sql);
      await this.finalize();
      await this.connection.commit();
    } catch (error) {
      await this.rollback();
      throw error;
    }
    await this.end();
    return {
      inserted: this.inserted,
      duplicates: this.rows - this.inserted,
      customersCreated: this.customersCreated,
    };
  }

  async rollback(): Promise<void> {
    if (this.finished) return;
    await this.pipeline.settle();
    await this.finalize();
    try {
      await this.connection.rollback();
    } finally {
      await this.end();
    }
  }

  private async finalize(): Promise<void> {
    await this.orders?.finalize();
    await this.customers?.finalize();
    this.orders = undefined;
    this.customers = undefined;
  }

  private async end(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      await this.connection.exec("DROP TABLE IF EXISTS temp.staged_orders");
      await this.connection.exec("PRAGMA foreign_keys = ON");
    } finally {
      this.release();
    }
  }
}

/**
 * A copy of `text` that does not pin the chunk it was sliced from: V8 substrings share
 * their parent, so keeping ids for a whole file could otherwise keep the whole file.
 */
function detached(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf8").toString("utf8");
}
