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
} from '../../../drivers/fingerprint'
import { FINGER_NAMES, type FingerName } from '../../../drivers/fingerprint'
import { buildFingerImageRecord } from '../../../drivers/fingerprint'
import { FingerprintError } from '../../../drivers/fingerprint'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { loadCliConfig } from './load-config'

/** Exit code when no scanner answers at all (nothing attached, wrong port, service down). */
export const EXIT_NO_DEVICE = 3

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

/**
 * `kiosk fp capture --finger NAME --device SPEC [--out DIR] [--json]`: one finger, with retries;
 * writes an ISO/IEC 19794-4 record and prints what was captured. Exit 0 when the image is good
 * enough, 3 when no device answers, 1 otherwise (one bilingual line on stderr).
 */
export async function fpCaptureCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS)
  const { config } = loadCliConfig(argv, env)
  const finger = values.finger
  if (!finger || !(FINGER_NAMES as string[]).includes(finger)) {
    throw new CliError(
      'Tên ngón tay không hợp lệ',
      'Invalid finger name',
      `${finger ?? '(none)'}; one of ${FINGER_NAMES.join(', ')}`,
      1,
    )
  }
  const deviceText = values.device ?? (config.devices === 'real' ? undefined : 'sim')
  if (!deviceText) {
    throw new CliError(
      'Thiếu thiết bị',
      'No device given',
      '--device serial:PATH|hid:VID:PID|sbi',
      1,
    )
  }
  const encoding = values.format === 'png' ? 'png' : 'jpeg2000-lossless'
  if (values.format && values.format !== 'png' && values.format !== 'jp2') {
    throw new CliError('Định dạng không hợp lệ', 'Invalid format', `${values.format} (jp2|png)`, 1)
  }

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
    await fingerprintCall(() => service.connect(), EXIT_NO_DEVICE)
    const result = await fingerprintCall(() =>
      service.capture({
        finger: finger as FingerName,
        ...(values.attempts ? { maxAttempts: positiveInt(values.attempts, '--attempts') } : {}),
        ...(values.timeout
          ? { fingerTimeoutMs: positiveInt(values.timeout, '--timeout') * 1000 }
          : {}),
        onEvent: values.json ? undefined : progressPrinter(io),
      }),
    )
    const record =
      result.deviceRecord ??
      (await buildFingerImageRecord(
        [
          {
            finger: result.finger,
            image: result.image,
            captureTime: new Date(),
            ...(result.quality.source === 'device-nfiq2'
              ? { quality: { score: result.quality.score, source: result.quality.source } }
              : {}),
          },
        ],
        { encoding },
      ))
    const outDir = resolve(values.out ?? '.')
    mkdirSync(outDir, { recursive: true })
    const recordPath = join(outDir, `${result.finger}.iso`)
    writeFileSync(recordPath, record)
    const summary = summarise(result, recordPath, record.length)
    io.out(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary))
    if (!result.accepted) {
      throw new CliError(
        'Chất lượng vân tay chưa đạt',
        'Fingerprint quality below the threshold',
        `${result.quality.score} (${result.quality.source}) after ${result.attempts.length} attempts`,
        1,
      )
    }
    return 0
  } finally {
    await service.close()
    await source.dispose()
  }
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
    `  record / bản ghi: ${s.record} (${s.recordBytes} bytes)`,
  ].join('\n')
}

function progressPrinter(io: CliIo): (event: CaptureEvent) => void {
  let lastPercent = -1
  return (event) => {
    if (event.type === 'state' && event.state === 'awaiting-finger') {
      io.out('Đặt ngón tay lên đầu đọc… / Place the finger on the scanner…')
    } else if (event.type === 'progress' && event.bytesTotal > 0) {
      const percent = Math.floor((100 * event.bytesReceived) / event.bytesTotal / 25) * 25
      if (percent !== lastPercent) {
        lastPercent = percent
        io.out(`  ${percent}% (${event.bytesReceived}/${event.bytesTotal} bytes)`)
      }
    } else if (event.type === 'retry') {
      lastPercent = -1
      io.out(`Thử lại / Retry (${event.reason}): ${event.message}`)
    } else if (event.type === 'state' && event.state === 'awaiting-lift') {
      io.out('Nhấc ngón tay lên / Lift the finger')
    }
  }
}

/** Runs a device step; its typed errors become one bilingual CLI line with an exit code. */
async function fingerprintCall<T>(fn: () => Promise<T>, noDeviceCode = 1): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof FingerprintError) {
      const code = noDeviceCode === EXIT_NO_DEVICE && isNoDeviceError(error) ? EXIT_NO_DEVICE : 1
      throw new CliError(error.vi, error.en, error.detail, code)
    }
    throw error
  }
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n <= 0) {
    throw new CliError('Tham số không hợp lệ', 'Invalid arguments', `${flag} ${text}`, 1)
  }
  return n
}
