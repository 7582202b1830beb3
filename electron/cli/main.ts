import { bilingualMessage } from '../../lib/messages'
import { lookupCommand, type CommandEntry } from './command-table'
import { KIOSK_COMMANDS } from './commands'
import { EXIT } from './exit-codes'
import { CliError, processIo, type CliIo } from './output'
import { formatCommands, formatUsage } from './usage'

export interface CliContext {
  io?: CliIo
  env?: NodeJS.ProcessEnv
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  stopSignal?: Promise<void>
}

const HELP_WORDS = new Set(['help', '--help', '-h'])

/** Runs one `kiosk` command and returns its exit code (EXIT). Errors become one bilingual line. */
export async function runCli(argv: readonly string[], context: CliContext = {}): Promise<number> {
  const io = context.io ?? processIo
  const env = context.env ?? process.env
  let stop: Promise<void> | undefined = context.stopSignal
  const stopSignal = () => (stop ??= untilSignalled())
  const found = lookupCommand(KIOSK_COMMANDS, argv)
  if (found.kind === 'unknown' && (found.word === undefined || HELP_WORDS.has(found.word))) {
    io.out(formatUsage(KIOSK_COMMANDS))
    return found.word === undefined ? EXIT.USAGE : EXIT.OK
  }
  if (found.kind === 'group' && (found.sub === undefined || HELP_WORDS.has(found.sub))) {
    io.out(formatCommands(found.entries))
    return found.sub === undefined ? EXIT.USAGE : EXIT.OK
  }
  if (found.kind !== 'command') {
    const error =
      found.kind === 'group'
        ? new CliError(
            'cli.errors.unknownSubcommand',
            { group: found.group },
            EXIT.USAGE,
            found.sub,
          )
        : new CliError('cli.errors.unknownCommand', {}, EXIT.USAGE, found.word)
    return report(error, io, found.kind === 'group' ? found.entries : KIOSK_COMMANDS)
  }
  try {
    return await found.entry.run(found.rest, { io, env, stopSignal })
  } catch (error) {
    return report(error, io, [found.entry])
  }
}

/** Prints an error as one bilingual line, and after a usage error the usage of `entries`. */
function report(error: unknown, io: CliIo, entries: readonly CommandEntry[]): number {
  if (!(error instanceof CliError)) {
    io.err(
      `${bilingualMessage('cli.errors.unexpected')}: ${error instanceof Error ? error.message : String(error)}`,
    )
    return EXIT.FAILED
  }
  io.err(error.message)
  if (error.exitCode === EXIT.USAGE) io.err(formatCommands(entries))
  return error.exitCode
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}
