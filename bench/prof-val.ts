import { validateRuleText } from "@strata/core/portable";
import { tierFile } from "./rules.bench.ts";

const text = tierFile(3, 100);
for (let i = 0; i < 5; i++) validateRuleText(text);
const t = performance.now();
for (let i = 0; i < 30; i++) validateRuleText(text, { attributes: { region: "string" } });
console.log(((performance.now() - t) / 30).toFixed(1), "ms");
