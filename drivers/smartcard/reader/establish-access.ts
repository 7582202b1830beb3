import type { AccessKey } from '../icao9303/access-key'
import { performBac } from '../icao9303/bac/bac-terminal'
import type { RandomBytes } from '../icao9303/crypto/random'
import { AccessDeniedError, ProtocolError, UnsupportedProtocolError } from '../icao9303/errors'
import { performPace } from '../icao9303/pace/pace-terminal'
import { findPaceInfos, parseSecurityInfos, type PaceInfo } from '../icao9303/security-infos'
import { SecureMessagingChannel } from '../icao9303/sm/secure-messaging-channel'
import { ldsFile } from '../icao9303/lds/files'
import type { CardChannel } from '../iso7816/apdu'
import { selectApplication } from '../iso7816/commands'
import { CardError } from '../iso7816/errors'
import { DEFAULT_SHORT_CHUNK, readFile } from '../iso7816/read-file'
import { StatusWordError } from '../iso7816/status-words'
import { ParseError } from '../../../lib/parse-error'
import type { LengthPlan } from './length-plan'

/** The eMRTD application identifier (ICAO 9303-10 §3.6.2). */
export const EMRTD_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01)

export interface EstablishedAccess {
  access: 'PACE' | 'BAC'
  channel: SecureMessagingChannel
  /** EF.CardAccess as read (empty when the chip has none): it is not covered by EF.SOD. */
  cardAccess: Uint8Array
  /** The PACEInfo that was run, for PACE. */
  pace?: PaceInfo
  /** Why PACE was not used although offered (the fallback to BAC), for the log. */
  paceSkipped?: string
}

export interface EstablishAccessOptions {
  randomBytes: RandomBytes
  /** Block size of EF.CardAccess and the short-length fallback; default short blocks of 223. */
  lengthPlan?: LengthPlan
  /** Called before each protocol step, so a UI can say what the reader is doing. */
  onStep?: (step: 'card-access' | 'pace' | 'bac' | 'select-application') => void
}

/**
 * ICAO 9303-11 §4.2 order: read EF.CardAccess; PACE when it offers a protocol we run, else BAC. A
 * wrong key is an AccessDeniedError from either protocol; PACE failing for any other reason falls
 * back to BAC when the key is MRZ data (chips must keep BAC while PACE-only terminals are rare),
 * and with a CAN is thrown as it is (ProtocolError, UnsupportedProtocolError).
 */
export async function establishAccess(
  plain: CardChannel,
  key: AccessKey,
  options: EstablishAccessOptions,
): Promise<EstablishedAccess> {
  options.onStep?.('card-access')
  const cardAccess = await readCardAccess(plain, options.lengthPlan)
  const offered = paceInfosOf(cardAccess)
  let paceFailure: ProtocolError | UnsupportedProtocolError | undefined

  for (const pace of offered) {
    try {
      options.onStep?.('pace')
      const keys = await performPace(plain, key, pace, options.randomBytes)
      const channel = new SecureMessagingChannel(plain, keys)
      options.onStep?.('select-application')
      await selectApplication(channel, EMRTD_AID)
      return { access: 'PACE', channel, cardAccess, pace }
    } catch (error) {
      if (error instanceof AccessDeniedError) throw error
      if (!(error instanceof UnsupportedProtocolError || error instanceof ProtocolError)) {
        throw error
      }
      paceFailure = error
    }
  }
  const paceSkipped = paceFailure?.message

  if (key.kind !== 'MRZ') {
    // No BAC without MRZ data. A PACE that broke off (a garbled answer, a variant we do not run)
    // is reported as what it was: "wrong key" would have the officer retype a correct CAN.
    if (paceFailure) throw paceFailure
    throw new AccessDeniedError(
      'PACE',
      null,
      'the chip does not offer PACE, and BAC needs the MRZ data, not the CAN',
    )
  }
  options.onStep?.('select-application')
  await selectApplication(plain, EMRTD_AID)
  options.onStep?.('bac')
  try {
    const keys = await performBac(plain, key, options.randomBytes)
    const result: EstablishedAccess = {
      access: 'BAC',
      channel: new SecureMessagingChannel(plain, keys),
      cardAccess,
    }
    if (paceSkipped) result.paceSkipped = paceSkipped
    return result
  } catch (error) {
    // Some chips (vsmartcard's ePass among them) answer a wrong BAC key with 6988 rather than 6300.
    if (
      error instanceof ProtocolError &&
      error.step === 'EXTERNAL AUTHENTICATE' &&
      error.sw === 0x6988
    ) {
      throw new AccessDeniedError('BAC', error.sw)
    }
    throw error
  }
}

/**
 * EF.CardAccess by short file id, from the MF; a chip without it (BAC only) gives an empty array.
 * Read in one block of the planned size: in plain, so a card that claims extended length and
 * refuses it is caught here, before secure messaging could be thrown out of step.
 */
async function readCardAccess(plain: CardChannel, plan?: LengthPlan): Promise<Uint8Array> {
  const info = ldsFile('EF.CardAccess')
  for (;;) {
    try {
      return await readFile(plain, info.fid, {
        sfi: info.sfi,
        maxChunk: plan?.readBlock() ?? DEFAULT_SHORT_CHUNK,
      })
    } catch (error) {
      if (plan?.fallBackOn(error)) continue
      if (error instanceof StatusWordError) return new Uint8Array(0)
      if (error instanceof CardError && error.code === 'FILE_TRUNCATED') return new Uint8Array(0)
      throw error
    }
  }
}

function paceInfosOf(cardAccess: Uint8Array): PaceInfo[] {
  if (cardAccess.length === 0) return []
  try {
    return findPaceInfos(parseSecurityInfos(cardAccess))
  } catch (error) {
    if (error instanceof ParseError) return []
    throw error
  }
}
