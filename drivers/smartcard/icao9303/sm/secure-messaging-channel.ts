import type { CardChannel, CommandApdu, ResponseApdu } from '../../iso7816/apdu'
import type { LengthLimits } from '../../iso7816/length-limits'
import { SecureMessagingError } from '../errors'
import { protectCommand, unprotectResponse } from './sm-codec'
import { SmCrypto } from './sm-crypto'
import type { SessionKeys } from './session-keys'

/**
 * Terminal side secure messaging: a CardChannel that protects every command and checks every
 * response of the plain channel underneath. After any failure of an exchange (SecureMessagingError,
 * or a transport error) the session is over and every further transmit fails with SESSION_CLOSED;
 * only COMMAND_TOO_LONG, raised before anything is sent, leaves it open.
 */
export class SecureMessagingChannel implements CardChannel {
  private readonly sm: SmCrypto
  /** Why the session ended, once it has. */
  private closedBy: string | null = null

  constructor(
    readonly inner: CardChannel,
    keys: SessionKeys,
  ) {
    this.sm = new SmCrypto(keys)
  }

  get extendedLength(): boolean {
    return this.inner.extendedLength
  }

  /** The plain channel's limits: they bound the protected APDUs, not the plain ones inside. */
  get limits(): LengthLimits | undefined {
    return this.inner.limits
  }

  /** The cipher's block size (8 for 3DES, 16 for AES): what protected data is padded to. */
  get blockSize(): number {
    return this.sm.blockSize
  }

  get cipher(): SessionKeys['cipher'] {
    return this.sm.cipher
  }

  /** The current send sequence counter (for logs and tests). */
  get ssc(): bigint {
    return this.sm.ssc
  }

  get closed(): boolean {
    return this.closedBy !== null
  }

  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    if (this.closedBy) {
      throw new SecureMessagingError('SESSION_CLOSED', null, this.closedBy)
    }
    // A command too long for the link is refused before anything is sent or counted.
    const maxResponseData = this.inner.limits?.maxResponseData
    const wrapped = protectCommand(this.sm, command, {
      extendedLength: this.inner.extendedLength,
      ...(maxResponseData !== undefined ? { maxResponseData } : {}),
    })
    try {
      const response = await this.inner.transmit(wrapped)
      return unprotectResponse(this.sm, response)
    } catch (e) {
      // Any failure here (SM error, transport error) leaves the SSC out of step with the chip.
      this.closedBy = e instanceof SecureMessagingError ? e.code : String(e)
      throw e
    }
  }
}
