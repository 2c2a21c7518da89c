import { describe, expect, it } from "vitest";
import { parseColumnMap, resolveColumns } from "./column-map.ts";
import { attributeValue } from "./customer-row.ts";
import { parseDelimiter } from "./delimiter.ts";

describe("parseColumnMap", () => {
  it("applies a bare field to every file that has it, a prefixed one to one file", () => {
    const map = parseColumnMap(["customer_id=cid", "orders.amount = total", "name=full_name"]);
    expect([...map.orders]).toEqual([
      ["customer_id", "cid"],
      ["amount", "total"],
    ]);
    expect([...map.customers]).toEqual([
      ["customer_id", "cid"],
      ["name", "full_name"],
    ]);
  });

  it("refuses malformed, unknown and repeated mappings", () => {
    expect(() => parseColumnMap(["amount"])).toThrow("--map takes field=column");
    expect(() => parseColumnMap(["amount="])).toThrow("--map takes field=column");
    expect(() => parseColumnMap(["sales.amount=x"])).toThrow("'sales' is not orders or customers");
    expect(() => parseColumnMap(["customers.amount=x"])).toThrow("unknown field 'amount'");
    expect(() => parseColumnMap(["order_dat=d"])).toThrow("(did you mean 'order_date'?)");
    expect(() => parseColumnMap(["amount=a", "orders.amount=b"])).toThrow("mapped twice");
  });
});

describe("resolveColumns", () => {
  const none = parseColumnMap([]);

  it("finds fields by trimmed name and keeps the rest as extra columns", () => {
    const r = resolveColumns([" customer_id ", "region", "name", ""], "customers", none, "c.csv");
    expect([...r.index]).toEqual([
      ["customer_id", 0],
      ["name", 2],
    ]);
    expect(r.extra).toEqual([{ name: "region", index: 1 }]);
  });

  it("refuses a repeated column name and a mapped column that is not there", () => {
    expect(() => resolveColumns(["customer_id", "a", "a"], "customers", none, "c.csv")).toThrow(
      "c.csv:1: the header names column 'a' twice",
    );
    const map = parseColumnMap(["orders.profit=margin"]);
    expect(() =>
      resolveColumns(["customer_id", "order_date", "amount"], "orders", map, "o.csv"),
    ).toThrow("no column 'margin' (mapped to profit)");
  });
});

describe("attributeValue", () => {
  it("keeps numbers as numbers, codes with leading zeros as text, empty as missing", () => {
    expect(
      ["41", "-2.5", "1e3", "02134", "+5", "true", "false", "", "  EU ", "NaN"].map(attributeValue),
    ).toEqual([41, -2.5, 1000, "02134", "+5", true, false, null, "EU", "NaN"]);
  });
});

describe("parseDelimiter", () => {
  it("takes one character, tab or whitespace", () => {
    expect(parseDelimiter(undefined)).toEqual({ kind: "char", char: "," });
    expect(parseDelimiter("tab")).toEqual({ kind: "char", char: "\t" });
    expect(parseDelimiter("\\t")).toEqual({ kind: "char", char: "\t" });
    expect(parseDelimiter("|")).toEqual({ kind: "char", char: "|" });
    expect(parseDelimiter("whitespace")).toEqual({ kind: "whitespace" });
    expect(() => parseDelimiter('"')).toThrow("--delimiter must be one character");
    expect(() => parseDelimiter("space")).toThrow("--delimiter must be one character");
  });
});
