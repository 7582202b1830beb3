import {
  pcscProbeFrom,
  simulatedReaderFrom,
  wireCardService,
  type CardHandlers,
  type CardService,
  type ChipRead,
} from './card'
import type { KioskConfig } from './config'
import type { CoreOptions } from './core-options'
import {
  createDeviceManager,
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
    now: () => Date
    emit: EventListener
    log: Logger
    onChipFace?: (connectionId: string, image: Uint8Array | null) => void
    onChipRead?: (connectionId: string, read: ChipRead) => void
  },
): Promise<{ devices: DeviceManager; cardHandlers: CardHandlers; stop: () => void }> {
  const { card, now, emit } = env
  const devices = createDeviceManager({
    mode: config.devices,
    now,
    real:
      options.providers?.real ??
      createRealProvider(
        now,
        card.kind === 'pcsc'
          ? { ...defaultRealProbes(), pcsc: pcscProbeFrom(card) }
          : defaultRealProbes(),
      ),
    simulated:
      options.providers?.simulated ??
      createSimulatedProvider(now, { cardReader: simulatedReaderFrom(card) }),
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
