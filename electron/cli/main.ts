import { bilingualMessage } from '../../lib/messages'
import { installProcessGuard, type FaultLogger, type GuardedProcess } from '../../lib/process-guard'
import { createStderrLogger } from '../core/log'
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

export interface KioskProcessOptions {
  target?: GuardedProcess
  io?: CliIo
  log?: FaultLogger
  exit?: (code: number) => void
}

/**
 * Installs the process guard for the command `argv` names: a fault nobody caught is logged; a
 * serving command (host, upstream serve, sim card) carries on, any other prints one bilingual
 * line and exits FAILED rather than finishing with half its work silently lost.
 */
export function guardKioskProcess(
  argv: readonly string[],
  options: KioskProcessOptions = {},
): () => void {
  const found = lookupCommand(KIOSK_COMMANDS, argv)
  const serves = found.kind === 'command' && found.entry.serves === true
  const io = options.io ?? processIo
  const exit = options.exit ?? ((code: number) => process.exit(code))
  return installProcessGuard({
    target: options.target ?? process,
    log: options.log ?? createStderrLogger(),
    ...(serves
      ? {}
      : {
          afterFault: (fault) => {
            io.err(`${bilingualMessage('cli.errors.unexpected')}: ${fault.error}`)
            exit(EXIT.FAILED)
          },
        }),
  })
}

/** The `kiosk` process (bin/kiosk.js): the process guard, then the command. */
export async function runKioskProcess(argv: readonly string[]): Promise<number> {
  guardKioskProcess(argv)
  return runCli(argv)
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
