/** A field separator: one character, or any run of spaces and tabs. */
export type Delimiter = { kind: "char"; char: string } | { kind: "whitespace" };

/**
 * Receives one record. `fields` is reused for the next record: copy what you keep. `line` is
 * the 1-based line where the record starts; `problem` is set when the record is malformed.
 */
export type RecordHandler = (fields: string[], line: number, problem: string | null) => void;

/** Thrown when a quoted field never closes within the size limit; reading cannot go on. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;
const BOM = "\uFEFF";

/**
 * An incremental RFC 4180 parser: push decoded text in pieces of any size, get records.
 * Quoted fields may hold delimiters, doubled quotes and line breaks; lines end in LF or
 * CRLF; a leading byte-order mark is dropped; blank lines are skipped. Lenient where RFC
 * 4180 is silent: a quote inside an unquoted field, or text after a closing quote, is kept
 * as it is. Lines without quotes take a fast path of `indexOf` scans and slices.
 */
export class CsvParser {
  private rest = "";
  private line = 1;
  private started = false;
  private readonly fields: string[] = [];
  private readonly sep: number;
  /** Set by parseQuoted for the record it parsed. */
  private problem: string | null = null;
  private linesInRecord = 1;
  private nextQuote = -1;

  constructor(
    private readonly delimiter: Delimiter,
    /** Longest record, in characters, before an unclosed quote is declared fatal. */
    private readonly maxRecordChars = 16 * 1024 * 1024,
  ) {
    this.sep = delimiter.kind === "char" ? delimiter.char.charCodeAt(0) : -1;
  }

  /** Parses `chunk` after what came before; keeps an incomplete last record for later. */
  push(chunk: string, onRecord: RecordHandler): void {
    let text = this.rest.length > 0 ? this.rest + chunk : chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    this.rest = text.slice(this.parse(text, false, onRecord));
    if (this.rest.length > this.maxRecordChars) {
      throw new CsvSyntaxError(
        this.line,
        `a quoted field opened here never closes (no closing quote within ${this.maxRecordChars} characters)`,
      );
    }
  }

  /** The line that text pushed next would start on. */
  get nextLine(): number {
    let line = this.line;
    for (let i = this.rest.indexOf("\n"); i >= 0; i = this.rest.indexOf("\n", i + 1)) line++;
    return line;
  }

  /** Parses whatever is left at the end of the input. */
  end(onRecord: RecordHandler): void {
    const text = this.rest;
    this.rest = "";
    this.parse(text, true, onRecord);
  }

  /**
   * Returns the offset of the first character not consumed. The next quote's offset is
   * kept in a field, not a local: TurboFan may otherwise sink the pure `indexOf` into the
   * loop and rescan the whole chunk for every line (seen here: 30x slower).
   */
  private parse(text: string, final: boolean, onRecord: RecordHandler): number {
    let pos = 0;
    this.nextQuote = text.indexOf('"');
    while (pos < text.length) {
      let nl = text.indexOf("\n", pos);
      if (nl === -1) {
        if (!final) break;
        nl = text.length;
      }
      if (this.nextQuote !== -1 && this.nextQuote < pos) this.nextQuote = text.indexOf('"', pos);
      if (this.nextQuote === -1 || this.nextQuote > nl) {
        const end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (this.splitPlain(text, pos, end)) onRecord(this.fields, this.line, null);
        this.line++;
        pos = nl + 1;
        continue;
      }
      const next = this.parseQuoted(text, pos, final);
      if (next === -1) break;
      onRecord(this.fields, this.line, this.problem);
      this.line += this.linesInRecord;
      pos = next;
    }
    return Math.min(pos, text.length);
  }

  /** Splits a line without quotes into `fields`; false for a blank line. */
  private splitPlain(text: string, start: number, end: number): boolean {
    const fields = this.fields;
    fields.length = 0;
    if (this.sep === -1) {
      let i = start;
      while (i < end) {
        let c = text.charCodeAt(i);
        while (i < end && (c === SPACE || c === TAB)) c = text.charCodeAt(++i);
        if (i >= end) break;
        const from = i;
        while (i < end && c !== SPACE && c !== TAB) c = text.charCodeAt(++i);
        fields.push(text.slice(from, i));
      }
      return fields.length > 0;
    }
    if (start === end) return false;
    const sep = this.delimiter.kind === "char" ? this.delimiter.char : "";
    let from = start;
    let at = text.indexOf(sep, from);
    while (at !== -1 && at < end) {
      fields.push(text.slice(from, at));
      from = at + 1;
      at = text.indexOf(sep, from);
    }
    fields.push(text.slice(from, end));
    return true;
  }

  /**
   * Parses one record that contains a quote, from `start`. Returns the offset after its
   * line break, or -1 when the text ends first and more may come.
   */
  private parseQuoted(text: string, start: number, final: boolean): number {
    const fields = this.fields;
    fields.length = 0;
    this.problem = null;
    this.linesInRecord = 1;
    const whitespace = this.sep === -1;
    let i = start;
    for (;;) {
      if (whitespace) {
        while (i < text.length && isBlank(text.charCodeAt(i))) i++;
        if (i >= text.length || isLineEnd(text, i)) break;
      }
      let value = "";
      if (text.charCodeAt(i) === QUOTE) {
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) {
            if (!final) return -1;
            value += text.slice(i);
            this.linesInRecord += countLines(text, i, text.length);
            this.problem = "a quoted field is not closed before the end of the file";
            i = text.length;
            break;
          }
          value += text.slice(i, close);
          this.linesInRecord += countLines(text, i, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            i = close + 2;
            continue;
          }
          if (close + 1 >= text.length && !final) return -1;
          i = close + 1;
          break;
        }
      }
      const from = i;
      while (i < text.length && !this.endsField(text, i)) i++;
      value += text.slice(from, i);
      fields.push(value);
      if (i >= text.length) {
        if (!final) return -1;
        return i;
      }
      if (isLineEnd(text, i)) break;
      i++;
      if (!whitespace && i >= text.length) {
        if (!final) return -1;
        fields.push("");
        return i;
      }
    }
    if (i < text.length && text.charCodeAt(i) === CR) i++;
    if (i < text.length && text.charCodeAt(i) === LF) return i + 1;
    if (!final) return -1;
    return i;
  }

  private endsField(text: string, i: number): boolean {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) return true;
    return this.sep === -1 ? isBlank(c) : c === this.sep;
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isLineEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === LF || (c === CR && text.charCodeAt(i + 1) === LF);
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) {
    n++;
  }
  return n;
}
