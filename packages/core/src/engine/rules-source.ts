import { readFile } from "node:fs/promises";
import { StrataError } from "../errors.ts";
import type { EngineStore } from "./engine-store.ts";
import { loadRules } from "./load-rules.ts";
import type { Rules } from "./run-rules.ts";

/**
 * Reads and validates the rule file at `path` (shown as `name` in messages), checking names
 * against the data's attributes. Throws StrataError("file-not-found") or ("invalid-rules").
 */
export async function rulesFromPath(
  engine: EngineStore,
  path: string,
  name = path,
): Promise<Rules> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new StrataError("file-not-found", `cannot read rule file ${name}`);
  }
  return { file: loadRules(text, name, await engine.attributeTypes()), text, path: name };
}

/**
 * Returns the rules of the latest recorded run, validated again against the data; parsed
 * once per run, so asking after a new run picks up its rules. Each call of the returned
 * function throws StrataError("usage") while no run is recorded.
 */
export function latestRunRules(engine: EngineStore): () => Promise<Rules> {
  let cached: { runId: number; rules: Rules } | undefined;
  return async () => {
    const latest = await engine.latestRun();
    if (!latest) {
      throw new StrataError(
        "usage",
        "no run is recorded yet: run 'strata run RULES' first, or name a rule file",
      );
    }
    if (cached?.runId !== latest.runId) {
      const name = latest.rulesPath ?? "(rules of the latest run)";
      const file = loadRules(latest.rulesText, name, await engine.attributeTypes());
      cached = {
        runId: latest.runId,
        rules: { file, text: latest.rulesText, path: latest.rulesPath },
      };
    }
    return cached.rules;
  };
}
