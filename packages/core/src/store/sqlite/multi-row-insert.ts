import type { PreparedStatement, SqliteConnection } from "./connection.ts";

/**
 * Prepared multi-row INSERTs of one shape: `head VALUES row, row, … tail`. One statement
 * per row count, prepared on first use; a full batch reuses the same statement.
 */
export class MultiRowInsert {
  private readonly statements = new Map<number, Promise<PreparedStatement>>();

  constructor(
    private readonly connection: SqliteConnection,
    private readonly head: string,
    /** One row's placeholders, e.g. "(?, ?, NULLIF(?, ''))". */
    private readonly row: string,
    /** What follows the rows; given the row count, to number any trailing parameters. */
    private readonly tail: (rows: number) => string = () => "",
  ) {}

  /** The statement for `rows` rows. */
  statement(rows: number): Promise<PreparedStatement> {
    let statement = this.statements.get(rows);
    if (!statement) {
      const values = new Array<string>(rows).fill(this.row).join(",");
      statement = this.connection.prepare(`${this.head} VALUES ${values} ${this.tail(rows)}`);
      this.statements.set(rows, statement);
    }
    return statement;
  }

  async finalize(): Promise<void> {
    const all = [...this.statements.values()];
    this.statements.clear();
    for (const statement of all) await (await statement.catch(() => null))?.finalize();
  }
}
