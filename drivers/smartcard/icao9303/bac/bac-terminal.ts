import { bytesEqual, concat } from '../../../../lib/bytes'
import { SW_OK, type CardChannel } from '../../iso7816/apdu'
import type { RandomBytes } from '../crypto/random'
import { AccessDeniedError, ChipAuthenticityError, ProtocolError } from '../errors'
import type { SessionKeys } from '../sm/session-keys'
import { openCryptogram, sealCryptogram } from './bac-cryptogram'
import { bacKeysFromSeed, bacKeySeed, bacSsc, xorBytes, type MrzAccessKey } from './bac-keys'

/** Status words a chip gives for a wrong BAC key (authentication failed / security status). */
const ACCESS_DENIED = new Set([0x6300, 0x6982])

/**
 * Basic Access Control, terminal side (ICAO 9303-11 §4.3): GET CHALLENGE, then EXTERNAL AUTHENTICATE
 * with E.IFD || M.IFD; checks the chip's cryptogram and returns 3DES session keys and SSC.
 * Throws AccessDeniedError for a wrong MRZ key, ChipAuthenticityError if the chip's answer does not
 * verify, ProtocolError for anything else unexpected.
 */
export async function performBac(
  channel: CardChannel,
  accessKey: MrzAccessKey,
  randomBytes: RandomBytes,
): Promise<SessionKeys> {
  const { encKey, macKey } = bacKeysFromSeed(bacKeySeed(accessKey))

  const challenge = await channel.transmit({ cla: 0x00, ins: 0x84, p1: 0, p2: 0, le: 8 })
  if (challenge.sw !== SW_OK) throw new ProtocolError('BAC', 'GET CHALLENGE', challenge.sw)
  if (challenge.data.length !== 8) {
    throw new ProtocolError('BAC', 'GET CHALLENGE', challenge.sw, `${challenge.data.length} bytes`)
  }
  const rndIc = challenge.data.slice()
  const rndIfd = exactly(randomBytes(8), 8)
  const kIfd = exactly(randomBytes(16), 16)

  const answer = await channel.transmit({
    cla: 0x00,
    ins: 0x82,
    p1: 0,
    p2: 0,
    data: sealCryptogram(encKey, macKey, concat(rndIfd, rndIc, kIfd)),
    le: 40,
  })
  if (ACCESS_DENIED.has(answer.sw) || (answer.sw & 0xfff0) === 0x63c0) {
    throw new AccessDeniedError('BAC', answer.sw)
  }
  if (answer.sw !== SW_OK) throw new ProtocolError('BAC', 'EXTERNAL AUTHENTICATE', answer.sw)
  if (answer.data.length !== 40) {
    throw new ProtocolError(
      'BAC',
      'EXTERNAL AUTHENTICATE',
      answer.sw,
      `${answer.data.length} bytes`,
    )
  }
  const plain = openCryptogram(encKey, macKey, answer.data)
  if (!plain) throw new ChipAuthenticityError('BAC', 'the chip cryptogram does not verify')
  if (!bytesEqual(plain.subarray(0, 8), rndIc) || !bytesEqual(plain.subarray(8, 16), rndIfd)) {
    throw new ChipAuthenticityError('BAC', 'the chip returned other challenges')
  }
  const session = bacKeysFromSeed(xorBytes(kIfd, plain.subarray(16, 32)))
  return { cipher: '3DES', ...session, ssc: bacSsc(rndIc, rndIfd) }
}

function exactly(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length < length) throw new RangeError('randomBytes returned too few bytes')
  return bytes.slice(0, length)
}
