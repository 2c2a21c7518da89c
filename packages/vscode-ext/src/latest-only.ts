/**
 * Runs the newest of a stream of requests after a quiet period, and drops the result of any
 * run that a newer request overtook: while an analyst types, only the state of the text
 * they stopped at is ever shown.
 */
export class LatestOnly<T> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly delayMs: number,
    private readonly deliver: (value: T) => void,
    private readonly fail: (error: unknown) => void = () => {},
  ) {}

  /** Schedules `work` after the delay (0: at once), replacing any request not yet started. */
  request(work: () => Promise<T>, delayMs = this.delayMs): void {
    const generation = ++this.generation;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      work().then(
        (value) => {
          if (generation === this.generation) this.deliver(value);
        },
        (error: unknown) => {
          if (generation === this.generation) this.fail(error);
        },
      );
    }, delayMs);
  }

  /** Forgets pending work: nothing requested so far will be delivered. */
  cancel(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
