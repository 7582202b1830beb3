import { systemClock, type Clock, type Timer } from './clock'
import type { FingerprintDeviceEntry } from './device-list'

export interface DeviceChange {
  added: FingerprintDeviceEntry[]
  removed: FingerprintDeviceEntry[]
  devices: FingerprintDeviceEntry[]
}

export interface HotplugWatch {
  stop(): void
}

/**
 * Hot-plug by polling (node-hid and serialport have no portable arrival events): lists the devices
 * every `intervalMs` and reports what came and went. The first listing reports everything as added.
 * A listing that fails is skipped; the next one decides.
 */
export function watchFingerprintDevices(
  list: () => Promise<FingerprintDeviceEntry[]>,
  onChange: (change: DeviceChange) => void,
  options: { intervalMs?: number; clock?: Clock } = {},
): HotplugWatch {
  const clock = options.clock ?? systemClock
  const interval = options.intervalMs ?? 2000
  let known = new Map<string, FingerprintDeviceEntry>()
  let timer: Timer | null = null
  let stopped = false

  const tick = async () => {
    try {
      const devices = await list()
      if (stopped) return
      const now = new Map(devices.map((d) => [d.device, d]))
      const added = devices.filter((d) => !known.has(d.device))
      const removed = [...known.values()].filter((d) => !now.has(d.device))
      known = now
      if (added.length || removed.length) onChange({ added, removed, devices })
    } catch {
      // Listing failed this time (e.g. udevadm busy); keep the last known state.
    }
    if (!stopped) timer = clock.after(interval, () => void tick())
  }
  void tick()
  return {
    stop() {
      stopped = true
      timer?.cancel()
    },
  }
}
