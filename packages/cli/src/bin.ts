import { run } from "./main.js";

// A closed pipe (`geminidb ... | head -c0`) or a full disk must not end in a stack trace;
// the exit code still says what happened to the instance.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", () => {});
}

const code = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;
