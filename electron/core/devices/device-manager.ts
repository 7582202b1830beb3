import { errorMessage, requiredDeviceKinds, type DeviceInfo, type DeviceMode } from '../../contract'
import type { DeviceProvider, ProbeResult } from './providers/provider'

export interface DeviceManager {
  /** The devices as of the last probe. */
  list(): DeviceInfo[]
  /** Probes again now; concurrent calls share one probe. */
  refresh(): Promise<DeviceInfo[]>
  onChange(listener: (devices: DeviceInfo[]) => void): () => void
  close(): void
}

export interface DeviceManagerOptions {
  mode: DeviceMode
  now: () => Date
  real: DeviceProvider
  simulated: DeviceProvider
  /** How often real devices are probed for hot-plug; simulated-only mode does not poll. */
  pollMs?: number
  setInterval?: (fn: () => void, ms: number) => { unref?: () => void }
  clearInterval?: (handle: unknown) => void
}

/**
 * Merges what the providers found according to the mode (every required kind always gets an
 * entry, if only an absent one):
 * - simulated: the simulators only;
 * - real: real devices, and an `absent` entry (with the probe's reason) for each missing kind;
 * - auto: real devices, and the simulator for each missing kind (an `absent` entry when there is
 *   none: the card reader when cards are read over PC/SC).
 */
export function mergeDevices(
  mode: DeviceMode,
  real: ProbeResult | null,
  simulated: ProbeResult | null,
  now: () => Date,
): DeviceInfo[] {
  if (mode === 'simulated') return simulated?.devices ?? []
  const devices = [...(real?.devices ?? [])]
  for (const kind of requiredDeviceKinds) {
    if (devices.some((d) => d.kind === kind)) continue
    const problem = real?.problems.find((p) => p.kind === kind)
    const standIns =
      mode === 'auto' ? (simulated?.devices.filter((d) => d.kind === kind) ?? []) : []
    if (standIns.length) {
      devices.push(...standIns)
      continue
    }
    devices.push({
      id: `absent:${kind}`,
      kind,
      name: '',
      source: 'real',
      connection: '',
      health: {
        status: 'absent',
        reason: problem?.reason ?? 'not-found',
        ...(problem ? { detail: problem.detail } : {}),
        checkedAt: now().toISOString(),
      },
    })
  }
  return devices
}

/**
 * Providers promise not to throw; if one breaks that promise anyway (a native binding throwing),
 * every kind it serves is reported with the failure instead of taking the kiosk down.
 */
async function safeProbe(provider: DeviceProvider): Promise<ProbeResult> {
  try {
    return await provider.probe()
  } catch (error) {
    const detail = `${provider.name} probe failed: ${errorMessage(error)}`
    return {
      devices: [],
      problems: requiredDeviceKinds.map((kind) => ({ kind, reason: 'probe-failed', detail })),
    }
  }
}

/** The list without probe timestamps: what decides whether listeners hear of a change. */
function fingerprintOf(devices: DeviceInfo[]): string {
  return JSON.stringify(
    devices.map(({ health: { checkedAt: _, ...health }, ...d }) => ({ ...d, health })),
  )
}

export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  const { mode, now } = options
  const listeners = new Set<(devices: DeviceInfo[]) => void>()
  let current: DeviceInfo[] = []
  let inFlight: Promise<DeviceInfo[]> | null = null
  let closed = false
  let timer: unknown = null

  const probe = async (): Promise<DeviceInfo[]> => {
    const [real, simulated] = await Promise.all([
      mode === 'simulated' ? null : safeProbe(options.real),
      mode === 'real' ? null : safeProbe(options.simulated),
    ])
    const next = mergeDevices(mode, real, simulated, now)
    const changed = fingerprintOf(next) !== fingerprintOf(current)
    current = next
    if (changed) for (const listener of listeners) listener(next)
    return next
  }

  const refresh = () => {
    if (closed) return Promise.resolve(current)
    inFlight ??= probe().finally(() => {
      inFlight = null
    })
    return inFlight
  }

  if (mode !== 'simulated') {
    const set = options.setInterval ?? setInterval
    const handle = set(() => void refresh(), options.pollMs ?? 5000)
    handle.unref?.()
    timer = handle
  }

  return {
    list: () => current,
    refresh,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      closed = true
      listeners.clear()
      if (timer !== null) (options.clearInterval ?? clearInterval)(timer as NodeJS.Timeout)
    },
  }
}
