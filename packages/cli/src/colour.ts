import type { Io } from "./io.js";

export interface Colours {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const paint =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const ON: Colours = {
  green: paint(32, 39),
  red: paint(31, 39),
  yellow: paint(33, 39),
  dim: paint(2, 22),
  bold: paint(1, 22),
};
const same = (text: string) => text;
const OFF: Colours = { green: same, red: same, yellow: same, dim: same, bold: same };

/**
 * Colours for a stream: only on a terminal, and never when `--no-color` is given, NO_COLOR
 * is set to anything (no-color.org) or TERM is "dumb".
 */
export function coloursFor(stream: "stdout" | "stderr", io: Io, noColorFlag: boolean): Colours {
  const off = noColorFlag || (io.env.NO_COLOR ?? "") !== "" || io.env.TERM === "dumb" || !io.tty[stream];
  return off ? OFF : ON;
}
