import { run } from "./main.js";
import { InterruptedError } from "./prompt.js";

// A closed pipe (`geminidb ... | head -c0`) or a full disk must not end in a stack trace;
// the exit code still says what happened to the instance.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", () => {});
}

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  tty: {
    stdin: process.stdin.isTTY === true,
    stdout: process.stdout.isTTY === true,
    stderr: process.stderr.isTTY === true,
  },
  columns: () => process.stderr.columns || 80,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  // readline is loaded only when a question is asked: it costs every start otherwise.
  ask: async (question) => {
    const { createInterface } = await import("node:readline");
    return new Promise((resolve, reject) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      let settled = false;
      rl.on("SIGINT", () => {
        settled = true;
        rl.close();
        process.stderr.write("\n");
        reject(new InterruptedError("interrupted"));
      });
      // Ctrl-D (end of input) is no answer: the same as "no".
      rl.on("close", () => {
        if (settled) return;
        settled = true;
        process.stderr.write("\n");
        resolve("");
      });
      rl.question(question, (answer) => {
        settled = true;
        rl.close();
        resolve(answer);
      });
    });
  },
  onInterrupt: (handler) => {
    process.on("SIGINT", handler);
    return () => process.off("SIGINT", handler);
  },
}).then((code) => {
  process.exitCode = code;
});
