import { StrataError } from "../errors.ts";
import type {
  CustomerRecord,
  CustomerWriteCounts,
  OrderRecord,
  OrderWriteCounts,
  Store,
} from "../store/store.ts";
import { customerRowParser } from "./customer-row.ts";
import {
  type FileIngestOptions,
  type FileOutcome,
  type InputFile,
  ingestFile,
  type TableSpec,
} from "./ingest-file.ts";
import { orderRowParser } from "./order-row.ts";

export interface IngestRequest extends FileIngestOptions {
  customers?: InputFile;
  orders?: InputFile;
}

export type FileReport =
  | ({ kind: "customers"; file: string } & FileOutcome<CustomerWriteCounts>)
  | ({ kind: "orders"; file: string } & FileOutcome<OrderWriteCounts>);

export interface IngestReport {
  /** One report per file, in the order ingested: customers, then orders. */
  files: FileReport[];
  /** True when every file named was committed. */
  ok: boolean;
}

const customersSpec = (store: Store): TableSpec<CustomerRecord, CustomerWriteCounts> => ({
  kind: "customers",
  batchRows: 1000,
  prepare: (columns) => ({
    parser: customerRowParser(columns),
    open: () =>
      store.openCustomerWriter({
        hasName: columns.index.has("name"),
        hasAccountManager: columns.index.has("account_manager"),
        attributeNames: columns.extra.map((e) => e.name),
      }),
  }),
});

const ordersSpec = (store: Store): TableSpec<OrderRecord, OrderWriteCounts> => ({
  kind: "orders",
  batchRows: 2000,
  prepare: (columns) => {
    const parser = orderRowParser(columns);
    return {
      parser,
      open: (expectedRows) => store.openOrderWriter({ keys: parser.keys, expectedRows }),
    };
  },
});

/**
 * Ingests a customers file, then an orders file, each all-or-nothing in its own
 * transaction (see ingestFile). When the customers file is rejected the orders file is not
 * read, so orders never arrive without the customer data meant to come with them. Throws
 * StrataError for unreadable files, missing columns and storage failures.
 */
export async function ingest(store: Store, request: IngestRequest): Promise<IngestReport> {
  const files: FileReport[] = [];
  if (request.customers) {
    const outcome = await ingestFile(request.customers, customersSpec(store), request);
    files.push({ kind: "customers", file: request.customers.label, ...outcome });
    if (!outcome.committed) return { files, ok: false };
  }
  if (request.orders) {
    const outcome = await ingestFile(request.orders, ordersSpec(store), request).catch(
      (error: unknown) => {
        const loaded = files[0];
        if (!loaded || !(error instanceof StrataError)) throw error;
        // The customers file is already in: say so, so that nobody loads it twice in doubt.
        throw new StrataError(
          error.code,
          `${error.message} (${loaded.file} was loaded before: ${loaded.rowsRead} ${loaded.rowsRead === 1 ? "row" : "rows"})`,
          error.details,
        );
      },
    );
    files.push({ kind: "orders", file: request.orders.label, ...outcome });
    if (!outcome.committed) return { files, ok: false };
  }
  return { files, ok: true };
}
