import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  CaptureService,
  isNoDeviceError,
  parseDeviceSpec,
  readTrustFile,
  scannerSource,
  type CaptureEvent,
  type CaptureResult,
  FINGER_NAMES,
  type FingerName,
} from '../../../drivers/fingerprint'
import { buildFingerImageRecord, FingerprintError } from '../../../drivers/fingerprint'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { loadCliConfig } from './load-config'
import { EXIT, type ExitCode } from '../exit-codes'
import { bilingualMessage } from '../../../lib/messages'

const OPTIONS = {
  finger: { type: 'string' },
  device: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  baud: { type: 'string' },
  attempts: { type: 'string' },
  timeout: { type: 'string' },
  trust: { type: 'string' },
  citizen: { type: 'string' },
  format: { type: 'string' },
} as const

type CaptureFlags = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values']
type RecordEncoding = 'png' | 'jpeg2000-lossless' | 'wsq'

/**
 * `kiosk fp capture --finger NAME --device SPEC [--out DIR] [--json]`: one finger, with retries;
 * writes an ISO/IEC 19794-4 record and prints what was captured. Exit 0 when the image is good
 * enough, EXIT.NO_DEVICE when no device answers, EXIT.FAILED otherwise (one bilingual line).
 */
export async function fpCaptureCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS)
  const { config } = loadCliConfig(argv, env)
  const { finger, deviceText, encoding } = checkCaptureFlags(values, config.devices)
  const source = await fingerprintCall(() =>
    scannerSource(parseDeviceSpec(deviceText), {
      ...(values.baud ? { baudRate: positiveInt(values.baud, '--baud') } : {}),
      ...(values.trust ? { trust: readTrustFile(values.trust) } : {}),
      transactionId: `kiosk-cli-${Date.now()}`,
      simulator: { citizenId: values.citizen ?? 'training-citizen' },
    }),
  )
  const service = new CaptureService({ openScanner: () => source.open(), reconnectDelayMs: 1000 })
  try {
    await fingerprintCall(() => service.connect(), EXIT.NO_DEVICE)
    const result = await fingerprintCall(() =>
      service.capture({
        finger,
        ...(values.attempts ? { maxAttempts: positiveInt(values.attempts, '--attempts') } : {}),
        ...(values.timeout
          ? { fingerTimeoutMs: positiveInt(values.timeout, '--timeout') * 1000 }
          : {}),
        onEvent: values.json ? undefined : progressPrinter(io),
      }),
    )
    const record = result.deviceRecord ?? (await fingerRecord(result, encoding))
    const outDir = resolve(values.out ?? '.')
    mkdirSync(outDir, { recursive: true })
    const recordPath = join(outDir, `${result.finger}.iso`)
    writeFileSync(recordPath, record)
    const summary = summarise(result, recordPath, record.length)
    io.out(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary))
    if (!result.accepted) {
      const detail = `${result.quality.score} (${result.quality.source}) after ${result.attempts.length} attempts`
      throw new CliError('cli.errors.fingerprintQualityBelowTheThreshold', {}, EXIT.FAILED, detail)
    }
    return EXIT.OK
  } finally {
    await service.close()
    await source.dispose()
  }
}

/** The finger, the device (the simulator unless devices are real) and the record's encoding. */
function checkCaptureFlags(
  values: CaptureFlags,
  devices: string,
): { finger: FingerName; deviceText: string; encoding: RecordEncoding } {
  const finger = values.finger
  if (!finger || !(FINGER_NAMES as string[]).includes(finger)) {
    const detail = `${finger ?? '(none)'}; one of ${FINGER_NAMES.join(', ')}`
    throw new CliError('cli.errors.invalidFingerName', {}, EXIT.USAGE, detail)
  }
  const deviceText = values.device ?? (devices === 'real' ? undefined : 'sim')
  if (!deviceText) {
    const detail = '--device serial:PATH|hid:VID:PID|sbi'
    throw new CliError('cli.errors.noDeviceGiven', {}, EXIT.USAGE, detail)
  }
  // The configured devices decide, as for card read: no real scanner in training, no simulator
  // in real mode ("auto" takes either).
  const simulatorSpec = deviceText === 'sim' || deviceText.startsWith('sim:')
  if (devices === 'simulated' && !simulatorSpec) {
    throw new CliError('cli.errors.deviceNeedsReal', {}, EXIT.USAGE, `--device ${deviceText}`)
  }
  if (devices === 'real' && simulatorSpec) {
    throw new CliError(
      'cli.errors.simulatorNeedsSimulation',
      {},
      EXIT.USAGE,
      `--device ${deviceText}`,
    )
  }
  const encoding = values.format ? FORMAT_ENCODINGS[values.format] : 'jpeg2000-lossless'
  if (!encoding) {
    const detail = `${values.format} (${Object.keys(FORMAT_ENCODINGS).join('|')})`
    throw new CliError('cli.errors.invalidFormat', {}, EXIT.USAGE, detail)
  }
  return { finger: finger as FingerName, deviceText, encoding }
}

