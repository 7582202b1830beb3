import { performance } from 'node:perf_hooks'
import {
  cachedMasterPrint,
  FINGER_NAMES,
  SimulatedFingerprintDevice,
} from '../../drivers/fingerprint'
import { FingerprintSessionState } from '../../electron/core/fingerprint'
import { formatTiming, type Timing } from './stats'

function timingOf(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? Number.NaN }
}

/** Ten fingers through one session; milliseconds per finger. */
async function tenFingers(pacing: boolean): Promise<number[]> {
  const device = new SimulatedFingerprintDevice({ citizenId: CITIZEN, baudRate: 115200, pacing })
  const session = new FingerprintSessionState({
    openSource: async () => ({ open: () => device.openScanner(), dispose: async () => undefined }),
    now: () => new Date(),
    emit: () => undefined,
  })
  const perFinger: number[] = []
  try {
    for (const finger of FINGER_NAMES) {
      const started = performance.now()
      await session.capture(finger)
      perFinger.push(performance.now() - started)
    }
    if (!session.state().complete) throw new Error('the ten fingers did not complete')
    return perFinger
  } finally {
    await session.close()
  }
}

const CITIZEN = 'bench-step'

/**
 * The fingerprint step as the officer lives it: ten fingers through the core's session over the
 * EF01 simulator (a scripted finger placed 300 ms after the module starts waiting, lifted 300 ms
 * after), each capture with its incremental duplicate check. Paced, the 4-bit 256×288 upload at
 * 115200 Bd alone takes ~3.2 s (the wire's bound, see the transfer figures above); unpaced, what is
 * left is the finger script and the kiosk's own work (quality, template, comparisons).
 */
export async function runFingerprintStepBench(print: (line: string) => void): Promise<void> {
  // The simulator's master prints are its own cost, not the kiosk's: grown before timing.
  for (const finger of FINGER_NAMES) cachedMasterPrint(CITIZEN, finger)
  const paced = await tenFingers(true)
  print(formatTiming('finger step, EF01 sim paced 115200 Bd', timingOf(paced.slice(1))))
  const unpaced = await tenFingers(false)
  print(formatTiming('finger step, EF01 sim unpaced', timingOf(unpaced.slice(1))))
  print(
    `first finger (opens the scanner): paced ${paced[0]?.toFixed(0)} ms, unpaced ${unpaced[0]?.toFixed(0)} ms`,
  )
}
