/** Work under way, so that stopping can wait for answers already being written. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Runs `work`, remembering it until it settles. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.running.add(promise);
    const forget = () => this.running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Resolves when all work under way has settled, or after `timeoutMs` at the latest. */
  async settled(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
  }
}
