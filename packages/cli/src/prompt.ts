/** The user pressed Ctrl-C at a prompt. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
}

/**
 * Asks for a secret on the terminal without echoing it. Undefined when there is no
 * terminal to ask on (stdin or stderr redirected), so callers can say what to set instead.
 */
export function promptSecret(question: string): Promise<string | undefined> {
  const input = process.stdin;
  if (!input.isTTY || !process.stderr.isTTY) return Promise.resolve(undefined);
  // Echo goes off before the question appears: nothing typed after it can show.
  input.setRawMode(true);
  input.setEncoding("utf8");
  input.resume();
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let answer = "";
    let inEscape = false;
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (inEscape) {
          // Skip the rest of an escape sequence (arrow keys and the like): ESC [ ... final letter.
          if (/[A-Za-z~]/.test(char)) inEscape = false;
          continue;
        }
        if (char === "\r" || char === "\n" || char === "\u0004") return done();
        if (char === "\u0003") return done(new InterruptedError("interrupted"));
        if (char === "\u001b") inEscape = true;
        else if (char === "\u007f" || char === "\b") answer = answer.slice(0, -1);
        else if (char >= " ") answer += char;
      }
    };
    input.on("data", onData);
  });
}
