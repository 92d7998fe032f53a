// The size budget of the CLI: the one bundled file users install must stay within 150 kB.
import { statSync } from "node:fs";

const BUDGET = 150 * 1024;
const { size } = statSync("dist/geminidb.cjs");
const verdict = size <= BUDGET ? "within" : "OVER";
console.log(`@geminidb-kit/cli bundle dist/geminidb.cjs: ${size} B: ${verdict} the budget of ${BUDGET} B`);
if (size > BUDGET) process.exitCode = 1;
