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
    latest.request(async () => {
      await tick(40);
      return "slow, older";
    });
    await tick(10);
    latest.request(async () => "fast, newer");
    await vi.waitFor(() => expect(delivered).not.toEqual([]));
    await tick(60);
    expect(delivered).toEqual(["fast, newer"]);
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
