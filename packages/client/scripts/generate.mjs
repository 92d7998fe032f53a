// Generates src/generated/schema.ts from spec/openapi.yaml with openapi-typescript.
// `--check` regenerates in memory and fails when the committed file differs (stale).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const spec = resolve(here, "../../../spec/openapi.yaml");
const target = resolve(here, "../src/generated/schema.ts");
const check = process.argv.includes("--check");

const header = `// GENERATED from spec/openapi.yaml by packages/client/scripts/generate.mjs.
// Do not edit by hand: change the spec and run \`pnpm generate\`.

`;
const ast = await openapiTS(pathToFileURL(spec));
const fresh = header + astToString(ast);
const shown = relative(process.cwd(), target);

if (check) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== fresh) {
    console.error(
      `${shown} is stale: it does not match spec/openapi.yaml. Run \`pnpm generate\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`${shown} is up to date with spec/openapi.yaml`);
} else {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, fresh);
  console.log(`generated ${shown}`);
}
