import { StrataError } from "../../errors.ts";
import type {
  CustomerRecord,
  CustomerWriteCounts,
  CustomerWriter,
  CustomerWriterOptions,
} from "../store.ts";
import type { PreparedStatement, SqliteConnection } from "./connection.ts";
import { WritePipeline } from "./write-pipeline.ts";

/** Rows per INSERT statement; each batch travels as one JSON parameter. */
const CUSTOMER_BATCH_ROWS = 1000;

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
    return new SqliteCustomerWriter(
      connection,
      await connection.prepare(upsertSql(options)),
      JSON.stringify(Object.fromEntries(options.attributeNames.map((name) => [name, null]))),
      before,
      release,
    );
  } catch (error) {
    if (connection.transactionOpen) await connection.rollback();
    release();
    throw error;
  }
}

async function countCustomers(connection: SqliteConnection): Promise<number> {
  return (await connection.get<{ n: number }>("SELECT count(*) AS n FROM customers"))?.n ?? 0;
}

/**
 * Inserts a batch (?1: a JSON array of [id, name, manager, attributes JSON]) and updates the
 * customers that exist; ?2 sets the file's attribute columns to null first, so that an
 * empty cell removes a stored attribute. Counts a change only when something differs.
 */
function upsertSql(options: CustomerWriterOptions): string {
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
  const merged = "json_patch(customers.attributes, json_patch(?2, excluded.attributes))";
  return `INSERT INTO customers (customer_id, name, account_manager, attributes)
    SELECT value ->> 0, nullif(value ->> 1, ''), nullif(value ->> 2, ''), json_patch('{}', value ->> 3)
    FROM json_each(?1) WHERE true
    ON CONFLICT (customer_id) DO UPDATE SET ${[...set, `attributes = ${merged}`].join(", ")}
    WHERE ${[...changed, `customers.attributes IS NOT ${merged}`].join(" OR ")}`;
}

class SqliteCustomerWriter implements CustomerWriter {
  private readonly pipeline = new WritePipeline();
  private pending: Array<[string, string, string, string]> = [];
  private rows = 0;
  private changes = 0;
  private finished = false;

  constructor(
    private readonly connection: SqliteConnection,
    private readonly upsert: PreparedStatement,
    /** The file's attribute columns as a JSON object of nulls. */
    private readonly clearFileAttributes: string,
    private readonly before: number,
    private readonly release: () => void,
  ) {}

  async write(rows: CustomerRecord[]): Promise<void> {
    if (this.finished) throw new StrataError("internal", "write after the end");
    for (const row of rows) {
      this.pending.push([
        row.customerId,
        row.name ?? "",
        row.accountManager ?? "",
        JSON.stringify(row.attributes),
      ]);
      this.rows++;
      if (this.pending.length === CUSTOMER_BATCH_ROWS) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const params = [JSON.stringify(this.pending), this.clearFileAttributes];
    this.pending = [];
    await this.pipeline.push(async () => {
      // Read the total only after the await: writes in flight would otherwise lose counts.
      const { changes } = await this.upsert.run(params);
      this.changes += changes;
    });
  }

  async commit(): Promise<CustomerWriteCounts> {
    let created: number;
    try {
      await this.flush();
      await this.pipeline.drain();
      created = (await countCustomers(this.connection)) - this.before;
      await this.upsert.finalize();
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
    await this.upsert.finalize();
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
