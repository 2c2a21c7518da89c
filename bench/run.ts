/**
 * `pnpm bench [NAME...] [-- options]`: runs the benchmarks (all by default). They print
 * figures and ratios against peers measured in the same run, and never fail.
 */
const BENCHES: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  rules: () => import("./rules.bench.ts"),
  engine: () => import("./engine.bench.ts"),
  kmeans: () => import("./kmeans.bench.ts"),
  bgnbd: () => import("./bgnbd.bench.ts"),
  suggest: () => import("./suggest.bench.ts"),
  slack: () => import("./slack.bench.ts"),
  vscode: () => import("./vscode.bench.ts"),
};

const args = process.argv.slice(2);
const names = args.filter((a) => a in BENCHES);
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const bench = await BENCHES[name]?.();
  try {
    await bench?.run(args.filter((a) => !(a in BENCHES)));
  } catch (error) {
    console.log(
      `bench ${name} could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
