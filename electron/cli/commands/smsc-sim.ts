import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { startSmscSimulator, type ReceivedSms } from '../../../upstream/sms/smsc-simulator'
import { bilingualMessage } from '../../../lib/messages'
import { parseCommandArgs } from '../args'
import { EXIT } from '../exit-codes'
import { CliError, type CliIo } from '../output'

/** The IANA port of SMPP; `--port 0` takes a free one (the URL printed says which). */
const SMPP_PORT = 2775

function portOf(value: string | undefined): number {
  const port = Number(value ?? SMPP_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('cli.errors.invalidPort', {}, EXIT.USAGE, String(value))
  return port
}

function shareOf(flag: string, value: string | undefined): number {
  if (value === undefined) return 0
  const share = /^(0|1|0?\.\d+)$/.test(value) ? Number(value) : NaN
  if (!(share >= 0 && share <= 1))
    throw new CliError('cli.errors.smscSimShare', { flag, value }, EXIT.USAGE)
  return share
}

/** The password of `--password-file`, made (random, mode 0600) when the file does not exist. */
function passwordIn(file: string): string {
  try {
    if (!existsSync(file))
      writeFileSync(file, `${randomBytes(6).toString('base64url')}\n`, { mode: 0o600 })
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '')
  } catch (error) {
    throw new CliError(
      'cli.errors.smscPasswordFile',
      { file },
      EXIT.USAGE,
      (error as Error).message,
    )
  }
}

/** One line of `--out`: what the phone would show, and when it arrived. */
function jsonLine(sms: ReceivedSms, at: Date): string {
  const { msisdn, sourceAddr, text, messageIds } = sms
  return `${JSON.stringify({ at: at.toISOString(), to: msisdn, from: sourceAddr, text, messageIds })}\n`
}

/**
 * `kiosk upstream smsc-sim [--port P] [--host H] [--out FILE.jsonl] [--system-id ID]
 * [--password-file F] [--fail SHARE] [--throttle SHARE]`: a local SMPP 3.4 SMSC until
 * SIGINT/SIGTERM. Prints its URL and each complete message; appends each to --out as a JSON line.
 */
export async function smscSimCommand(
  argv: readonly string[],
  io: CliIo,
  stopSignal: Promise<void>,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    out: { type: 'string' },
    'system-id': { type: 'string' },
    'password-file': { type: 'string' },
    fail: { type: 'string' },
    throttle: { type: 'string' },
  })
  const port = portOf(values.port)
  const host = values.host ?? '127.0.0.1'
  const systemId = values['system-id'] ?? 'training'
  const passwordFile = values['password-file']
  const out = values.out
  if (out !== undefined) {
    try {
      appendFileSync(out, '')
    } catch (error) {
      throw new CliError('cli.errors.smscSimOutFile', { file: out }, EXIT.USAGE, String(error))
    }
  }
  const failShare = shareOf('--fail', values.fail)
  const throttleShare = shareOf('--throttle', values.throttle)
  const simulator = await startSmscSimulator({
    systemId,
    password: passwordFile === undefined ? null : passwordIn(passwordFile),
    host,
    port,
    failShare,
    throttleShare,
    onReceived(sms, at) {
      // The file first: whoever watches the output finds the line already written.
      if (out !== undefined) appendFileSync(out, jsonLine(sms, at))
      io.out(`${bilingualMessage('cli.text.smsTo')} +${sms.msisdn}: ${sms.text}`)
    },
  }).catch((error: unknown) => {
    throw new CliError('cli.errors.couldNotListen', {}, EXIT.FAILED, (error as Error).message)
  })
  const shown = host.includes(':') ? `[${host}]` : host
  io.out(`${bilingualMessage('cli.text.smscSimulator')}: smpp://${shown}:${simulator.port}`)
  io.out(
    passwordFile === undefined
      ? bilingualMessage('cli.text.smscSimAnyPassword', { systemId })
      : bilingualMessage('cli.text.smscSimAccount', { systemId, file: passwordFile }),
  )
  if (out !== undefined) io.out(bilingualMessage('cli.text.smscSimOut', { file: out }))
  await stopSignal
  await simulator.close()
  return 0
}
