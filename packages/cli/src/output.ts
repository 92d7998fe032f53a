// Text from the command line or from the server is shown through these before it reaches
// a terminal: a newline or an escape sequence in a value must not break the one-line
// error or drive the terminal.

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `text` with control and bidi characters escaped as \uXXXX. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `text` cut to a readable length. */
export function cut(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** `text` in double quotes, escaped like a JSON string and cut to a readable length. */
export function quoted(text: string): string {
  return printable(JSON.stringify(cut(text)));
}
