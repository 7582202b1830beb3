import type { CardService } from './card'
import type { KioskConfig } from './config'
import { startBarcode } from './core-barcode'
import { startDevices } from './core-devices'
import { createChipReads, startStationEnrollment } from './core-enrollment'
import { startFingerprints } from './core-fingerprint'
import type { CoreOptions } from './core-options'
import type { PortraitState } from './core-portrait'
import type { EventListener } from './event-bus'
import type { Logger } from './log'
import type { OfficerService } from './officers'
import type { QueueServices } from './queue'
import type { Station } from './station'

/**
 * The devices at the desk and the enrollment over them: the device manager (card readers,
 * barcode scanners, fingerprint scanners, cameras), each window's fingers, and the enrollment
 * state machine that takes this window's chip read, portrait and fingers into the file.
 */
export async function startDesk(
  config: KioskConfig,
  options: CoreOptions,
  parts: {
    station: Station
    card: CardService
    queue: QueueServices
    officers: OfficerService
    portrait: PortraitState
    env: { now(): Date; randomId(): string; log: Logger; emit: EventListener }
  },
) {
  const { card, officers, portrait, env } = parts
  const chipReads = createChipReads()
  const barcode = startBarcode(env.emit, env.log, config.barcode)
  const devices = await startDevices(config, options, {
    card,
    barcode: barcode.scanners,
    now: env.now,
    emit: env.emit,
    log: env.log,
    onChipFace: portrait.chipFaces.remember,
    onChipRead: chipReads.remember,
    audit: parts.station.audit,
  })
  const fp = startFingerprints(
    options,
    officers,
    { now: env.now, emit: env.emit, devices: devices.devices },
    config.fingerprint,
  )
  const enrollment = startStationEnrollment({
    ...{ station: parts.station, queue: parts.queue, officers, portrait, card, chipReads },
    env,
    fingerprints: fp.service,
  })
  return { barcode, devices, fp, enrollment }
}
