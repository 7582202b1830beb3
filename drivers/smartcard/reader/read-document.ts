import { ParseError } from '../../../lib/parse-error'
import type { AccessKey } from '../icao9303/access-key'
import { performActiveAuthentication } from '../icao9303/aa/active-authentication'
import { performChipAuthentication } from '../icao9303/ca/ca-terminal'
import type { RandomBytes } from '../icao9303/crypto/random'
import { parseDg1 } from '../icao9303/lds/dg1'
import { parseDg14 } from '../icao9303/lds/dg14'
import { parseDg15 } from '../icao9303/lds/dg15'
import { parseDg2 } from '../icao9303/lds/dg2'
import { parseEfCom } from '../icao9303/lds/ef-com'
import { dataGroup, ldsFile, type LdsFileName } from '../icao9303/lds/files'
import { passiveAuthentication } from '../icao9303/pa/passive-authentication'
import { parseSecurityInfos } from '../icao9303/security-infos'
import type { SecureMessagingChannel } from '../icao9303/sm/secure-messaging-channel'
import { parseSod } from '../icao9303/sod/sod'
import { parseDg13 } from '../cccd/dg13'
import type { CardChannel } from '../iso7816/apdu'
import { selectMasterFile } from '../iso7816/commands'
import { readFile } from '../iso7816/read-file'
import { StatusWordError } from '../iso7816/status-words'
import type { TrustStore } from '../pki/trust-store'
import type { DocumentRead, ParseProblem, ReadProgress, ReadStep, Verdict } from './document-read'
import { DocumentProgress } from './document-progress'
import { establishAccess } from './establish-access'
import { LengthPlan, type LengthMemory } from './length-plan'

export interface ReadDocumentOptions {
  key: AccessKey
  trust: TrustStore
  randomBytes: RandomBytes
  now: () => Date
  /** Data bytes per READ BINARY; default: the most the negotiated lengths let one answer carry. */
  maxChunk?: number
  /** Cards that refused extended length before (by ATR and EF.ATR/INFO): they start short. */
  lengthMemory?: LengthMemory
  onProgress?: (progress: ReadProgress) => void
  onStep?: (step: ReadStep) => void
}

/** Data groups behind Extended Access Control (fingerprints, iris): not readable without it. */
const EAC_PROTECTED = new Set([3, 4])
/** What a CCCD holds when EF.COM cannot tell us (research §3.3). */
const DEFAULT_DATA_GROUPS = [1, 2, 13, 14, 15]

type FileRead = (name: LdsFileName) => Promise<Uint8Array | null>
type SecurityInfos = ReturnType<typeof parseSecurityInfos>

/** The card refused its first extended READ BINARY under secure messaging: start over, short. */
class LengthFallback extends Error {
  constructor(readonly refusal: unknown) {
    super('the card refused extended length', { cause: refusal })
  }
}

interface FileReaderContext {
  options: ReadDocumentOptions
  plan: LengthPlan
  progress: DocumentProgress
  files: Map<LdsFileName, Uint8Array>
  problems: ParseProblem[]
}

/**
 * A reader of LDS files over `channel` that keeps every file read in `files`; a file the chip
 * does not have (or hides) is reported in `problems`, not fatal; a length refusal on the first
 * extended READ BINARY is a LengthFallback; every other failure throws.
 */
function ldsFileReader(channel: SecureMessagingChannel, context: FileReaderContext): FileRead {
  const { options, plan, progress } = context
  return async (name) => {
    const info = ldsFile(name)
    options.onStep?.(`read:${name}`)
    try {
      const bytes = await readFile(channel, info.fid, {
        maxChunk: options.maxChunk ?? plan.readBlock(channel.blockSize),
        onProgress: (bytesRead, total) => progress.fileProgress(name, bytesRead, total),
      })
      plan.confirm()
      context.files.set(name, bytes)
      return bytes
    } catch (error) {
      if (plan.fallBackOn(error)) throw new LengthFallback(error)
      if (error instanceof StatusWordError) {
        progress.missing(name)
        context.problems.push({ file: name, reason: error.message })
        return null
      }
      throw error
    }
  }
}

/**
 * EF.COM and EF.SOD, then every data group they list (or the CCCD's usual ones when neither
 * says), except those behind Extended Access Control.
 */
async function readLdsFiles(read: FileRead, context: FileReaderContext) {
  const { problems } = context
  const com = await read('EF.COM')
  const comParsed = com ? parse('EF.COM', () => parseEfCom(com), problems) : null
  const sod = await read('EF.SOD')
  const sodGroups = sod ? parse('EF.SOD', () => parseSod(sod), problems) : null
  const listed = comParsed?.dataGroups ?? [...(sodGroups?.lds.dataGroupHashes.keys() ?? [])]
  const groups = [...new Set(listed.length ? listed : DEFAULT_DATA_GROUPS)]
    .filter((n) => !EAC_PROTECTED.has(n))
    .sort((a, b) => a - b)
  context.progress.expect(groups.map((n) => dataGroup(n).name))
  const dataGroups = new Map<number, Uint8Array>()
  for (const n of portraitLast(groups)) {
    const bytes = await read(dataGroup(n).name)
    if (bytes && bytes.length > 0) dataGroups.set(n, bytes)
  }
  return { sod, groups, dataGroups }
}

/**
 * DG2 (the portrait, nine tenths of a CCCD's bytes) after the other data groups: each file is
 * sized by its first block, so from DG2's first block on the document total is exact and the
 * time left can be told for the bulk of the read. Costs no APDU; nothing depends on the order.
 */
