import type { CliIo } from './output'

/** What every command gets: where to write, the environment, and the stop request. */
export interface CommandContext {
  io: CliIo
  env: NodeJS.ProcessEnv
  /** Resolves when the process is asked to stop; long-running commands await it. */
  stopSignal(): Promise<void>
}

/** One command of the table: its words (`["card", "read"]`), usage and a lazily loaded body. */
export interface CommandEntry {
  path: readonly string[]
  /** Flags and operands as typed, e.g. `[--json]`; not translated. */
  synopsis: string
  /** Key of the one-line description in the message catalogue (`cli.usage.*`). */
  summary: string
  /**
   * True for a command that serves until stopped (host, upstream serve, sim card): an unexpected
   * fault in its process is logged and it keeps serving; any other command exits FAILED.
   */
  serves?: true
  /** Loads the command's module on first use (so `--help` loads none) and runs it. */
  run(argv: readonly string[], context: CommandContext): Promise<number>
}

export type CommandLookup =
  | { kind: 'command'; entry: CommandEntry; rest: readonly string[] }
  /** `group` is a known first word (`card`) whose sub-command is missing or unknown. */
  | { kind: 'group'; group: string; entries: CommandEntry[]; sub: string | undefined }
  | { kind: 'unknown'; word: string | undefined }

/** Finds the command `argv` names: the table entry whose words start it. */
export function lookupCommand(
  table: readonly CommandEntry[],
  argv: readonly string[],
): CommandLookup {
  const entry = table.find((e) => e.path.every((word, i) => argv[i] === word))
  if (entry) return { kind: 'command', entry, rest: argv.slice(entry.path.length) }
  const [first, second] = argv
  const entries = table.filter((e) => e.path.length > 1 && e.path[0] === first)
  if (first !== undefined && entries.length > 0) {
    return { kind: 'group', group: first, entries, sub: second }
  }
  return { kind: 'unknown', word: first }
}
