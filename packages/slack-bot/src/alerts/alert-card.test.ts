import type { QueuedAlert } from "@strata/core";
import { describe, expect, it } from "vitest";
import { expectHostileNameEscaped, HOSTILE_NAME, shownText } from "../testing/read-reply.ts";
import { alertCard, alertMessage, digestCard } from "./alert-card.ts";

function alert(id: number, overrides: Partial<QueuedAlert["facts"]> = {}): QueuedAlert {
  return {
    alertId: id,
    runId: 1,
    customerId: `C${id}`,
    recipient: "U0ANA",
    state: "sending",
    claimKey: "1:1",
    attempts: 1,
    claimedAt: null,
    channel: null,
    messageTs: null,
    error: null,
    responses: [],
    snoozedUntil: null,
    facts: {
      customer: { id: `C${id}`, name: `Customer ${id}`, accountManager: "U0ANA" },
      churnedOn: "2026-04-06",
      churn: {
        dimension: "lifecycle",
        dimensionLabel: "Lifecycle",
        tier: "churned",
        label: "Churned",
        action: null,
        from: "silent",
      },
      value: { dimension: "value", dimensionLabel: "Value tier", tier: "vip", label: "VIP" },
      lastOrder: "2026-01-01",
      orders: 3,
      spend: 100 * id,
      pAlive: null,
      window: null,
      ...overrides,
    },
  };
}

describe("alert cards", () => {
  it("shows p_alive when the metrics have it, as a percentage", () => {
    expect(shownText(alertCard(alert(1, { pAlive: 0.4249 })))).toContain(
      "*Chance still active*\n42%",
    );
    expect(shownText(digestCard([alert(1, { pAlive: 0.07 }), alert(2)]))).toContain(
      "*Customer 1* (C1) · VIP · last order 2026-01-01 · 100.00 spent · 7% still active",
    );
    expect(shownText(alertCard(alert(1, { pAlive: 2.4e-17 })))).toContain(
      "*Chance still active*\n<1%",
    );
    expect(shownText(alertCard(alert(1, { pAlive: 0.9999 })))).toContain(
      "*Chance still active*\n>99%",
    );
  });

  it("is one card for one alert and a digest for several", () => {
    expect(alertMessage([alert(1)]).text).toBe(
      "Churn alert: Customer 1 (C1) entered Churned on 2026-04-06",
    );
    expect(alertMessage([alert(1), alert(2)]).text).toBe(
      "Churn alerts: 2 customers entered Churned on 2026-04-06",
    );
  });

  it("keeps a large digest within Slack's 50 blocks, naming everyone", () => {
    const many = Array.from({ length: 120 }, (_, i) => alert(i + 1));
    const digest = digestCard(many);
    expect(digest.blocks.length).toBeLessThanOrEqual(50);
    const text = shownText(digest);
    for (const a of many) expect(text).toContain(`(C${a.alertId})`);
    expect(text).toContain("and 80 more customers");
    expect(text.indexOf("(C120)")).toBeLessThan(text.indexOf("(C119)"));
  });

  it("cannot notify anyone through a customer's name, id or tier labels", () => {
    const hostile = (id: number) => {
      const a = alert(id);
      a.facts.customer = { id: HOSTILE_NAME, name: HOSTILE_NAME, accountManager: null };
      a.facts.churn.label = HOSTILE_NAME;
      return a;
    };
    const card = alertCard(hostile(1));
    expectHostileNameEscaped(card);
    expect(card.text).toBe(
      "Churn alert: &lt;!channel&gt; &amp; &lt;@U123&gt; (&lt;!channel&gt; &amp; &lt;@U123&gt;) entered &lt;!channel&gt; &amp; &lt;@U123&gt; on 2026-04-06",
    );
    const digest = digestCard([hostile(1), hostile(2)]);
    expectHostileNameEscaped(digest);
    expect(digest.text).toBe(
      "Churn alerts: 2 customers entered &lt;!channel&gt; &amp; &lt;@U123&gt; on 2026-04-06",
    );
  });

  it("keeps each field within 2,000 characters and each digest line within 3,000", () => {
    const long = (id: number) => {
      const a = alert(id);
      a.facts.customer.name = "N".repeat(4000);
      return a;
    };
    const card = alertCard(long(1));
    const figures = (card.blocks[1] as { fields: Array<{ text: string }> }).fields;
    expect(figures[0]?.text).toHaveLength(2000);
    expect(figures[0]?.text.startsWith("*Customer*\nNNN")).toBe(true);
    const lines = digestCard([long(1), long(2)]).blocks.filter(
      (b) => b.type === "section" && "accessory" in b,
    ) as Array<{ text: { text: string } }>;
    expect(lines.map((b) => b.text.text.length)).toEqual([3000, 3000]);
  });
});