function portraitLast(groups: readonly number[]): number[] {
  return [...groups.filter((n) => n !== 2), ...groups.filter((n) => n === 2)]
}

/**
 * Access control, then the LDS files. When the card refuses its first extended READ BINARY under
 * secure messaging the session is lost with it: back to the MF, access control again, and every
 * file at short length (the plan remembers the card).
 */
async function accessAndFiles(plain: CardChannel, context: FileReaderContext) {
  const { options } = context
  const establish = () =>
    establishAccess(plain, options.key, {
      randomBytes: options.randomBytes,
      onStep: options.onStep ?? (() => undefined),
      lengthPlan: context.plan,
    })
  let established = await establish()
  try {
    const lds = await readLdsFiles(ldsFileReader(established.channel, context), context)
    return { established, ...lds }
  } catch (error) {
    if (!(error instanceof LengthFallback)) throw error
    context.files.clear()
    context.problems.length = 0
    context.progress.restart()
    await selectMasterFile(plain)
    established = await establish()
    const lds = await readLdsFiles(ldsFileReader(established.channel, context), context)
    return { established, ...lds }
  }
}

/** Chip authentication when DG14 offers it; on success the session continues on its new keys. */
async function runChipAuthentication(
  channel: SecureMessagingChannel,
  dg14: SecurityInfos | null,
  options: ReadDocumentOptions,
): Promise<{ channel: SecureMessagingChannel; chipAuth: Verdict }> {
  if (!dg14) return { channel, chipAuth: { verdict: 'not-supported', reason: 'no DG14' } }
  options.onStep?.('chip-authentication')
  const result = await performChipAuthentication(channel, dg14, options.randomBytes)
  if (result.verdict === 'passed') {
    return { channel: result.channel, chipAuth: { verdict: 'passed', protocol: result.protocol } }
  }
  return { channel, chipAuth: { verdict: result.verdict, reason: result.reason } }
}

/** Active authentication with the DG15 key, using the algorithm DG14 names for it, if any. */
async function runActiveAuthentication(
  channel: SecureMessagingChannel,
  dg15: ReturnType<typeof parseDg15> | null,
  dg14: SecurityInfos | null,
  chipAuth: Verdict,
  options: ReadDocumentOptions,
): Promise<Verdict> {
  if (!dg15) return { verdict: 'not-supported', reason: 'no DG15' }
  // After a failed chip authentication the session is gone; AA could not run on it.
  if (chipAuth.verdict === 'failed') {
    return { verdict: 'failed', reason: 'chip authentication failed first' }
  }
  options.onStep?.('active-authentication')
  const aaAlgorithm = dg14?.find((i) => i.type === 'ActiveAuthenticationInfo')
  const result = await performActiveAuthentication(
    channel,
    dg15.publicKey,
    options.randomBytes,
    aaAlgorithm?.type === 'ActiveAuthenticationInfo'
      ? { signatureAlgorithmOid: aaAlgorithm.signatureAlgorithm }
      : {},
  )
  return { verdict: result.verdict, ...(result.reason ? { reason: result.reason } : {}) }
}

/**
 * Reads a whole ICAO 9303 document: access control (PACE or BAC), EF.COM, EF.SOD and every data
 * group present, then chip authentication (DG14), active authentication (DG15) and passive
 * authentication. Card and transport failures throw their typed errors (access denied, card
 * removed, timeout); problems with the data itself become verdicts and `problems`, never throws.
 */
export async function readDocument(
  plain: CardChannel,
  options: ReadDocumentOptions,
): Promise<DocumentRead> {
  const plan = await LengthPlan.negotiate(plain, options.lengthMemory)
  const files = new Map<LdsFileName, Uint8Array>()
  const problems: ParseProblem[] = []
  const progress = new DocumentProgress(options.onProgress)
  const context = { options, plan, progress, files, problems }
  const { established, sod, groups, dataGroups } = await accessAndFiles(plain, context)

  const dg1 = dataGroups.get(1)
  const mrz = dg1 ? parse('DG1', () => parseDg1(dg1), problems) : null
  const dg2 = dataGroups.get(2)
  const face = dg2 ? parse('DG2', () => parseDg2(dg2), problems) : null
  const dg13Bytes = dataGroups.get(13)
  const dg13 = dg13Bytes ? parse('DG13', () => parseDg13(dg13Bytes), problems) : null
  const dg14Bytes = dataGroups.get(14)
  const dg14 = dg14Bytes
    ? parse('DG14', () => parseSecurityInfos(parseDg14(dg14Bytes).securityInfos), problems)
    : null
  const { channel, chipAuth } = await runChipAuthentication(established.channel, dg14, options)
  const dg15Bytes = dataGroups.get(15)
  const dg15 = dg15Bytes ? parse('DG15', () => parseDg15(dg15Bytes), problems) : null
  const activeAuth = await runActiveAuthentication(channel, dg15, dg14, chipAuth, options)

  options.onStep?.('passive-authentication')
  const passiveAuth = passiveAuthentication({
    sod: sod ?? new Uint8Array(0),
    dataGroups,
    trust: options.trust,
    now: options.now(),
  })

  return {
    access: established.access,
    lengths: plan.limits,
    ...(established.pace ? { paceProtocol: established.pace.protocol } : {}),
    files,
    dataGroups: groups,
    mrz,
    dg13,
    face,
    passiveAuth,
    chipAuth,
    activeAuth,
    problems,
  }
}

function parse<T>(file: LdsFileName, fn: () => T, problems: ParseProblem[]): T | null {
  try {
    return fn()
  } catch (error) {
    if (error instanceof ParseError) {
      problems.push({ file, reason: error.message })
      return null
    }
    throw error
  }
}
