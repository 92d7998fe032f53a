// Text from the command line or from the server is shown through these before it reaches
// a terminal: a newline or an escape sequence in a value must not break the one-line
// error or drive the terminal.

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with control and bidi characters escaped as \uXXXX. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `text` in double quotes, escaped like a JSON string and cut to a readable length. */
export function quoted(text: string): string {
  return printable(JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text));
}
