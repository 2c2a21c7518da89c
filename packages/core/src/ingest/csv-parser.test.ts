import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvParser, CsvSyntaxError, type Delimiter } from "./csv-parser.ts";

const comma: Delimiter = { kind: "char", char: "," };

function parse(chunks: string[], delimiter: Delimiter = comma) {
  const out: { line: number; fields: string[]; problem: string | null }[] = [];
  const parser = new CsvParser(delimiter);
  const take = (fields: string[], line: number, problem: string | null) =>
    out.push({ line, fields: [...fields], problem });
  for (const chunk of chunks) parser.push(chunk, take);
  parser.end(take);
  return out;
}

const rows = (text: string, delimiter?: Delimiter) => parse([text], delimiter).map((r) => r.fields);

describe("CsvParser", () => {
  it("splits plain lines, LF or CRLF, with or without a final newline", () => {
    expect(rows("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(rows("a,b\r\n1,2\r\n3,4")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(rows("a,,\n,,\n")).toEqual([
      ["a", "", ""],
      ["", "", ""],
    ]);
  });

  it("reads quoted fields with delimiters, doubled quotes and line breaks", () => {
    expect(rows('id,note\n1,"Smith, J."\n2,"say ""hi"""\n3,"two\r\nlines"\n4,""\n')).toEqual([
      ["id", "note"],
      ["1", "Smith, J."],
      ["2", 'say "hi"'],
      ["3", "two\r\nlines"],
      ["4", ""],
    ]);
  });

  it("numbers records by the line they start on, skipping blank lines", () => {
    const out = parse(['h\n\n"a\nb"\n\r\nc\n']);
    expect(out.map((r) => [r.line, r.fields])).toEqual([
      [1, ["h"]],
      [3, ["a\nb"]],
      [6, ["c"]],
    ]);
  });

  it("drops a byte-order mark and keeps stray quotes inside unquoted fields", () => {
    expect(rows('\uFEFFname,size\n5" disk,"12"cm\n')).toEqual([
      ["name", "size"],
      ['5" disk', "12cm"],
    ]);
  });

  it("reports a quoted field left open at the end of the file", () => {
    const out = parse(['a,b\n1,"open\n2,3\n']);
    expect(out[1]).toEqual({
      line: 2,
      fields: ["1", "open\n2,3\n"],
      problem: "a quoted field is not closed before the end of the file",
    });
  });

  it("gives up on a quote that never closes within the limit", () => {
    const parser = new CsvParser(comma, 100);
    expect(() => parser.push(`a\n"${"x".repeat(200)}`, () => {})).toThrow(CsvSyntaxError);
  });

  it("splits on runs of whitespace, like CDNOW's file", () => {
    const ws: Delimiter = { kind: "whitespace" };
    expect(rows(" customer_id  date n\r\n 00001 19970101  1\r\n\t2\t  3 4  \r\n", ws)).toEqual([
      ["customer_id", "date", "n"],
      ["00001", "19970101", "1"],
      ["2", "3", "4"],
    ]);
    expect(rows('a "b c" d\n', ws)).toEqual([["a", "b c", "d"]]);
  });

  it("takes any one-character delimiter", () => {
    expect(rows("a;b|c\n", { kind: "char", char: ";" })).toEqual([["a", "b|c"]]);
    expect(rows("a\tb c\n", { kind: "char", char: "\t" })).toEqual([["a", "b c"]]);
  });

  it("gives the same records however the input is cut into chunks", () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é", "日") }),
      fc.string(),
    );
    const table = fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (data, cuts, crlf) => {
        const eol = crlf ? "\r\n" : "\n";
        const quote = (f: string) =>
          /[",\r\n]/.test(f) || f === "" ? `"${f.replaceAll('"', '""')}"` : f;
        const text = data.map((r) => r.map(quote).join(",")).join(eol) + eol;
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((p, i) => text.slice(p, [...points, text.length][i]));
        expect(parse(chunks).map((r) => r.fields)).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });
});
