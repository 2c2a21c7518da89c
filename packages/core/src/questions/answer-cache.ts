/**
 * Answers that depend only on the stored data and the day asked about (churn in a period,
 * the tier breakdown), kept until the data changes: `dataVersion` is SQLite's
 * `PRAGMA data_version`, which moves whenever another connection commits (an ingest, a run).
 * Concurrent askers of the same question share one computation; a failure is not kept.
 */
export class AnswerCache {
  private version: number | null = null;
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(private readonly dataVersion: () => Promise<number>) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.dataVersion();
    if (version !== this.version) {
      this.answers.clear();
      this.version = version;
    }
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = compute();
      this.answers.set(key, answer);
      answer.catch(() => this.answers.delete(key));
    }
    return answer;
  }
}
