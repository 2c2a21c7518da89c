/**
 * The heavy half of the extension, loaded on first use and bundled on its own
 * (dist/data.cjs): SQLite compiled to WebAssembly and the in-memory preview.
 */
import {
  LivePreview,
  openSqlJsReader,
  type StoreStats,
  sqlPreviewSource,
  type ValueType,
} from "@strata/core/portable";

/** One database opened for previews. */
export interface DataSession {
  live: LivePreview;
  stats: StoreStats;
  attributes: Record<string, ValueType>;
  attributeValues: Record<string, string[]>;
  close(): void;
}

/**
 * Opens the bytes of a Strata database (named `name` in messages) with sql.js, whose
 * sql-wasm.wasm is in `wasmDir`. Throws StrataError("storage") for a file that is not one.
 */
export async function openData(
  bytes: Uint8Array,
  name: string,
  wasmDir: string | undefined,
): Promise<DataSession> {
  const reader = await openSqlJsReader(bytes, name, wasmDir ? { wasmDir } : {});
  try {
    const source = sqlPreviewSource(reader);
    return {
      live: new LivePreview(source),
      stats: await source.stats(),
      attributes: await source.attributeTypes(),
      attributeValues: await source.attributeValues(),
      close: () => reader.close(),
    };
  } catch (error) {
    reader.close();
    throw error;
  }
}
