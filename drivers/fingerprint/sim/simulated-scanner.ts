import { Ef01Scanner } from '../capture/ef01-scanner'
import type { FingerprintScanner } from '../capture/scanner'
import type { FingerName } from '../finger-image'
import {
  cachedMasterPrint,
  SYNTHETIC_SIZES,
  syntheticFingerImage,
  type ImpressionCondition,
} from '../synthetic'
import type { ByteStream } from '../transport/byte-stream'
import { systemClock, type Clock } from '../transport/clock'
import { openCp2110Transport } from '../transport/cp2110-transport'
import { TransportError } from '../transport/errors'
import { Cp2110BridgeSimulator } from './cp2110-bridge'
import { Ef01ModuleSimulator, type Ef01Model } from './ef01-module'
import { connectSimulatedSerial } from './simulated-serial-link'

export interface SimulatedFingerprintOptions {
  clock?: Clock
  /** Whose fingers the virtual citizen has (the synthetic generator's seed). */
  citizenId?: string
  /** The link: an in-process UART cable, or the same module behind a CP2110 HID bridge. */
  transport?: 'serial' | 'hid'
  /** The module's UART rate (an R30x does at most 115200; faster rates model a faster module). */
  baudRate?: number
  /** Model the link's speed (default); off for fast tests. */
  pacing?: boolean
  model?: Ef01Model
  /** The scripted finger: when it lands after the host starts waiting, and when it lifts. */
  autoFinger?: { placeAfterMs: number; liftAfterMs: number }
  /** How the n-th capture lands (dry, wet, partial…); 'good' by default. */
  condition?: (capture: number) => ImpressionCondition
  captureDelayMs?: number
}

/**
 * The EF01 module of simulated mode, with a virtual citizen whose fingers come from the synthetic
 * generator (256 × 288 at 500 ppi, as an R30x window). Each `openScanner()` plugs a new link in,
 * so an unplugged simulator comes back on the next open, as a re-plugged device would.
 */
export class SimulatedFingerprintDevice {
  readonly module: Ef01ModuleSimulator
  finger: FingerName = 'right-index'
  bridge: Cp2110BridgeSimulator | null = null
  /** While false, opening fails as if the cable were out. */
  plugged = true

  private readonly clock: Clock
  private readonly citizenId: string

  constructor(private readonly options: SimulatedFingerprintOptions = {}) {
    this.clock = options.clock ?? systemClock
    this.citizenId = options.citizenId ?? 'training-citizen'
    const size = SYNTHETIC_SIZES.r30x
    this.module = new Ef01ModuleSimulator({
      clock: this.clock,
      model: options.model ?? 'R503',
      baudRate: options.baudRate ?? 115200,
      width: size.width,
      height: size.height,
      autoFinger: options.autoFinger ?? { placeAfterMs: 300, liftAfterMs: 300 },
      captureDelayMs: options.captureDelayMs ?? 0,
      imageSource: (capture) =>
        syntheticFingerImage({
          citizenId: this.citizenId,
          finger: this.finger,
          attempt: capture,
          size,
          condition: options.condition?.(capture) ?? 'good',
        }),
    })
  }

  get label(): string {
    return this.options.transport === 'hid' ? 'sim:hid' : 'sim'
  }

  async openStream(): Promise<ByteStream> {
    if (!this.plugged) throw new TransportError('not-found', 'simulated scanner unplugged')
    if (this.options.transport === 'hid') {
      this.bridge = new Cp2110BridgeSimulator(this.module, {
        clock: this.clock,
        pacing: this.options.pacing ?? true,
      })
      return openCp2110Transport(this.bridge, { baudRate: this.module.baudRate, label: 'sim:hid' })
    }
    return connectSimulatedSerial(this.module, {
      clock: this.clock,
      pacing: this.options.pacing ?? true,
      label: 'sim',
    })
  }

  async openScanner(): Promise<FingerprintScanner> {
    return Ef01Scanner.open(await this.openStream(), {
      clock: this.clock,
      onPresent: (finger) => {
        this.finger = finger
        // Grow the finger's master print now, before any command is in flight: it takes seconds
        // the first time, and a real module would not stall the line in the middle of an exchange.
        cachedMasterPrint(this.citizenId, finger)
      },
    })
  }
}