/** `--format` names → the record's image encoding (WSQ: what most AFIS back ends still ask for). */
const FORMAT_ENCODINGS: Readonly<Record<string, RecordEncoding | undefined>> = {
  jp2: 'jpeg2000-lossless',
  png: 'png',
  wsq: 'wsq',
}

/** The ISO/IEC 19794-4 record of a capture whose device gave none. */
function fingerRecord(result: CaptureResult, encoding: RecordEncoding): Promise<Uint8Array> {
  const quality =
    result.quality.source === 'device-nfiq2'
      ? { quality: { score: result.quality.score, source: result.quality.source } }
      : {}
  return buildFingerImageRecord(
    [{ finger: result.finger, image: result.image, captureTime: new Date(), ...quality }],
    { encoding },
  )
}

function summarise(result: CaptureResult, record: string, recordBytes: number) {
  return {
    finger: result.finger,
    /** 0–100; `qualitySource` says whose: the device's NFIQ 2, or the kiosk's own score (not NFIQ 2). */
    quality: result.quality.score,
    qualitySource: result.quality.source,
    accepted: result.accepted,
    width: result.image.width,
    height: result.image.height,
    ppi: result.image.ppi,
    bytesOnWire: result.bytesOnWire,
    elapsedMs: Math.round(result.elapsedMs),
    attempts: result.attempts.length,
    retries: result.attempts
      .filter((a) => a.outcome === 'retry')
      .map((a) => ({ attempt: a.attempt, reason: a.reason, ...(a.code ? { code: a.code } : {}) })),
    device: result.scanner,
    record,
    recordBytes,
  }
}

function formatSummary(s: ReturnType<typeof summarise>): string {
  const label =
    s.qualitySource === 'device-nfiq2' ? 'NFIQ 2 (device)' : 'kiosk quality score, not NFIQ 2'
  return [
    `${s.finger}: quality ${s.quality} (${label}), ${s.width}×${s.height} at ${s.ppi} ppi`,
    `  ${s.bytesOnWire} bytes on the wire, ${s.elapsedMs} ms, ${s.attempts} attempt(s) on ${s.device.transport}`,
    `  ${bilingualMessage('cli.text.record')}: ${s.record} (${s.recordBytes} bytes)`,
  ].join('\n')
}

function progressPrinter(io: CliIo): (event: CaptureEvent) => void {
  let lastPercent = -1
  return (event) => {
    if (event.type === 'state' && event.state === 'awaiting-finger') {
      io.out(bilingualMessage('cli.text.placeTheFingerOnThe'))
    } else if (event.type === 'progress' && event.bytesTotal > 0) {
      const percent = Math.floor((100 * event.bytesReceived) / event.bytesTotal / 25) * 25
      if (percent !== lastPercent) {
        lastPercent = percent
        io.out(`  ${percent}% (${event.bytesReceived}/${event.bytesTotal} bytes)`)
      }
    } else if (event.type === 'retry') {
      lastPercent = -1
      io.out(`${bilingualMessage('cli.text.retry')} (${event.reason}): ${event.message}`)
    } else if (event.type === 'state' && event.state === 'awaiting-lift') {
      io.out(bilingualMessage('cli.text.liftTheFinger'))
    }
  }
}

/** Runs a device step; its typed errors become one bilingual CLI line with an exit code. */
async function fingerprintCall<T>(
  fn: () => Promise<T>,
  noDeviceCode: ExitCode = EXIT.FAILED,
): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof FingerprintError) {
      const noDevice = noDeviceCode === EXIT.NO_DEVICE && isNoDeviceError(error)
      throw CliError.fromDriver(error, noDevice ? EXIT.NO_DEVICE : EXIT.FAILED)
    }
    throw error
  }
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n <= 0) {
    throw new CliError('cli.errors.invalidArguments', {}, EXIT.USAGE, `${flag} ${text}`)
  }
  return n
}
