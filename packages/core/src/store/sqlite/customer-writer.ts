import { StrataError } from "../../errors.ts";
import type {
  CustomerRecord,
  CustomerWriteCounts,
  CustomerWriter,
  CustomerWriterOptions,
} from "../store.ts";
import type { SqliteConnection } from "./connection.ts";
import { MultiRowInsert } from "./multi-row-insert.ts";
import { WritePipeline } from "./write-pipeline.ts";

const CUSTOMER_BATCH_ROWS = 250;

/**
 * Writes one customers file in one transaction: new ids are inserted, known ones updated.
 * Name and account manager change only when the file has those columns; attributes are
 * merged: the file's columns replace the stored values (an empty cell removes one) and
 * attributes from other files stay.
 */
export async function openSqliteCustomerWriter(
  connection: SqliteConnection,
  options: CustomerWriterOptions,
  release: () => void,
): Promise<CustomerWriter> {
  try {
    await connection.begin();
    const before = await countCustomers(connection);
    return new SqliteCustomerWriter(connection, options, before, release);
  } catch (error) {
    if (connection.transactionOpen) await connection.rollback();
    release();
    throw error;
  }
}

async function countCustomers(connection: SqliteConnection): Promise<number> {
  return (await connection.get<{ n: number }>("SELECT count(*) AS n FROM customers"))?.n ?? 0;
}

class SqliteCustomerWriter implements CustomerWriter {
  private readonly pipeline = new WritePipeline();
  private readonly insert: MultiRowInsert;
  private readonly clearFileAttributes: string;
  private pending: string[] = [];
  private rows = 0;
  private changes = 0;
  private finished = false;

  constructor(
    private readonly connection: SqliteConnection,
    options: CustomerWriterOptions,
    private readonly before: number,
    private readonly release: () => void,
  ) {
    this.clearFileAttributes = JSON.stringify(
      Object.fromEntries(options.attributeNames.map((name) => [name, null])),
    );
    const set = [
      ...(options.hasName ? ["name = excluded.name"] : []),
      ...(options.hasAccountManager ? ["account_manager = excluded.account_manager"] : []),
    ];
    const changed = [
      ...(options.hasName ? ["customers.name IS NOT excluded.name"] : []),
      ...(options.hasAccountManager
        ? ["customers.account_manager IS NOT excluded.account_manager"]
        : []),
    ];
    this.insert = new MultiRowInsert(
      connection,
      "INSERT INTO customers (customer_id, name, account_manager, attributes)",
      "(?, NULLIF(?, ''), NULLIF(?, ''), json_patch('{}', ?))",
      (rows) => {
        const merged = `json_patch(customers.attributes, json_patch(?${rows * 4 + 1}, excluded.attributes))`;
        return `ON CONFLICT (customer_id) DO UPDATE SET ${[...set, `attributes = ${merged}`].join(", ")}
          WHERE ${[...changed, `customers.attributes IS NOT ${merged}`].join(" OR ")}`;
      },
    );
  }

  async write(rows: CustomerRecord[]): Promise<void> {
    if (this.finished) throw new StrataError("internal", "write after the end");
    for (const row of rows) {
      this.pending.push(
        row.customerId,
        row.name ?? "",
        row.accountManager ?? "",
        JSON.stringify(row.attributes),
      );
      this.rows++;
      if (this.pending.length === CUSTOMER_BATCH_ROWS * 4) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const params = this.pending;
    this.pending = [];
    const statement = this.insert.statement(params.length / 4);
    params.push(this.clearFileAttributes);
    await this.pipeline.push(async () => {
      // Read the total only after the await: writes in flight would otherwise lose counts.
      const { changes } = await (await statement).run(params);
      this.changes += changes;
    });
  }

  async commit(): Promise<CustomerWriteCounts> {
    let created: number;
    try {
      await this.flush();
      await this.pipeline.drain();
      created = (await countCustomers(this.connection)) - this.before;
      await this.insert.finalize();
      await this.connection.commit();
    } catch (error) {
      await this.rollback();
      throw error;
    }
    this.end();
    const updated = this.changes - created;
    return { created, updated, unchanged: this.rows - created - updated };
  }

  async rollback(): Promise<void> {
    if (this.finished) return;
    await this.pipeline.settle();
    await this.insert.finalize();
    try {
      await this.connection.rollback();
    } finally {
      this.end();
    }
  }

  private end(): void {
    if (this.finished) return;
    this.finished = true;
    this.release();
  }
}
