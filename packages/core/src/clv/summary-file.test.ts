import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../store/sqlite/test-db.ts";
import { readSummaryFile } from "./summary-file.ts";

const tempDir = useTempDir();

function file(text: string) {
  const path = join(tempDir(), "summary.csv");
  writeFileSync(path, text);
  return path;
}

async function failure(text: string) {
  try {
    await readSummaryFile(file(text), "summary.csv");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("readSummaryFile", () => {
  it("reads frequency, recency and T by header name, in any column order and case", async () => {
    const data = await readSummaryFile(
      file("T,Recency,ID,FREQUENCY\n38.86,30.43,1,2\n38.86,0,2,0\n"),
    );
    expect([...data.x]).toEqual([2, 0]);
    expect([...data.tx]).toEqual([30.43, 0]);
    expect([...data.T]).toEqual([38.86, 38.86]);
    expect(data.maxX).toBe(2);
  });

  it("names the file, line and column of a bad value", async () => {
    expect(await failure("ID,frequency,recency,T\n1,2,30.43,38.86\n2,two,1,38.86\n")).toBe(
      'summary.csv:3:2: frequency must be a number, not "two"',
    );
    expect(await failure("ID,frequency,recency,T\n1,2,40,38.86\n")).toBe(
      "summary.csv:2: recency must be between 0 and T (38.86), not 40",
    );
    expect(await failure("ID,frequency,recency,T\n1,1.5,3,38.86\n")).toBe(
      "summary.csv:2: frequency must be a whole number ≥ 0, not 1.5",
    );
  });

  it("says which column the header lacks", async () => {
    expect(await failure("ID,frequency,T\n1,2,38.86\n")).toBe(
      "summary.csv:1: no recency column; the header needs frequency, recency and T (found: ID, frequency, T)",
    );
    expect(await failure("")).toBe("summary.csv is empty: it needs a header row");
  });
});
