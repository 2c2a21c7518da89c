import { describe, expect, it } from "vitest";
import { hoverText } from "./hover-text.ts";

describe("hoverText", () => {
  it("shows customers' values and the data's name as text, never as Markdown", () => {
    const text = hoverText(
      "segment",
      { kind: "attribute", type: "string" },
      {
        kind: "text",
        customers: 5,
        missing: 0,
        values: [
          { value: "*VIP*", count: 2 },
          { value: "[win](https://example.com)", count: 1 },
          { value: "a_b <b>c</b>", count: 1 },
          { value: "two\nlines", count: 1 },
        ],
        distinct: 4,
      },
      "my_shop*.db, as of 2026-06-30",
    );
    expect(text.split("\n")).toEqual([
      "**segment** · customer attribute · string",
      "",
      "In the data (my\\_shop\\*\\.db\\, as of 2026\\-06\\-30):",
      "",
      "\\*VIP\\* (2), \\[win\\]\\(https\\:\\/\\/example\\.com\\) (1), a\\_b \\<b\\>c\\<\\/b\\> (1), two lines (1)",
      "",
      "5 customers with a value.",
    ]);
  });
});
