import { signActiveAuthenticationChallenge } from '../../icao9303/aa/aa-signer'
import { BacCardResponder } from '../../icao9303/bac/bac-card'
import { CaCardResponder } from '../../icao9303/ca/ca-card'
import type { RandomBytes } from '../../icao9303/crypto/random'
import { dataGroup, ldsFile } from '../../icao9303/lds/files'
import { PaceCardResponder } from '../../icao9303/pace/pace-card'
import type { CardStepResult, SessionKeys } from '../../icao9303/sm/session-keys'
import { SmCardSession } from '../../icao9303/sm/sm-card-session'
import { SW_OK, type ResponseApdu } from '../../iso7816/apdu'
import {
  buildEfAtrInfo,
  buildHistoricalBytes,
  EF_ATR_INFO_FID,
} from '../../iso7816/card-capabilities'
import { SW } from '../../iso7816/status-words'
import { EMRTD_AID } from '../../reader/establish-access'
import { contactlessAtr } from '../atr'
import type { CardCommand, CardContext, SecureMessagingSession } from '../card-session'
import { ALWAYS, CardFileSystem, NEEDS_SECURE_MESSAGING, type ElementaryFile } from '../file-system'
import { IsoCard } from '../iso-card'
import { status } from '../iso-commands'
import { RetryCounter } from '../retry-counter'
import type { ChipContent } from './chip-content'
import type { ChipProfile, LengthCapabilities } from './chip-profile'

/** "VNsim" as card issuer's data (compact-TLV '5x'), so a log shows which card it was. */
const ISSUER_DATA = { tag: 0x5, value: new TextEncoder().encode('VNsim') }

/**
 * The ATR pcscd reports for the chip: card capabilities in compact-TLV when the profile gives
 * them (ISO/IEC 7816-4 §12.1.1), else proprietary historical bytes that say nothing of lengths.
 */
function cccdAtr(lengths: LengthCapabilities): Uint8Array {
  return contactlessAtr(
    lengths.historical
      ? buildHistoricalBytes(lengths.historical, [ISSUER_DATA])
      : new TextEncoder().encode('VNCCCDsim'),
  )
}

export interface VirtualCccdOptions {
  content: ChipContent
  profile: ChipProfile
  randomBytes: RandomBytes
}

/** The card side of secure messaging, as the generic card framework expects it. */
class SmSession implements SecureMessagingSession {
  private readonly session: SmCardSession
  constructor(keys: SessionKeys) {
    this.session = new SmCardSession(keys)
  }
  unwrapCommand(command: CardCommand): CardCommand {
    const result = this.session.unwrapCommand(command)
    if (result.kind !== 'protected') throw new Error('secure messaging objects rejected')
    return { ...result.command, extended: command.extended }
  }
  wrapResponse(response: ResponseApdu): ResponseApdu {
    return this.session.wrapResponse(response)
  }
}

/**
 * A Vietnamese chip ID card in software: EF.CardAccess in the MF, the eMRTD application with EF.COM,
 * EF.SOD and the DGs (readable only under secure messaging), BAC and PACE to open it, chip
 * authentication (DG14) and active authentication (DG15). The same object runs in-process
 * (simulated mode, tests, benchmarks) and behind pcscd through vpcd.
 */
export function createVirtualCccd(options: VirtualCccdOptions): IsoCard {
  const { content, profile } = options
  const card = new IsoCard({
    atr: cccdAtr(profile.lengths),
    extendedLength: profile.lengths.acceptsExtended,
    files: cccdFileSystem(content, profile.lengths),
  })
  installAccessControl(card, options)
  installActiveAuthentication(card, content.activeAuthenticationKey)
  return card
}

/**
 * EF.CardAccess and EF.ATR/INFO in the MF; the eMRTD application's files readable only under
 * secure messaging.
 */
