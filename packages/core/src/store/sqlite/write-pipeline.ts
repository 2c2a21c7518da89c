/**
 * Keeps a few statements in flight so JavaScript prepares the next batch while SQLite writes
 * the previous one on its worker thread. Remembers the first failure; later calls rethrow it.
 */
export class WritePipeline {
  private readonly inFlight: Promise<void>[] = [];
  private failure: unknown;

  constructor(private readonly limit = 4) {}

  /** Starts `write`; resolves once fewer than `limit` writes are in flight. */
  async push(write: () => Promise<void>): Promise<void> {
    this.throwIfFailed();
    this.inFlight.push(
      write().catch((error: unknown) => {
        this.failure ??= error;
      }),
    );
    while (this.inFlight.length >= this.limit) await this.inFlight.shift();
    this.throwIfFailed();
  }

  /** Waits for every write; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
    this.throwIfFailed();
  }

  /** Waits for every write and forgets failures (before a rollback). */
  async settle(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
