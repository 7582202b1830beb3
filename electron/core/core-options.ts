import type { FaceEngine } from '../../drivers/camera'
import type { FingerImageEncoding, ScannerSource } from '../../drivers/fingerprint'
import type { PcscServiceLike } from '../../drivers/smartcard'
import type { RandomBytes } from '../../protocol/packet'
import type { CardService } from './card'
import type { DeviceProvider } from './devices'
import type { KeyProtectionOptions, KeyProtector } from './keys'
import type { Logger } from './log'
import type { ScryptCost } from './officers'
import type { UpstreamTarget } from './queue'

export type ShellName = 'electron' | 'host' | 'cli'

export interface CoreOptions {
  shell: ShellName
  /** The face models for portrait checks; default human on WASM, loaded on the first check. */
  faceEngine?: () => Promise<FaceEngine>
  log?: Logger
  now?: () => Date
  randomId?: () => string
  /** Override device providers (tests, or a shell with its own hardware access). */
  providers?: { real?: DeviceProvider; simulated?: DeviceProvider }
  devicePollMs?: number
  card?: {
    /** A ready card service (tests); default: the one the device mode calls for. */
    service?: CardService
    /** CSCA certificates to trust (resources/trust); default: none, so real cards say `untrusted`. */
    trustDir?: string
    /** How PC/SC is opened (tests); default openPcscService(). */
    openPcsc?: () => Promise<PcscServiceLike>
  }
  fingerprint?: {
    /** Where fingers are captured from (tests); default the scanner the device manager lists. */
    openSource?: () => Promise<ScannerSource>
    /** How long a capture waits for the finger; default the capture service's (30 s). */
    fingerTimeoutMs?: number
    /**
     * How the file's ISO/IEC 19794-4 finger records store each image: 'png' (the default),
     * 'jpeg2000-lossless', 'none', or 'wsq' (0.75 bpp, for an upstream whose AFIS asks for WSQ).
     */
    recordEncoding?: FingerImageEncoding
  }
  randomBytes?: RandomBytes
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number
  /** A ready protector for the key files (tests); default: the one the station chooses. */
  keyProtector?: KeyProtector
  /** What the shell offers for choosing it: Electron safeStorage, a passphrase source. */
  keyProtection?: KeyProtectionOptions
  /**
   * The upstream when it is not `config.upstreamUrl`: the in-process training upstream a shell
   * started because none is configured.
   */
  upstream?: UpstreamTarget
  /** Run sync passes in the background (Electron, host); the CLI runs them on demand. */
  backgroundSync?: boolean
  freeDiskBytes?: (dir: string) => number
  /** The password hash cost; tests lower it, the station keeps the measured default. */
  passwordCost?: ScryptCost
  fetch?: typeof fetch
}
