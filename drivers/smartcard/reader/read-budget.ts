import { largestProtectedPlain } from '../icao9303/sm/sm-codec'
import { MAX_B0_OFFSET } from '../iso7816/commands'
import { DEFAULT_SHORT_CHUNK, HEADER_READ } from '../iso7816/read-file'
import type { LengthLimits } from '../iso7816/length-limits'
import type { DocumentRead } from './document-read'

/** Bytes DO'53' adds around an odd-INS (B1) answer; readFile takes them off past offset 7FFF. */
const B1_OVERHEAD = 4

/**
 * The fewest READ BINARY commands that read `size` bytes in blocks of `block` data bytes, as
 * readFile sends them: the first asks a whole block (a card answers 6282 with what there is, so
 * a file within one block costs one command), or only the TLV header at short length
 * (`headerFirst`, see readFile); past offset 7FFF the odd INS B1 wraps its answer
 * in DO'53' (ISO/IEC 7816-4, READ BINARY with odd INS), 4 bytes fewer per block.
 */
export function readBinaryCount(size: number, block: number, headerFirst = false): number {
  if (!Number.isInteger(block) || block < 1) throw new RangeError(`block of ${block} bytes`)
  let read = Math.min(headerFirst ? HEADER_READ : block, size)
  let count = 1
  while (read < size) {
    const next = read > MAX_B0_OFFSET && block > 2 * B1_OVERHEAD ? block - B1_OVERHEAD : block
    read += Math.min(next, size - read)
    count++
  }
  return count
}

/**
 * Data bytes per READ BINARY under `limits`: all one answer may carry (in plain), or what still
 * fits once protected with a cipher of `smBlockSize` bytes. At short length it stays 0xDF, the
 * block readers of eMRTDs have always used: some chips (vsmartcard's ePassport emulator among
 * them) break their protected answer when asked more, and a short read gains little from it.
 */
export function readBlockSize(
  limits: Pick<LengthLimits, 'extended' | 'maxResponseData'>,
  smBlockSize?: number,
): number {
  const fitted =
    smBlockSize === undefined
      ? limits.maxResponseData
      : largestProtectedPlain(smBlockSize, limits.maxResponseData)
  return limits.extended ? fitted : Math.min(fitted, DEFAULT_SHORT_CHUNK)
}

/** A file of the read and how it travels: in plain (before access control) or protected. */
export interface BudgetFile {
  name: string
  size: number
  secureMessaging: boolean
}

export interface ReadBudget {
  /** Data bytes per READ BINARY in plain, and under secure messaging with the session's cipher. */
  plainBlock: number
  protectedBlock: number
  perFile: { name: string; size: number; readBinaries: number }[]
  /** The fewest READ BINARY commands for every file: ceil(size / block), as above. */
  readBinaries: number
}

/**
 * What the card's capabilities allow at best: every file in the largest block `limits` let one
 * answer carry (`smBlockSize` 8 for 3DES, 16 for AES under secure messaging).
 */
export function readBudget(
  files: readonly BudgetFile[],
  limits: Pick<LengthLimits, 'extended' | 'maxResponseData'>,
  smBlockSize: number,
): ReadBudget {
  const plainBlock = readBlockSize(limits)
  const protectedBlock = readBlockSize(limits, smBlockSize)
  const perFile = files.map((file) => ({
    name: file.name,
    size: file.size,
    readBinaries: readBinaryCount(
      file.size,
      file.secureMessaging ? protectedBlock : plainBlock,
      !limits.extended,
    ),
  }))
  return {
    plainBlock,
    protectedBlock,
    perFile,
    readBinaries: perFile.reduce((sum, file) => sum + file.readBinaries, 0),
  }
}

/** What the reader cannot learn from the read itself: the card's plain files and cipher. */
export interface CardFacts {
  /** EF.ATR/INFO's size, null when the card has none (then no READ BINARY is sent for it). */
  efAtrInfoBytes: number | null
  /** EF.CardAccess's size; 0 when absent (one READ BINARY still finds that out). */
  cardAccessBytes: number
  /** The cipher block of the secure messaging the files are read under: 8 (3DES) or 16 (AES). */
  smBlockSize: number
}

export interface DocumentBudget extends ReadBudget {
  /**
   * READ BINARY sent as protocol steps, not as file blocks: EF.ATR/INFO's one short read (before
   * any length is chosen) and chip authentication's one-byte probe.
   */
  probes: number
}

/** The fewest READ BINARY commands for `read` (its files and lengths) on a card with `facts`. */
export function documentBudget(read: DocumentRead, facts: CardFacts): DocumentBudget {
  const files: BudgetFile[] = [
    { name: 'EF.CardAccess', size: facts.cardAccessBytes, secureMessaging: false },
    ...[...read.files].map(([name, bytes]) => ({
      name,
      size: bytes.length,
      secureMessaging: true,
    })),
  ]
  return {
    ...readBudget(files, read.lengths, facts.smBlockSize),
    probes: (facts.efAtrInfoBytes === null ? 0 : 1) + (read.chipAuth.verdict === 'passed' ? 1 : 0),
  }
}
