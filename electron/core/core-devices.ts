import {
  pcscProbeFrom,
  simulatedReaderFrom,
  wireCardService,
  type CardHandlers,
  type CardService,
  type ChipRead,
} from './card'
import type { AuditLog } from './audit'
import type { BarcodeScanners } from './barcode'
import type { KioskConfig } from './config'
import type { CoreOptions } from './core-options'
import { ef01CandidatePorts } from '../../drivers/fingerprint'
import {
  createDeviceManager,
  createEf01Probe,
  probeSerial,
  createRealProvider,
  createSimulatedProvider,
  defaultRealProbes,
  type DeviceManager,
} from './devices'
import type { EventListener } from './event-bus'
import type { Logger } from './log'

/**
 * The device manager over the card service (its PC/SC readers, or the training reader), with
 * hot-plug forwarded as contract events. Resolves after the first device probe.
 */
export async function startDevices(
  config: KioskConfig,
  options: CoreOptions,
  env: {
    card: CardService
    /** Serial scanners are found with the real devices; the training one is listed when simulated. */
    barcode: BarcodeScanners
    now: () => Date
    emit: EventListener
    log: Logger
    onChipFace?: (connectionId: string, image: Uint8Array | null) => void
    onChipRead?: (connectionId: string, read: ChipRead) => void
    audit?: Pick<AuditLog, 'append'>
  },
): Promise<{ devices: DeviceManager; cardHandlers: CardHandlers; stop: () => void }> {
  const { card, now, emit, barcode } = env
  const realProbes = {
    ...defaultRealProbes(),
    // The EF01 handshake is never sent to a QR scanner's port (nor does it hold the port while
    // the scanner would open it).
    ef01: createEf01Probe(async () => {
      const { ports } = await probeSerial()
      const scanners = new Set(barcode.scannerPaths(ports))
      return (await ef01CandidatePorts(ports)).filter((path) => !scanners.has(path))
    }),
    barcode: () => barcode.probeSerial(),
  }
  const devices = createDeviceManager({
    mode: config.devices,
    now,
    real:
      options.providers?.real ??
      createRealProvider(
        now,
        card.kind === 'pcsc' ? { ...realProbes, pcsc: pcscProbeFrom(card) } : realProbes,
      ),
    simulated:
      options.providers?.simulated ??
      createSimulatedProvider(now, {
        cardReader: simulatedReaderFrom(card),
        ...(config.devices === 'simulated' ? { barcode: () => barcode.startSimulated() } : {}),
      }),
    ...(options.devicePollMs !== undefined ? { pollMs: options.devicePollMs } : {}),
  })
  devices.onChange((list) => emit('devices.changed', list))
  const cardWiring = wireCardService({
    service: card,
    emit,
    log: env.log,
    onDevicesChanged: () => void devices.refresh(),
    ...(env.onChipFace ? { onChipFace: env.onChipFace } : {}),
    ...(env.onChipRead ? { onChipRead: env.onChipRead } : {}),
    ...(env.audit ? { audit: env.audit } : {}),
  })
  await devices.refresh()
  return {
    devices,
    cardHandlers: cardWiring.handlers,
    stop: () => {
      cardWiring.stop()
      devices.close()
    },
  }
}
