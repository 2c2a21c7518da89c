import { hash } from "node:crypto";
import { z } from "zod";
import type { OrderKeys, OrderRecord } from "../store/store.ts";
import type { ResolvedColumns } from "./column-map.ts";
import {
  dateField,
  fieldLabel,
  idField,
  numberField,
  optionalNumberField,
  optionalText,
  reasonOf,
} from "./field-schemas.ts";

export type RowResult<Row> = { ok: true; row: Row } | { ok: false; reason: string };

/** Turns one record's fields into a validated row, or the reason it is rejected. */
export interface RowParser<Row> {
  parse(fields: readonly string[]): RowResult<Row>;
}

export interface OrderRowParser extends RowParser<OrderRecord> {
  keys: OrderKeys;
}

/**
 * The parser for an orders file with these columns. Without an order_id column each row's
 * key is a fingerprint of its content: the first 16 hex digits of the SHA-1 of customer id,
 * day number, amount, profit and category joined by U+001F, prefixed `row:`; the store
 * numbers identical rows of one file (see OrderKeys).
 */
export function orderRowParser(columns: ResolvedColumns): OrderRowParser {
  const label = (field: string) => fieldLabel(field, columns.column.get(field));
  const at = (field: string) => columns.index.get(field);
  const [id, customer, date, amount, profit, category] = [
    at("order_id"),
    at("customer_id") ?? 0,
    at("order_date") ?? 0,
    at("amount") ?? 0,
    at("profit"),
    at("category"),
  ];
  const schema = z.object({
    key: id === undefined ? z.undefined() : idField(label("order_id")),
    customerId: idField(label("customer_id")),
    day: dateField(label("order_date")),
    amount: numberField(label("amount")),
    profit:
      profit === undefined
        ? z.undefined().transform(() => null)
        : optionalNumberField(label("profit")),
    category: category === undefined ? z.undefined().transform(() => null) : optionalText(),
  });
  return {
    keys: id === undefined ? "content" : "order-id",
    parse(fields) {
      const result = schema.safeParse({
        key: id === undefined ? undefined : fields[id],
        customerId: fields[customer],
        day: fields[date],
        amount: fields[amount],
        profit: profit === undefined ? undefined : fields[profit],
        category: category === undefined ? undefined : fields[category],
      });
      if (!result.success) return { ok: false, reason: reasonOf(result.error) };
      const row = result.data;
      return {
        ok: true,
        row: {
          key: row.key ?? contentKey(row.customerId, row.day, row.amount, row.profit, row.category),
          customerId: row.customerId,
          day: row.day,
          amount: row.amount,
          profit: row.profit,
          category: row.category,
        },
      };
    },
  };
}

function contentKey(
  customerId: string,
  day: number,
  amount: number,
  profit: number | null,
  category: string | null,
): string {
  const content = `${customerId}\x1f${day}\x1f${amount}\x1f${profit ?? ""}\x1f${category ?? ""}`;
  return `row:${hash("sha1", content, "hex").slice(0, 16)}`;
}
