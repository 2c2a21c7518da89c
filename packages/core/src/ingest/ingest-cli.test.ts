import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dumpDatabase, runStrata } from "../cli/run-cli-for-test.ts";
import { useTempDir } from "../store/sqlite/test-db.ts";

const here = import.meta.dirname;
const tempDir = useTempDir();

async function strata(db: string, ...argv: string[]) {
  return runStrata(["ingest", ...argv, "--db", db], { cwd: here });
}

describe("strata ingest", () => {
  it("loads customers with typed attributes, then orders, creating unknown customers", async () => {
    const db = join(tempDir(), "s.db");
    const r = await strata(
      db,
      "--customers",
      "fixtures/customers-with-attributes.csv",
      "--orders",
      "fixtures/orders-basic.csv",
    );
    expect(r).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "fixtures/customers-with-attributes.csv: 3 rows read, 3 customers created, 0 updated, 0 unchanged, 0 rejected in 0.00 s (0 rows/s)",
        "fixtures/orders-basic.csv: 4 rows read, 4 inserted, 0 duplicates skipped, 0 rejected, 1 customer created in 0.00 s (0 rows/s)",
        "",
      ].join("\n"),
    });
    const { customers, orders } = await dumpDatabase(db);
    expect(customers).toEqual([
      {
        customer_id: "C001",
        name: "Acme Corp",
        account_manager: "U123",
        attributes: '{"region":"EU","age":41,"zip":"02134"}',
      },
      {
        customer_id: "C002",
        name: "Globex, Inc.",
        account_manager: "ana@example.com",
        attributes: '{"region":"US","zip":90210}',
      },
      {
        customer_id: "C003",
        name: "Initech",
        account_manager: null,
        attributes: '{"region":"EU","age":29}',
      },
      { customer_id: "C004", name: null, account_manager: null, attributes: "{}" },
    ]);
    expect(orders).toEqual([
      {
        order_id: "O1",
        customer_id: "C001",
        order_date: "2024-01-05",
        amount: 120.5,
        profit: 30.1,
        category: "books",
      },
      {
        order_id: "O2",
        customer_id: "C001",
        order_date: "2024-02-10",
        amount: 80,
        profit: null,
        category: "music",
      },
      {
        order_id: "O3",
        customer_id: "C002",
        order_date: "2024-02-11",
        amount: 45.25,
        profit: 5,
        category: "books",
      },
      {
        order_id: "O4",
        customer_id: "C004",
        order_date: "2024-03-01",
        amount: 10,
        profit: 1,
        category: null,
      },
    ]);
  });

  it("adds nothing when the same files are ingested again", async () => {
    const db = join(tempDir(), "s.db");
    const args = [
      "--customers",
      "fixtures/customers-with-attributes.csv",
      "--orders",
      "fixtures/orders-basic.csv",
    ];
    await strata(db, ...args);
    const before = await dumpDatabase(db);
    const again = await strata(db, ...args, "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).files).toMatchObject([
      { kind: "customers", rowsRead: 3, created: 0, updated: 0, unchanged: 3 },
      { kind: "orders", rowsRead: 4, inserted: 0, duplicates: 4, customersCreated: 0 },
    ]);
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it("reads BOM, CRLF, quoted fields and every date format", async () => {
    const db = join(tempDir(), "s.db");
    expect((await strata(db, "--orders", "fixtures/orders-crlf-bom-quoted.csv")).code).toBe(0);
    expect((await dumpDatabase(db)).orders).toEqual([
      {
        order_id: "A1",
        customer_id: "C001",
        order_date: "2024-03-01",
        amount: 10,
        profit: null,
        category: "books, used",
      },
      {
        order_id: "A2",
        customer_id: "C002",
        order_date: "2024-03-02",
        amount: 100,
        profit: null,
        category: "multi\r\nline",
      },
      {
        order_id: "A3",
        customer_id: "C002",
        order_date: "2024-03-03",
        amount: 0.5,
        profit: null,
        category: null,
      },
    ]);
  });

  it("maps other column names and delimiters", async () => {
    const db = join(tempDir(), "s.db");
    const r = await strata(
      db,
      "--orders",
      "fixtures/orders-mapped-semicolon.csv",
      "--delimiter",
      ";",
      ...[
        "--map",
        "order_id=ref",
        "--map",
        "customer_id=client",
        "--map",
        "orders.order_date=date",
      ],
      ...["--map", "amount=total", "--map", "profit=margin"],
    );
    expect(r.code).toBe(0);
    expect((await dumpDatabase(db)).orders).toEqual([
      {
        order_id: "M1",
        customer_id: "C001",
        order_date: "2024-04-01",
        amount: 99.99,
        profit: 9.5,
        category: null,
      },
      {
        order_id: "M2",
        customer_id: "C005",
        order_date: "2024-04-02",
        amount: -20,
        profit: -2,
        category: null,
      },
    ]);
  });

  it("keeps identical rows of an id-less file as separate orders, once", async () => {
    const db = join(tempDir(), "s.db");
    const first = await strata(db, "--orders", "fixtures/orders-no-id.csv", "--json");
    expect(JSON.parse(first.stdout).files[0]).toMatchObject({
      inserted: 4,
      duplicates: 0,
      ignoredColumns: ["quantity"],
    });
    const again = await strata(db, "--orders", "fixtures/orders-no-id.csv", "--json");
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ inserted: 0, duplicates: 4 });
    const { orders } = await dumpDatabase(db);
    expect(orders.map((o) => [o.customer_id, o.amount])).toEqual(
      expect.arrayContaining([
        ["C001", 12],
        ["C001", 12],
        ["C001", 12],
        ["C002", 5.5],
      ]),
    );
    expect(orders.every((o) => /^row:[0-9a-f]{16}-[123]$/.test(String(o.order_id)))).toBe(true);
  });
});

