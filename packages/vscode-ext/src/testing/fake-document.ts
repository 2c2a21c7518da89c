import type * as vscode from "vscode";
import { Position, type Range, Uri } from "./fake-vscode.ts";

/** A text document for provider tests: the text, with VS Code's offset/position mapping. */
export function fakeDocument(
  text: string,
  options: { path?: string; scheme?: string; version?: number; isDirty?: boolean } = {},
): vscode.TextDocument & { text: string } {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const positionAt = (offset: number) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? 0) <= clamped) line++;
    return new Position(line, clamped - (lineStarts[line] ?? 0));
  };
  const document = {
    text,
    uri: Uri.parse(`${options.scheme ?? "file"}:${options.path ?? "/work/rules.tiers.yaml"}`),
    languageId: "strata-tiers",
    version: options.version ?? 1,
    isDirty: options.isDirty ?? false,
    isUntitled: false,
    isClosed: false,
    getText: (range?: Range) =>
      range ? text.slice(offsetAt(range.start), offsetAt(range.end)) : text,
    offsetAt: (position: Position) => offsetAt(position),
    positionAt,
  };
  function offsetAt(position: Position): number {
    return Math.min((lineStarts[position.line] ?? text.length) + position.character, text.length);
  }
  return document as unknown as vscode.TextDocument & { text: string };
}

/** The text after applying `edits` (replacements in one document) to `text`. */
export function applyEdits(
  document: vscode.TextDocument,
  edits: ReadonlyArray<{ range: { start: Place; end: Place }; newText: string }>,
): string {
  const offset = (place: Place) => document.offsetAt(place as vscode.Position);
  let text = document.getText();
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const edit of sorted) {
    text =
      text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
  }
  return text;
}

type Place = { line: number; character: number };
