import type { Day } from "../time/calendar.ts";

/**
 * The storage port: what core needs from a store, with no SQL in sight. The SQLite adapter
 * (`sqlite/`) implements it; a PostgreSQL adapter can follow without touching ingestion or
 * the engine. The engine's needs (metrics per customer as of a date, tier history) join
 * this interface as further methods when the engine is built.
 */
export interface Store extends IngestStore, CustomerReader {
  /** Where the data lives, for messages (a file path for SQLite). */
  readonly location: string;
  close(): Promise<void>;
}

/** One order as ingestion hands it to the store; already validated. */
export interface OrderRecord {
  /**
   * The order's identity: the order id, or, for files without one, a fingerprint of the
   * row's content that the store numbers per file (see {@link OrderKeys}).
   */
  key: string;
  customerId: string;
  day: Day;
  /** In the data's currency; may be negative (refunds). */
  amount: number;
  profit: number | null;
  category: string | null;
}

/**
 * How orders are identified. "order-id": `key` is the order id; a key already stored is a
 * duplicate. "content": `key` is a content fingerprint; the n-th row of a file with a given
 * fingerprint gets the id `${key}-${n}` (n from 1), so identical rows within one file stay
 * distinct orders while ingesting the same file again adds nothing.
 */
export type OrderKeys = "order-id" | "content";

/** One row of a customers file. Absent fields leave the stored value alone. */
export interface CustomerRecord {
  customerId: string;
  name?: string | null;
  accountManager?: string | null;
  /** Extra columns; null removes a stored attribute. */
  attributes: Record<string, string | number | boolean | null>;
}

export interface OrderWriteCounts {
  inserted: number;
  /** Orders whose identity was already stored, or repeated in the file. */
  duplicates: number;
  customersCreated: number;
}

export interface CustomerWriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * A write of one input file: nothing is visible to readers until `commit`, and `rollback`
 * (or the process dying) leaves the store exactly as before. One writer at a time.
 */
export interface FileWriter<Row, Counts> {
  /**
   * Queues rows. The store may write in the background; the returned promise resolves when
   * it can take more, and rejects (StrataError "storage") if an earlier write failed.
   */
  write(rows: Row[]): Promise<void>;
  commit(): Promise<Counts>;
  rollback(): Promise<void>;
}

export type OrderWriter = FileWriter<OrderRecord, OrderWriteCounts>;
export type CustomerWriter = FileWriter<CustomerRecord, CustomerWriteCounts>;

export interface OrderWriterOptions {
  keys: OrderKeys;
  /** About how many rows the file holds (from its size), so the store can pick a strategy. */
  expectedRows: number;
}

export interface CustomerWriterOptions {
  /** Which of the optional fields the file has; the others are left untouched. */
  hasName: boolean;
  hasAccountManager: boolean;
  /** The file's attribute columns: an empty cell in one of them removes that attribute. */
  attributeNames: readonly string[];
}

export interface IngestStore {
  /** Starts writing an orders file; customers it names that do not exist yet are created. */
  openOrderWriter(options: OrderWriterOptions): Promise<OrderWriter>;
  /** Starts writing a customers file: new ids are created, known ones updated. */
  openCustomerWriter(options: CustomerWriterOptions): Promise<CustomerWriter>;
}

export interface StoredCustomer {
  customerId: string;
  name: string | null;
  accountManager: string | null;
  attributes: Record<string, string | number | boolean>;
}

export interface StoreStats {
  customers: number;
  orders: number;
  /** Null when there are no orders. */
  firstOrderDay: Day | null;
  lastOrderDay: Day | null;
}

export interface CustomerReader {
  getCustomer(customerId: string): Promise<StoredCustomer | undefined>;
  stats(): Promise<StoreStats>;
}
