import { REGIONS } from "@geminidb-kit/client/regions";
import { closest, type FlagSpec, type FlagSpecs, parseArgs } from "../args.js";
import { UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { COMPLETION_HELP } from "../help.js";
import type { Io } from "../io.js";
import { quoted } from "../output.js";
import { COMMANDS, COMPLETION_FLAGS, type CommandSpec, OUTPUT_FORMATS, SHELLS } from "./specs.js";

/** `geminidb completion bash|zsh|fish`: a completion script made from the command specs. */
export async function completion(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, COMPLETION_FLAGS, "completion");
  if (flags.help) {
    io.stdout(COMPLETION_HELP);
    return ExitCode.Success;
  }
  const [shell, extra] = positionals;
  if (shell === undefined) throw new UsageError("missing shell: bash, zsh or fish", "completion");
  if (extra !== undefined) throw new UsageError(`unexpected argument ${quoted(extra)}`, "completion");
  const script = shell === "bash" ? bash() : shell === "zsh" ? zsh() : shell === "fish" ? fish() : undefined;
  if (script === undefined) {
    const guess = closest(shell, SHELLS);
    throw new UsageError(
      `unknown shell ${quoted(shell)}: use ${SHELLS.join(", ")}${guess ? ` (did you mean "${guess}"?)` : ""}`,
      "completion",
    );
  }
  io.stdout(script);
  return ExitCode.Success;
}

/** Each command that takes flags, by its path: `data-dump open`, `config`... */
function leaves(commands: readonly CommandSpec[] = COMMANDS, prefix: string[] = []): [string[], CommandSpec][] {
  return commands.flatMap((command) => {
    const path = [...prefix, command.name];
    return command.subcommands ? leaves(command.subcommands, path) : [[path, command] as [string[], CommandSpec]];
  });
}

const ROOT_FLAGS = ["--help", "--version"];

/** The words to offer for a flag's value, if a fixed list. */
function valuesOf(spec: FlagSpec): readonly string[] | undefined {
  if (spec.complete === "regions") return REGIONS;
  if (spec.complete === "outputs") return OUTPUT_FORMATS;
  if (spec.complete === "shells") return SHELLS;
  return undefined;
}

/** Every flag that takes a value, across all commands (a name means the same everywhere). */
function valueFlags(): Map<string, FlagSpec> {
  const all = new Map<string, FlagSpec>();
  for (const [, command] of leaves()) {
    for (const [name, spec] of Object.entries(command.flags ?? {})) if (spec.type === "string") all.set(name, spec);
  }
  return all;
}

function flagWords(flags: FlagSpecs | undefined): string {
  return Object.entries(flags ?? {})
    .flatMap(([name, spec]) => (spec.short ? [`--${name}`, `-${spec.short}`] : [`--${name}`]))
    .join(" ");
}

function bash(): string {
  const valueCases = [...valueFlags()].map(([name, spec]) => {
    const values = valuesOf(spec);
    const reply = values
      ? `COMPREPLY=($(compgen -W "${values.join(" ")}" -- "$cur"))`
      : spec.complete === "files"
        ? `COMPREPLY=($(compgen -f -- "$cur"))`
        : "COMPREPLY=()";
    return `    --${name}) ${reply}; return ;;`;
  });
  const commandCases = COMMANDS.map((command) => {
    if (command.subcommands) {
      const subs = command.subcommands.map((sub) => sub.name).join(" ");
      const subCases = command.subcommands.map(
        (sub) => `        ${sub.name}) COMPREPLY=($(compgen -W "${flagWords(sub.flags)}" -- "$cur")) ;;`,
      );
      return [
        `    ${command.name})`,
        `      if ((COMP_CWORD == 2)); then COMPREPLY=($(compgen -W "${subs} --help" -- "$cur")); return; fi`,
        `      case "\${COMP_WORDS[2]}" in`,
        ...subCases,
        "      esac ;;",
      ].join("\n");
    }
    const args = command.argument ? `${command.argument.join(" ")} ` : "";
    return `    ${command.name}) COMPREPLY=($(compgen -W "${args}${flagWords(command.flags)}" -- "$cur")) ;;`;
  });
  return `# bash completion for geminidb: source <(geminidb completion bash)
_geminidb() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${valueCases.join("\n")}
  esac
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "${COMMANDS.map((c) => c.name).join(" ")} help ${ROOT_FLAGS.join(" ")}" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${commandCases.join("\n")}
  esac
}
complete -o default -F _geminidb geminidb
`;
}

