// Generates the client's types from the hand-written specs with openapi-typescript:
// spec/openapi.yaml -> src/generated/schema.ts, spec/iam.yaml -> src/generated/iam.ts.
// `--check` regenerates in memory and fails when a committed file differs (stale).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const targets = [
  ["openapi.yaml", "schema.ts"],
  ["iam.yaml", "iam.ts"],
];
const check = process.argv.includes("--check");

let stale = 0;
for (const [specName, fileName] of targets) {
  const spec = resolve(here, "../../../spec", specName);
  const target = resolve(here, "../src/generated", fileName);
  const header = `// GENERATED from spec/${specName} by packages/client/scripts/generate.mjs.
// Do not edit by hand: change the spec and run \`pnpm generate\`.

`;
  const fresh = header + astToString(await openapiTS(pathToFileURL(spec)));
  const shown = relative(process.cwd(), target);
  if (check) {
    const current = await readFile(target, "utf8").catch(() => "");
    if (current === fresh) {
      console.log(`${shown} is up to date with spec/${specName}`);
    } else {
      console.error(
        `${shown} is stale: it does not match spec/${specName}. Run \`pnpm generate\` and commit the result.`,
      );
      stale++;
    }
  } else {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, fresh);
    console.log(`generated ${shown}`);
  }
}
if (stale > 0) process.exit(1);
