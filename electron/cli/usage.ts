import { bilingualMessage } from '../../lib/messages'
import type { CommandEntry } from './command-table'
import { EXIT } from './exit-codes'

const CONFIG_FLAGS = [
  ['--data-dir DIR (--data)', 'KIOSK_DATA_DIR'],
  ['--devices auto|simulated|real', 'KIOSK_DEVICES'],
  ['--upstream-url URL', 'KIOSK_UPSTREAM_URL'],
  ['--lang vi|en', 'KIOSK_LANG'],
  // The station keys' passphrase, for runs with no terminal to type it on (never the passphrase).
  ['--passphrase-file PATH', 'KIOSK_KEY_PASSPHRASE_FILE'],
] as const

/** The usage of some commands: synopsis, then the description in both languages. */
export function formatCommands(entries: readonly CommandEntry[]): string {
  return entries
    .map((e) => `  kiosk ${e.path.join(' ')} ${e.synopsis}\n      ${bilingualMessage(e.summary)}`)
    .join('\n')
}

/** `kiosk --help`: every command, the exit codes and the configuration flags. */
export function formatUsage(entries: readonly CommandEntry[]): string {
  const exitCodes = Object.entries(EXIT).map(
    ([name, code]) => `  ${String(code).padStart(2)}  ${bilingualMessage(`cli.exit.${name}`)}`,
  )
  const flags = CONFIG_FLAGS.map(([flag, variable]) => `  ${flag.padEnd(32)}${variable}`)
  return [
    bilingualMessage('cli.usage.title'),
    '',
    formatCommands(entries),
    '',
    `${bilingualMessage('cli.usage.exitCodes')}:`,
    ...exitCodes,
    '',
    `${bilingualMessage('cli.usage.configFlags')}:`,
    ...flags,
    `  ${bilingualMessage('cli.usage.upstreamDataDir')}`,
    `  ${bilingualMessage('cli.usage.upstreamKeysDir')}`,
  ].join('\n')
}