function cccdFileSystem(content: ChipContent, lengths: LengthCapabilities): CardFileSystem {
  const emrtdFiles: ElementaryFile[] = [
    { ...fileOf('EF.COM'), data: content.com, read: NEEDS_SECURE_MESSAGING },
    { ...fileOf('EF.SOD'), data: content.sod, read: NEEDS_SECURE_MESSAGING },
    ...[...content.dataGroups].map(([n, data]) => {
      const info = dataGroup(n)
      return { fid: info.fid, sfi: info.sfi, data, read: NEEDS_SECURE_MESSAGING }
    }),
  ]
  const masterFiles: ElementaryFile[] = content.cardAccess
    ? [{ ...fileOf('EF.CardAccess'), data: content.cardAccess, read: ALWAYS }]
    : []
  if (lengths.efAtrInfo) {
    masterFiles.push({
      fid: EF_ATR_INFO_FID,
      data: buildEfAtrInfo(lengths.efAtrInfo),
      read: ALWAYS,
    })
  }
  return new CardFileSystem({ masterFiles, applications: [{ aid: EMRTD_AID, files: emrtdFiles }] })
}

/**
 * Access control against the chip's tries: a completed attempt starts secure messaging, a
 * failed one (or any once blocked) counts down.
 */
function triesCounter(accessKeyTries: VirtualCccdOptions['profile']['accessKeyTries']) {
  const tries = new RetryCounter(accessKeyTries)
  return (result: CardStepResult | undefined, context: CardContext): ResponseApdu => {
    if (!result) return status(SW.INS_NOT_SUPPORTED)
    const failed = result.response.sw === SW.AUTHENTICATION_FAILED
    if (result.established) {
      const sw = tries.verify(true)
      if (sw !== SW_OK) return status(sw)
      context.startSecureMessaging(new SmSession(result.established))
    } else if (failed || tries.blocked) {
      return status(tries.verify(false))
    }
    return result.response
  }
}

/** BAC, PACE (both counted against the tries) and chip authentication under secure messaging. */
function installAccessControl(card: IsoCard, options: VirtualCccdOptions): void {
  const { content, profile, randomBytes } = options
  const counted = triesCounter(profile.accessKeyTries)
  const bac = profile.bac ? new BacCardResponder(content.accessKeys.mrz, randomBytes) : null
  const pace = content.pace
    ? new PaceCardResponder({
        accessKeys: [content.accessKeys.can, content.accessKeys.mrz],
        protocol: content.pace.protocol,
        parameterId: content.pace.parameterId,
        randomBytes,
      })
    : null
  const chipAuthentication = content.chipAuthentication
    ? new CaCardResponder({
        protocol: content.chipAuthentication.protocol,
        curve: content.chipAuthentication.curve,
        privateKey: content.chipAuthentication.privateKey,
      })
    : null

  const bacHandler = (command: CardCommand, context: CardContext): ResponseApdu =>
    bac ? counted(bac.handle(command), context) : status(SW.INS_NOT_SUPPORTED)
  card.handle(0x84, bacHandler)
  card.handle(0x82, bacHandler)

  // MSE and GENERAL AUTHENTICATE serve PACE (in plain) and chip authentication (under SM).
  const authenticationHandler = (command: CardCommand, context: CardContext): ResponseApdu => {
    if (context.secureMessaging) {
      const result = chipAuthentication?.handle(command)
      if (!result) return status(SW.CONDITIONS_NOT_SATISFIED)
      if (result.established) context.startSecureMessaging(new SmSession(result.established))
      return result.response
    }
    return pace ? counted(pace.handle(command), context) : status(SW.INS_NOT_SUPPORTED)
  }
  card.handle(0x22, authenticationHandler)
  card.handle(0x86, authenticationHandler)
}

/** INTERNAL AUTHENTICATE: the DG15 key signs an 8-byte challenge, under secure messaging only. */
function installActiveAuthentication(
  card: IsoCard,
  aaKey: ChipContent['activeAuthenticationKey'],
): void {
  card.handle(0x88, (command, context) => {
    if (!aaKey) return status(SW.INS_NOT_SUPPORTED)
    if (!context.secureMessaging) return status(SW.SECURITY_STATUS_NOT_SATISFIED)
    const challenge = command.data
    if (!challenge || challenge.length !== 8) return status(SW.WRONG_LENGTH)
    return { data: signActiveAuthenticationChallenge(aaKey, challenge), sw: SW_OK }
  })
}

function fileOf(name: 'EF.COM' | 'EF.SOD' | 'EF.CardAccess'): { fid: number; sfi: number } {
  const info = ldsFile(name)
  return { fid: info.fid, sfi: info.sfi }
}
