import { bytesEqual, concat } from '../../../../lib/bytes'
import { SW_OK, type CommandApdu, type ResponseApdu } from '../../iso7816/apdu'
import type { RandomBytes } from '../crypto/random'
import type { CardStepResult } from '../sm/session-keys'
import { openCryptogram, sealCryptogram } from './bac-cryptogram'
import { bacKeysFromSeed, bacKeySeed, bacSsc, xorBytes, type MrzAccessKey } from './bac-keys'

const SW_AUTHENTICATION_FAILED = 0x6300
const SW_WRONG_LENGTH = 0x6700
const SW_CONDITIONS_NOT_SATISFIED = 0x6985

const status = (sw: number): ResponseApdu => ({ data: new Uint8Array(0), sw })

/**
 * Basic Access Control, chip side, for the virtual chip: answers GET CHALLENGE and EXTERNAL
 * AUTHENTICATE. A wrong terminal cryptogram gets 6300; a good one yields the 3DES session keys.
 */
export class BacCardResponder {
  private readonly encKey: Uint8Array
  private readonly macKey: Uint8Array
  private challenge: Uint8Array | null = null

  constructor(
    accessKey: MrzAccessKey,
    private readonly randomBytes: RandomBytes,
  ) {
    ;({ encKey: this.encKey, macKey: this.macKey } = bacKeysFromSeed(bacKeySeed(accessKey)))
  }

  /** Handles GET CHALLENGE (84) and EXTERNAL AUTHENTICATE (82); undefined for other commands. */
  handle(command: CommandApdu): CardStepResult | undefined {
    if (command.cla !== 0x00) return undefined
    if (command.ins === 0x84 && command.p1 === 0 && command.p2 === 0)
      return this.getChallenge(command)
    if (command.ins === 0x82 && command.p1 === 0 && command.p2 === 0)
      return this.authenticate(command)
    return undefined
  }

  private getChallenge(command: CommandApdu): CardStepResult {
    if (command.le !== 8) return { response: status(SW_WRONG_LENGTH) }
    this.challenge = this.randomBytes(8).slice(0, 8)
    return { response: { data: this.challenge.slice(), sw: SW_OK } }
  }

  private authenticate(command: CommandApdu): CardStepResult {
    const rndIc = this.challenge
    this.challenge = null
    if (!rndIc) return { response: status(SW_CONDITIONS_NOT_SATISFIED) }
    const data = command.data ?? new Uint8Array(0)
    if (data.length !== 40) return { response: status(SW_WRONG_LENGTH) }
    const plain = openCryptogram(this.encKey, this.macKey, data)
    if (!plain || !bytesEqual(plain.subarray(8, 16), rndIc)) {
      return { response: status(SW_AUTHENTICATION_FAILED) }
    }
    const rndIfd = plain.subarray(0, 8)
    const kIc = this.randomBytes(16).slice(0, 16)
    const session = bacKeysFromSeed(xorBytes(plain.subarray(16, 32), kIc))
    return {
      response: {
        data: sealCryptogram(this.encKey, this.macKey, concat(rndIc, rndIfd, kIc)),
        sw: SW_OK,
      },
      established: { cipher: '3DES', ...session, ssc: bacSsc(rndIc, rndIfd) },
    }
  }
}
