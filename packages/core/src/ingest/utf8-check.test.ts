import { TextDecoder } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8 } from "./utf8-check.ts";

/** Whether a strict streaming decoder takes `bytes` as the start of UTF-8 text. */
const startsText = (bytes: Uint8Array) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
};

describe("firstInvalidUtf8", () => {
  it("agrees with Node's strict decoder on where text stops being UTF-8", () => {
    // Mostly valid text with a few random bytes dropped in.
    const bytes = fc
      .tuple(fc.string({ unit: "grapheme" }), fc.uint8Array({ maxLength: 4 }), fc.nat())
      .map(([text, noise, at]) => {
        const utf8 = Buffer.from(text, "utf8");
        const i = utf8.length === 0 ? 0 : at % utf8.length;
        return new Uint8Array([...utf8.subarray(0, i), ...noise, ...utf8.subarray(i)]);
      });
    fc.assert(
      fc.property(bytes, (b) => {
        const bad = firstInvalidUtf8(b);
        expect(startsText(b)).toBe(bad < 0);
        if (bad >= 0) expect(startsText(b.subarray(0, bad))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