describe("strata ingest with bad rows", () => {
  const bad = "fixtures/orders-bad-rows.csv";
  const notNumber =
    "is not a number (write digits with a dot for decimals, without currency signs or thousands separators)";
  const expected = [
    `${bad}:3: order_date "2024-13-01" is not a date (use YYYY-MM-DD, an ISO date-time or YYYYMMDD)`,
    `${bad}:4: customer_id is empty`,
    `${bad}:5: amount "$12.00" ${notNumber}`,
    `${bad}:6: expected 4 fields like the header, found 3`,
    `${bad}:7: amount "1,234.50" ${notNumber}`,
    `${bad}:9: order_date "05/08/2024" is not a date (use YYYY-MM-DD, an ISO date-time or YYYYMMDD); amount "abc" ${notNumber}`,
  ];

  it("rejects the whole file, lists every bad row and leaves the database as it was", async () => {
    const dir = tempDir();
    const db = join(dir, "s.db");
    await strata(db, "--orders", "fixtures/orders-basic.csv");
    const before = await dumpDatabase(db);
    const r = await strata(db, "--orders", bad, "--rejects", join(dir, "rejects.txt"));
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")).toEqual([
      ...expected,
      `strata ingest: ${bad} has 6 bad rows, so nothing from it was written. Fix them, or pass --skip-bad to ingest the good rows.`,
      "",
    ]);
    expect(r.stdout).toBe(`${bad}: 8 rows read, 6 rejected: nothing from this file was written\n`);
    expect(await dumpDatabase(db)).toEqual(before);
    expect(readFileSync(join(dir, "rejects.txt"), "utf8")).toBe(`${expected.join("\n")}\n`);
  });

  it("ingests the good rows with --skip-bad", async () => {
    const db = join(tempDir(), "s.db");
    const r = await strata(db, "--orders", bad, "--skip-bad");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${expected.join("\n")}\n`);
    expect(r.stdout).toContain(
      "8 rows read, 2 inserted, 0 duplicates skipped, 6 rejected (skipped)",
    );
    expect((await dumpDatabase(db)).orders.map((o) => o.order_id)).toEqual(["B1", "B7"]);
  });

  it("shows the first 20 bad rows and writes all of them with --rejects", async () => {
    const dir = tempDir();
    const file = join(dir, "many-bad.csv");
    const lines = ["order_id,customer_id,order_date,amount"];
    for (let i = 0; i < 25; i++) lines.push(`X${i},C1,2024-01-01,oops${i}`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    const r = await strata(join(dir, "s.db"), "--orders", file);
    const shown = r.stderr.trim().split("\n");
    expect(shown).toHaveLength(22);
    expect(shown[0]).toBe(`${file}:2: amount "oops0" ${notNumber}`);
    expect(shown[19]).toBe(`${file}:21: amount "oops19" ${notNumber}`);
    expect(shown[20]).toBe(`${file}: ... and 5 more; pass --rejects FILE to get them all`);
    const rejects = join(dir, "all.txt");
    const withFile = await strata(join(dir, "s.db"), "--orders", file, "--rejects", rejects);
    expect(withFile.stderr).toContain(`${file}: ... and 5 more, all in ${rejects}`);
    const all = readFileSync(rejects, "utf8").trim().split("\n");
    expect(all).toHaveLength(25);
    expect(all[24]).toBe(`${file}:26: amount "oops24" ${notNumber}`);
  });

  it("stops before orders when the customers file is rejected", async () => {
    const dir = tempDir();
    const customers = join(dir, "customers.csv");
    writeFileSync(customers, "customer_id,name\nC1,Ana\n,Nobody\n");
    const r = await strata(
      join(dir, "s.db"),
      "--customers",
      customers,
      "--orders",
      "fixtures/orders-basic.csv",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${customers}:3: customer_id is empty`);
    expect(await dumpDatabase(join(dir, "s.db"))).toEqual({ customers: [], orders: [] });
  });
});

