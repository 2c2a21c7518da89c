import { StrataError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { buttonsOf, shownText } from "../testing/read-reply.ts";
import { problemReply } from "./problem-reply.ts";

describe("replies to questions core could not answer", () => {
  it("offers a button per candidate, leaving out an id too long for a button's value", () => {
    const long = "X".repeat(2001);
    const reply = problemReply(
      new StrataError("ambiguous", "several", {
        candidates: [
          { customerId: "C1", name: "Ana Haddad" },
          { customerId: long, name: "Ana Haddad" },
          { customerId: "C3", name: null },
        ],
      }),
      "Ana Haddad",
    );
    expect(shownText(reply)).toContain("“Ana Haddad” matches several customers");
    expect(buttonsOf({ body: { ...reply } })).toEqual([
      expect.objectContaining({ action_id: "pick-customer-0", value: "C1" }),
      expect.objectContaining({ action_id: "pick-customer-1", value: "C3" }),
    ]);
  });
});
