// Loaded with --import into a strata process the benchmarks time: on exit, prints the
// process's peak resident memory as a last stderr line `peak-rss-kb=N`.
process.on("exit", () => {
  process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
