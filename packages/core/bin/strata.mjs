#!/usr/bin/env node
// The core package is source-first: run the TypeScript CLI through tsx's loader.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/strata.ts");
