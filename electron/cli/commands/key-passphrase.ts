import { passphraseFileFlag, passphraseSourceOf, type KeyProtectionOptions } from '../../core/keys'
import { bilingualMessage } from '../../../lib/messages'

/**
 * What the CLI and the host offer for the station keys: `--passphrase-file`, else
 * KIOSK_KEY_PASSPHRASE_FILE, else a prompt when stdin is a terminal (asked only if the station
 * chooses the passphrase protector).
 */
export function cliKeyProtection(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadStream = process.stdin,
): KeyProtectionOptions {
  const prompt = stdin.isTTY
    ? () => readHidden(bilingualMessage('cli.text.keyPassphrasePrompt'), stdin)
    : null
  const passphrase = passphraseSourceOf(passphraseFileFlag(argv), env, prompt)
  return passphrase ? { passphrase } : {}
}

/** Reads one line from the terminal without echoing it; Ctrl-C or Ctrl-D gives up (empty). */
export function readHidden(
  prompt: string,
  stdin: NodeJS.ReadStream,
  out: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  return new Promise((resolve) => {
    let typed = ''
    out.write(`${prompt}: `)
    stdin.setRawMode(true)
    stdin.resume()
    const finish = (value: string) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      out.write('\n')
      resolve(value)
    }
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(typed)
        if (char === '\u0003' || char === '\u0004') return finish('')
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('')
        else typed += char
      }
    }
    stdin.on('data', onData)
  })
}
