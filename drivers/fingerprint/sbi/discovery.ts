import { SbiClient } from './client'
import type { SbiTrust } from './jws'
import { SBI_HOST, SBI_PORT_RANGE, type SbiDevice } from './protocol'

export interface SbiService {
  port: number
  /** The verb that answered: SBIDISC (1.0) or MOSIPDISC (0.9.5). */
  verb: string
  devices: SbiDevice[]
}

export interface SbiDiscoveryOptions {
  host?: string
  from?: number
  to?: number
  /** Ports probed at once; MOSIP's client uses a thread pool the same way. */
  concurrency?: number
  /** Per port: a closed port answers at once, a hung one costs this much. */
  timeoutMs?: number
  type?: string
}

/** Finds SBI services on the loopback range (4501–4600 by default), a few ports at a time. */
export async function discoverSbiServices(
  options: SbiDiscoveryOptions = {},
): Promise<SbiService[]> {
  const from = options.from ?? SBI_PORT_RANGE.from
  const to = options.to ?? SBI_PORT_RANGE.to
  const ports = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)
  const found: SbiService[] = []
  // Discovery needs no trust: it only reads unsigned descriptors.
  const noTrust: SbiTrust = { certificates: [] }
  let next = 0
  const worker = async () => {
    while (next < ports.length) {
      const port = ports[next++] as number
      const client = new SbiClient({
        port,
        host: options.host ?? SBI_HOST,
        trust: noTrust,
        timeoutMs: options.timeoutMs ?? 400,
      })
      try {
        const { verb, devices } = await client.discover(options.type ?? 'Finger')
        found.push({ port, verb, devices })
      } catch {
        // Closed, hung or not SBI: not ours.
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 16) }, worker))
  return found.sort((a, b) => a.port - b.port)
}

/** The model named in a discovered device's digital ID, for listings only (not verified). */
export function sbiDeviceModel(device: SbiDevice): string {
  const parts = device.digitalId.split('.')
  const payload = parts.length === 3 ? parts[1] : parts[0]
  try {
    const id = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as {
      make?: unknown
      model?: unknown
    }
    const text = [id.make, id.model].filter((v) => typeof v === 'string').join(' ')
    return text || device.deviceId
  } catch {
    return device.deviceId
  }
}