describe("strata ingest usage errors", () => {
  it("says the customers file was loaded when the orders file then fails", async () => {
    const dir = tempDir();
    const customers = join(dir, "customers.csv");
    writeFileSync(customers, "customer_id,name\nC1,Ana\n");
    writeFileSync(join(dir, "orders.csv"), "order_id,customer_id,order_date\n1,C1,2026-01-01\n");
    const r = await strata(
      join(dir, "s.db"),
      "--customers",
      customers,
      "--orders",
      join(dir, "orders.csv"),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("amount");
    expect(r.stderr).toContain(`(${customers} was loaded before: 1 row)`);
  });

  it("names the missing column and suggests a fix", async () => {
    const dir = tempDir();
    const db = join(dir, "s.db");
    const mapped = await strata(
      db,
      "--orders",
      "fixtures/orders-mapped-semicolon.csv",
      "--delimiter",
      ";",
    );
    expect(mapped.code).toBe(1);
    expect(mapped.stderr).toBe(
      "strata ingest: fixtures/orders-mapped-semicolon.csv:1: no column 'customer_id' in the header (ref, client, date, total, margin). Map another column with --map customer_id=COLUMN.\n",
    );
    const typo = join(dir, "typo.csv");
    writeFileSync(typo, "customer_id,order_date,amont\nC1,2024-01-01,3\n");
    expect((await strata(db, "--orders", typo)).stderr).toContain(
      "no column 'amount' in the header (customer_id, order_date, amont). Did you mean 'amont'? Map it with --map orders.amount=amont.",
    );
    const spaced = join(dir, "spaced.txt");
    writeFileSync(spaced, "customer_id date amount\n1 19970101 3\n");
    expect((await strata(db, "--orders", spaced)).stderr).toContain(
      "The header was read as one column; set --delimiter (e.g. --delimiter whitespace).",
    );
  });

  it("exits 2 on bad flags and missing files, without creating a database", async () => {
    const dir = tempDir();
    const db = join(dir, "s.db");
    expect(await strata(db)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("name a file to ingest"),
    });
    expect(await strata(db, "--orders", "nope.csv")).toMatchObject({
      code: 2,
      stderr: "strata ingest: cannot read nope.csv: no such file\n",
    });
    expect(
      await strata(db, "--orders", "fixtures/orders-basic.csv", "--map", "amout=total"),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown field 'amout' (did you mean 'amount'?)"),
    });
    expect(
      await strata(db, "--orders", "fixtures/orders-basic.csv", "--delimiter", "::"),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--delimiter must be one character"),
    });
    expect(existsSync(db)).toBe(false);
  });

  it("names the line where a file stops being UTF-8, and stores nothing of it", async () => {
    const dir = tempDir();
    const db = join(dir, "s.db");
    expect((await strata(db, "--orders", join(here, "fixtures/orders-basic.csv"))).code).toBe(0);
    const before = await dumpDatabase(db);
    const latin1 = Buffer.concat([
      Buffer.from("order_id,customer_id,order_date,amount\nx1,c1,2026-01-01,5\nx2,Andr"),
      Buffer.from([0xe9]), // é in Latin-1
      Buffer.from(",2026-01-02,6\n"),
    ]);
    writeFileSync(join(dir, "latin1.csv"), latin1);
    const r = await strata(db, "--orders", join(dir, "latin1.csv"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("latin1.csv:3: this line has bytes that are not UTF-8 text");
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it("refuses an empty file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "empty.csv"), "");
    const r = await strata(join(dir, "s.db"), "--orders", join(dir, "empty.csv"));
    expect(r).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("the file is empty (no header row)"),
    });
  });
});

describe("strata ingest environment", () => {
  it("uses STRATA_DB relative to the caller's directory", async () => {
    const dir = tempDir();
    const r = await runStrata(["ingest", "--orders", join(here, "fixtures/orders-basic.csv")], {
      cwd: dir,
      env: { STRATA_DB: "from-env.db" },
    });
    expect(r.code).toBe(0);
    expect((await dumpDatabase(join(dir, "from-env.db"))).orders).toHaveLength(4);
  });

  it("shows progress on a terminal only", async () => {
    const dir = tempDir();
    let ms = 0;
    const now = () => {
      ms += 400;
      return new Date(ms);
    };
    const tty = await runStrata(
      ["ingest", "--orders", join(here, "fixtures/orders-basic.csv"), "--db", join(dir, "a.db")],
      { cwd: dir, isTTY: true, now },
    );
    expect(tty.stderr).toMatch(/orders-basic\.csv {2}100% {2}4 rows {2}\d+ rows\/s {2}ETA 0:00/);
    expect(tty.stderr.endsWith("\r\x1b[K")).toBe(true);
    const piped = await runStrata(
      ["ingest", "--orders", join(here, "fixtures/orders-basic.csv"), "--db", join(dir, "b.db")],
      { cwd: dir, isTTY: false, now },
    );
    expect(piped.stderr).toBe("");
  });
});
