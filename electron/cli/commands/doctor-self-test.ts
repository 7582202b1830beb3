// `kiosk doctor --self-test`: every device exercised once (card reader ATR and a SELECT, the
// fingerprint module's handshake, one camera frame), each line saying what failed and what to do.
import type { DeviceMode } from '../../contract'
import { bilingualLine, bilingualMessage } from '../../../lib/messages'
import { EXIT, type ExitCode } from '../exit-codes'
import {
  checkCamera,
  checkCardReader,
  checkFingerprint,
  type DeviceCheck,
  type DeviceSource,
} from './doctor-self-test-devices'

export const SELF_TEST_DEVICES = ['cardReader', 'fingerprint', 'camera'] as const
export type SelfTestDevice = (typeof SELF_TEST_DEVICES)[number]

export type SelfTestChecks = Record<SelfTestDevice, (source: DeviceSource) => Promise<DeviceCheck>>

export const deviceChecks: SelfTestChecks = {
  cardReader: checkCardReader,
  fingerprint: checkFingerprint,
  camera: checkCamera,
}

export interface SelfTestLine {
  device: SelfTestDevice
  source: DeviceSource
  check: DeviceCheck
}

/** Auto tries the station's hardware: a self-test is about what is plugged in. */
export function sourceFor(devices: DeviceMode): DeviceSource {
  return devices === 'simulated' ? 'simulated' : 'real'
}

/** Runs the checks one after another: the card reader and the UART probe must not overlap. */
export async function runSelfTest(
  devices: DeviceMode,
  checks: SelfTestChecks = deviceChecks,
): Promise<SelfTestLine[]> {
  const source = sourceFor(devices)
  const lines: SelfTestLine[] = []
  for (const device of SELF_TEST_DEVICES) {
    let check: DeviceCheck
    try {
      check = await checks[device](source)
    } catch (error) {
      // A check that throws is a failure of its device, not the end of the self-test.
      const problem = error instanceof Error ? error.message : String(error)
      check = { ok: false, figure: null, problem, todo: { messageKey: todoOf(device), params: {} } }
    }
    lines.push({ device, source, check })
  }
  return lines
}

const todoOf = (device: SelfTestDevice) => `doctor.selfTest.todo.${device}`

/** 0 when every device passed; NO_DEVICE when one did not answer as it should. */
export function selfTestExitCode(lines: readonly SelfTestLine[]): ExitCode {
  return lines.every((l) => l.check.ok) ? EXIT.OK : EXIT.NO_DEVICE
}

/** The human report: one line per device, then for a failure the problem and what to do. */
export function formatSelfTest(lines: readonly SelfTestLine[]): string {
  const out = [bilingualMessage('doctor.selfTest.title')]
  for (const { device, source, check } of lines) {
    const verdict = bilingualMessage(check.ok ? 'doctor.selfTest.pass' : 'doctor.selfTest.fail')
    const name = bilingualMessage(`doctor.selfTest.devices.${device}`)
    const figure = check.figure ?? '-'
    out.push(`  [${verdict}] ${name} (${source}): ${figure}`)
    if (!check.ok) {
      out.push(`      ${check.problem}`)
      out.push(`      → ${bilingualLine(check.todo)}`)
    }
  }
  // Honest about its reach: the CLI has no Chromium, so the kiosk's own camera path is not tested.
  out.push(`  ${bilingualMessage('doctor.selfTest.cameraNote')}`)
  out.push(`  ${bilingualMessage('doctor.selfTest.fingerprintNote')}`)
  return out.join('\n')
}

/** The JSON report: the same lines, the what-to-do text in both languages. */
export function selfTestJson(lines: readonly SelfTestLine[]): string {
  const json = lines.map(({ device, source, check }) =>
    check.ok
      ? { device, source, ok: true, figure: check.figure }
      : {
          device,
          source,
          ok: false,
          figure: check.figure,
          problem: check.problem,
          todo: bilingualLine(check.todo),
        },
  )
  return JSON.stringify({ selfTest: json, ok: lines.every((l) => l.check.ok) }, null, 2)
}
