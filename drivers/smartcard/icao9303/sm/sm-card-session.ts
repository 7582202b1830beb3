import type { CommandApdu, ResponseApdu } from '../../iso7816/apdu'
import { SecureMessagingError } from '../errors'
import { protectResponse, unprotectCommand } from './sm-codec'
import { SmCrypto } from './sm-crypto'
import type { SessionKeys } from './session-keys'

export type SmUnwrapResult =
  /** A valid protected command, now in plain form: process it, then wrapResponse the answer. */
  | { kind: 'protected'; command: CommandApdu }
  /** A command without SM: the session has ended; process it as an unauthenticated command. */
  | { kind: 'plain'; command: CommandApdu }
  /** Bad SM objects or MAC: send `response` (6987/6988) as is; the session has ended. */
  | { kind: 'error'; response: ResponseApdu; error: SecureMessagingError }

const SM_CLA_BITS = 0x0c

/**
 * Card side secure messaging for the virtual chip: unwraps protected commands (MAC first) and wraps
 * responses. A wrong MAC or malformed objects end the session, as ICAO 9303-11 requires.
 */
export class SmCardSession {
  private readonly sm: SmCrypto
  private open = true
  private lastInsOdd = false

  constructor(keys: SessionKeys) {
    this.sm = new SmCrypto(keys)
  }

  get active(): boolean {
    return this.open
  }

  get ssc(): bigint {
    return this.sm.ssc
  }

  unwrapCommand(command: CommandApdu): SmUnwrapResult {
    if (!this.open) return { kind: 'plain', command }
    if ((command.cla & SM_CLA_BITS) !== SM_CLA_BITS) {
      this.open = false
      return { kind: 'plain', command }
    }
    try {
      const plain = unprotectCommand(this.sm, command)
      this.lastInsOdd = (plain.ins & 1) === 1
      return { kind: 'protected', command: plain }
    } catch (e) {
      this.open = false
      const error =
        e instanceof SecureMessagingError
          ? e
          : new SecureMessagingError('CARD_SM_ERROR', 0x6988, String(e))
      return { kind: 'error', response: { data: new Uint8Array(0), sw: error.sw ?? 0x6988 }, error }
    }
  }

  /** Protects the answer to the command last unwrapped; unchanged once the session has ended. */
  wrapResponse(response: ResponseApdu): ResponseApdu {
    if (!this.open) return response
    return protectResponse(this.sm, response, this.lastInsOdd)
  }
}