/** Text safe inside a zsh single-quoted _arguments/_describe spec. */
function zshText(text: string): string {
  return text
    .replace(/[[\]:]/g, " ")
    .replace(/'/g, "'\\''")
    .replace(/\s+/g, " ")
    .trim();
}

function zshArguments(flags: FlagSpecs | undefined): string {
  const specs = Object.entries(flags ?? {}).map(([name, spec]) => {
    const description = zshText(spec.help ?? "");
    const values = valuesOf(spec);
    const action = values ? `(${values.join(" ")})` : spec.complete === "files" ? "_files" : " ";
    const tail = spec.type === "boolean" ? "" : `:${zshText(spec.value ?? "value")}:${action}`;
    if (spec.short) return `'(-${spec.short} --${name})'{-${spec.short},--${name}}'[${description}]${tail}'`;
    return `'${spec.multiple ? "*" : ""}--${name}[${description}]${tail}'`;
  });
  return specs.map((spec) => `      ${spec}`).join(" \\\n");
}

function zsh(): string {
  const describe = (list: readonly CommandSpec[]) => list.map((c) => `'${c.name}:${zshText(c.summary)}'`).join(" ");
  const cases = COMMANDS.map((command) => {
    if (command.subcommands) {
      const subCases = command.subcommands.map(
        (sub) => `        ${sub.name})\n          _arguments -s \\\n${zshArguments(sub.flags)} ;;`,
      );
      return [
        `    ${command.name})`,
        `      if (( CURRENT == 3 )); then local -a subs=(${describe(command.subcommands)}); _describe -t commands '${command.name} command' subs; return; fi`,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own parameter expansion
        '      words=("${(@)words[3,-1]}"); (( CURRENT -= 2 ))',
        '      case "$words[1]" in',
        ...subCases,
        "      esac ;;",
      ].join("\n");
    }
    const argument = command.argument ? ` \\\n      '1:shell:(${command.argument.join(" ")})'` : "";
    return [
      `    ${command.name})`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own \${...}, not a template
      '      words=("${(@)words[2,-1]}"); (( CURRENT -= 1 ))',
      `      _arguments -s \\\n${zshArguments(command.flags)}${argument} ;;`,
    ].join("\n");
  });
  return `#compdef geminidb
# zsh completion for geminidb: geminidb completion zsh > "\${fpath[1]}/_geminidb"
_geminidb() {
  if (( CURRENT == 2 )); then
    local -a commands=(${describe(COMMANDS)} 'help:show help for a command')
    _describe -t commands 'geminidb command' commands
    return
  fi
  case "$words[2]" in
${cases.join("\n")}
  esac
}
if [[ "\${funcstack[1]}" == _geminidb ]]; then _geminidb "$@"; else compdef _geminidb geminidb; fi
`;
}

/** Text safe inside fish single quotes. */
function fishText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
}

function fish(): string {
  const lines = [
    "# fish completion for geminidb: geminidb completion fish > ~/.config/fish/completions/geminidb.fish",
    "complete -c geminidb -f",
  ];
  const topNames = COMMANDS.map((c) => c.name).join(" ");
  for (const command of COMMANDS) {
    lines.push(
      `complete -c geminidb -n 'not __fish_seen_subcommand_from ${topNames}' -a ${command.name} -d '${fishText(command.summary)}'`,
    );
  }
  for (const command of COMMANDS) {
    const subNames = command.subcommands?.map((s) => s.name).join(" ");
    for (const sub of command.subcommands ?? []) {
      lines.push(
        `complete -c geminidb -n '__fish_seen_subcommand_from ${command.name}; and not __fish_seen_subcommand_from ${subNames}' -a ${sub.name} -d '${fishText(sub.summary)}'`,
      );
    }
    if (command.argument) {
      lines.push(
        `complete -c geminidb -n '__fish_seen_subcommand_from ${command.name}; and not __fish_seen_subcommand_from ${command.argument.join(" ")}' -a '${command.argument.join(" ")}'`,
      );
    }
  }
  for (const [path, command] of leaves()) {
    const condition =
      path.length === 1
        ? `__fish_seen_subcommand_from ${path[0]}`
        : `__fish_seen_subcommand_from ${path[0]}; and __fish_seen_subcommand_from ${path[1]}`;
    for (const [name, spec] of Object.entries(command.flags ?? {})) {
      const short = spec.short ? ` -s ${spec.short}` : "";
      const values = valuesOf(spec);
      const takes =
        spec.type === "boolean"
          ? ""
          : values
            ? ` -x -a '${values.join(" ")}'`
            : spec.complete === "files"
              ? " -r -F"
              : " -x";
      lines.push(`complete -c geminidb -n '${condition}' -l ${name}${short}${takes} -d '${fishText(spec.help ?? "")}'`);
    }
  }
  return `${lines.join("\n")}\n`;
}
