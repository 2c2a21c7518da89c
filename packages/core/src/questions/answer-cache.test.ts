import { describe, expect, it } from "vitest";
import { AnswerCache } from "./answer-cache.ts";

describe("AnswerCache", () => {
  it("computes once per key until the data version moves, sharing concurrent computations", async () => {
    let version = 1;
    let computed = 0;
    const cache = new AnswerCache(async () => version);
    const answer = () => cache.get("churn:this week", async () => ++computed);
    expect(await Promise.all([answer(), answer(), answer()])).toEqual([1, 1, 1]);
    expect(await answer()).toBe(1);
    expect(await cache.get("churn:last week", async () => ++computed)).toBe(2);
    version = 2;
    expect(await answer()).toBe(3);
  });

  it("does not keep a failure", async () => {
    const cache = new AnswerCache(async () => 1);
    await expect(cache.get("k", () => Promise.reject(new Error("busy")))).rejects.toThrow("busy");
    expect(await cache.get("k", async () => "ok")).toBe("ok");
  });
});
