import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { CliError } from '../../output'
import { EXIT } from '../../exit-codes'
import { bilingualMessage } from '../../../../lib/messages'

/**
 * Reads passwords from standard input, never from a flag or the environment: one line each when
 * piped; at a terminal, a prompt on stderr with nothing echoed.
 */
export function createSecretReader(input: NodeJS.ReadableStream = process.stdin) {
  const lines: string[] = []
  const waiting: ((line: string | null) => void)[] = []
  let ended = false
  const tty = (input as { isTTY?: boolean }).isTTY === true
  const muted = new Writable({ write: (_chunk, _enc, done) => done() })
  const rl = createInterface({ input, output: tty ? muted : undefined, terminal: tty })
  rl.on('line', (line) => {
    const next = waiting.shift()
    if (next) next(line)
    else lines.push(line)
  })
  rl.on('close', () => {
    ended = true
    for (const next of waiting.splice(0)) next(null)
  })
  return {
    async read(promptKey: string, params: Record<string, string> = {}): Promise<string> {
      if (tty) process.stderr.write(`${bilingualMessage(promptKey, params)}: `)
      const line =
        lines.shift() ?? (ended ? null : await new Promise<string | null>((r) => waiting.push(r)))
      if (tty) process.stderr.write('\n')
      if (line === null || line.length === 0)
        throw new CliError('cli.errors.noPasswordOnStdin', {}, EXIT.USAGE)
      return line
    },
    close: () => rl.close(),
  }
}
export type SecretReader = ReturnType<typeof createSecretReader>
