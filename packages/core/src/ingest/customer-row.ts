import { z } from "zod";
import type { CustomerRecord } from "../store/store.ts";
import type { ResolvedColumns } from "./column-map.ts";
import { fieldLabel, idField, optionalText, reasonOf } from "./field-schemas.ts";
import type { RowParser } from "./order-row.ts";

/** A JSON number: `007` or `+5` stay text, so codes and phone numbers keep their form. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * An attribute cell as stored: empty is null (missing), a plain number is a number,
 * `true`/`false` are booleans, anything else is trimmed text.
 */
export function attributeValue(raw: string): string | number | boolean | null {
  const text = raw.trim();
  if (text === "") return null;
  if (text === "true") return true;
  if (text === "false") return false;
  if (JSON_NUMBER.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return value;
  }
  return text;
}

/** The parser for a customers file: every column no field uses becomes an attribute. */
export function customerRowParser(columns: ResolvedColumns): RowParser<CustomerRecord> {
  const at = (field: string) => columns.index.get(field);
  const [customer, name, manager] = [at("customer_id") ?? 0, at("name"), at("account_manager")];
  const schema = z.object({
    customerId: idField(fieldLabel("customer_id", columns.column.get("customer_id"))),
    name: optionalText().optional(),
    accountManager: optionalText().optional(),
  });
  return {
    parse(fields) {
      const result = schema.safeParse({
        customerId: fields[customer],
        name: name === undefined ? undefined : fields[name],
        accountManager: manager === undefined ? undefined : fields[manager],
      });
      if (!result.success) return { ok: false, reason: reasonOf(result.error) };
      const attributes: CustomerRecord["attributes"] = Object.fromEntries(
        columns.extra.map((extra) => [extra.name, attributeValue(fields[extra.index] ?? "")]),
      );
      const { customerId, name: n, accountManager: m } = result.data;
      return {
        ok: true,
        row: {
          customerId,
          ...(n !== undefined ? { name: n } : {}),
          ...(m !== undefined ? { accountManager: m } : {}),
          attributes,
        },
      };
    },
  };
}
