import { describe, expect, it, vi } from "vitest";
import { LatestOnly } from "./latest-only.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("LatestOnly", () => {
  it("runs only the last request of a burst", async () => {
    const ran: number[] = [];
    const delivered: number[] = [];
    const latest = new LatestOnly<number>(20, (v) => delivered.push(v));
    for (const n of [1, 2, 3]) {
      latest.request(async () => {
        ran.push(n);
        return n;
      });
    }
    await vi.waitFor(() => expect(delivered).not.toEqual([]));
    expect(ran).toEqual([3]);
    expect(delivered).toEqual([3]);
  });

  it("drops the result of a run that a newer request overtook while it ran", async () => {
    const delivered: string[] = [];
    const latest = new LatestOnly<string>(0, (v) => delivered.push(v));
    /** A run that ends when the test says, with whether it has started. */
    const controlled = () => {
      const run = { started: false, finish: (_: string) => {} };
      const work = () => {
        run.started = true;
        return new Promise<string>((resolve) => {
          run.finish = resolve;
        });
      };
      return { run, work };
    };
    const older = controlled();
    const newer = controlled();
    latest.request(older.work);
    await vi.waitFor(() => expect(older.run.started).toBe(true));
    latest.request(newer.work);
    await vi.waitFor(() => expect(newer.run.started).toBe(true));
    // Both run at once; the older ends first, and its result must not be shown.
    older.run.finish("older");
    await tick(5);
    expect(delivered).toEqual([]);
    newer.run.finish("newer");
    await vi.waitFor(() => expect(delivered).toEqual(["newer"]));
  });

  it("reports a failure of the current run only, and delivers nothing after cancel", async () => {
    const failures: unknown[] = [];
    const delivered: number[] = [];
    const latest = new LatestOnly<number>(
      0,
      (v) => delivered.push(v),
      (e) => failures.push(e),
    );
    latest.request(async () => {
      throw new Error("boom");
    });
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    latest.request(async () => 1);
    latest.cancel();
    await tick(10);
    expect(delivered).toEqual([]);
  });
});
