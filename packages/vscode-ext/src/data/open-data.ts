/**
 * The data half of the extension: SQLite compiled to WebAssembly and the in-memory preview.
 * The extension runs it in a worker thread (data-worker.ts) so reading a large database or
 * evaluating many customers never blocks VS Code's extension host; tests call it directly.
 */
import {
  type Day,
  type Distribution,
  LivePreview,
  type LivePreviewResult,
  openSqlJsReader,
  type RuleFile,
  type StoreStats,
  sqlPreviewSource,
  type ValueType,
  validateRuleText,
} from "@strata/core/portable";

/** A preview, and whether the saved text could be compared with. */
export interface PreviewAnswer {
  result: LivePreviewResult;
  /** False when saved text was given but has errors (no moves then). */
  savedValid: boolean;
}

/** One database opened for checks and previews. Rules travel as text. */
export interface DataSession {
  stats: StoreStats;
  attributes: Record<string, ValueType>;
  attributeValues: Record<string, string[]>;
  /** Rejects when `text` has errors (the checker shows them; no preview then). */
  preview(text: string, savedText: string | null, asOf: Day): Promise<PreviewAnswer>;
  distribution(text: string, name: string, asOf: Day): Promise<Distribution | null>;
  close(): Promise<void>;
}

/**
 * Opens the bytes of a Strata database (named `name` in messages) and of its write-ahead log
 * (`wal`, when it has one) with sql.js, whose sql-wasm.wasm is in `wasmDir`. Throws
 * StrataError("storage") for a file that is not one.
 */
export async function openData(
  bytes: Uint8Array,
  name: string,
  wasmDir: string | undefined,
  wal: Uint8Array | null = null,
): Promise<DataSession> {
  const reader = await openSqlJsReader(bytes, name, {
    ...(wasmDir ? { wasmDir } : {}),
    ...(wal ? { wal } : {}),
  });
  try {
    const source = sqlPreviewSource(reader);
    const live = new LivePreview(source);
    const attributes = await source.attributeTypes();
    const read = (text: string) => {
      const { file, ok } = validateRuleText(text, { attributes });
      return file && ok ? file : null;
    };
    // The saved text rarely changes: validate it once per text.
    let saved: { text: string; file: RuleFile | null } | undefined;
    const readSaved = (text: string) => {
      if (saved?.text !== text) saved = { text, file: read(text) };
      return saved.file;
    };
    return {
      stats: await source.stats(),
      attributes,
      attributeValues: await source.attributeValues(),
      async preview(text, savedText, asOf) {
        const file = read(text);
        if (!file) throw new Error("the rules have errors");
        const before = savedText === null ? null : readSaved(savedText);
        const compare = before && savedText !== null ? { file: before, text: savedText } : null;
        const result = await live.preview(file, compare, asOf);
        return { result, savedValid: savedText === null || before !== null };
      },
      async distribution(text, name, asOf) {
        const { file } = validateRuleText(text, { attributes });
        return file ? live.distribution(file, name, asOf) : null;
      },
      async close() {
        reader.close();
      },
    };
  } catch (error) {
    reader.close();
    throw error;
  }
}
