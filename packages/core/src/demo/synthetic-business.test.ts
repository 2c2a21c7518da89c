import { describe, expect, it } from "vitest";
import { parseDay } from "../time/calendar.ts";
import { syntheticBusiness } from "./synthetic-business.ts";

const until = parseDay("2026-11-22") ?? 0;

describe("syntheticBusiness", () => {
  const { customers, orders } = syntheticBusiness({ customers: 3000, seed: 7, until });

  it("is reproducible from its seed", () => {
    const again = syntheticBusiness({ customers: 3000, seed: 7, until });
    expect(again.orders).toEqual(orders);
    expect(syntheticBusiness({ customers: 3000, seed: 8, until }).orders).not.toEqual(orders);
  });

  it("looks like a real business: skewed spend, uneven frequency, people who stopped", () => {
    const byCustomer = new Map<string, { n: number; spend: number; last: string }>();
    for (const o of orders) {
      const c = byCustomer.get(o.customer_id) ?? { n: 0, spend: 0, last: "" };
      byCustomer.set(o.customer_id, { n: c.n + 1, spend: c.spend + o.amount, last: o.order_date });
      expect(o.order_date <= "2026-11-22").toBe(true);
    }
    const spends = [...byCustomer.values()].map((c) => c.spend).sort((a, b) => b - a);
    const top10 = spends.slice(0, spends.length / 10).reduce((a, b) => a + b, 0);
    const total = spends.reduce((a, b) => a + b, 0);
    expect(top10 / total).toBeGreaterThan(0.4); // the top tenth of customers bring most money
    const counts = [...byCustomer.values()].map((c) => c.n);
    expect(counts.filter((n) => n === 1).length / counts.length).toBeGreaterThan(0.15);
    expect(Math.max(...counts)).toBeGreaterThan(20);
    const lapsed = [...byCustomer.values()].filter((c) => c.last < "2026-05-01").length;
    expect(lapsed / byCustomer.size).toBeGreaterThan(0.2);
    expect(new Set(customers.map((c) => c.account_manager)).size).toBeGreaterThan(3);
    expect(customers.some((c) => c.satisfaction === null)).toBe(true);
  });
});
