import { readTlv, type Tlv } from '../../../../lib/asn1/tlv'
import { ParseError } from '../../../../lib/parse-error'

/** Names of the elementary files an eMRTD (and the CCCD chip) may hold. */
export type DataGroupName =
  | 'DG1'
  | 'DG2'
  | 'DG3'
  | 'DG4'
  | 'DG5'
  | 'DG6'
  | 'DG7'
  | 'DG8'
  | 'DG9'
  | 'DG10'
  | 'DG11'
  | 'DG12'
  | 'DG13'
  | 'DG14'
  | 'DG15'
  | 'DG16'
export type LdsFileName = 'EF.COM' | 'EF.SOD' | 'EF.CardAccess' | 'EF.CardSecurity' | DataGroupName

export interface LdsFileInfo {
  name: LdsFileName
  /** File identifier for SELECT (P1P2 data), e.g. 0x011E. */
  fid: number
  /** Short file identifier for READ BINARY with P1 = 0x80 | sfi. */
  sfi: number
  /** Outer tag of the file's content; null for EF.CardAccess/EF.CardSecurity (a bare SET). */
  tag: number | null
  /** Data group number (1–16), or null for the other files. */
  dataGroup: number | null
  /** MF files are read before the eMRTD application is selected (PACE); the others inside it. */
  location: 'MF' | 'eMRTD'
}

/** ICAO 9303-10 tags of DG1…DG16, in order. */
const DATA_GROUP_TAGS = [
  0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70,
] as const

export const LDS_FILES: readonly LdsFileInfo[] = [
  { name: 'EF.COM', fid: 0x011e, sfi: 0x1e, tag: 0x60, dataGroup: null, location: 'eMRTD' },
  { name: 'EF.SOD', fid: 0x011d, sfi: 0x1d, tag: 0x77, dataGroup: null, location: 'eMRTD' },
  { name: 'EF.CardAccess', fid: 0x011c, sfi: 0x1c, tag: null, dataGroup: null, location: 'MF' },
  // Same FID/SFI as EF.SOD, but under the MF rather than the eMRTD application.
  { name: 'EF.CardSecurity', fid: 0x011d, sfi: 0x1d, tag: null, dataGroup: null, location: 'MF' },
  ...DATA_GROUP_TAGS.map((tag, i): LdsFileInfo => ({
    name: `DG${i + 1}` as DataGroupName,
    fid: 0x0101 + i,
    sfi: 0x01 + i,
    tag,
    dataGroup: i + 1,
    location: 'eMRTD',
  })),
]

export function ldsFile(name: LdsFileName): LdsFileInfo {
  const found = LDS_FILES.find((f) => f.name === name)
  if (!found) throw new RangeError(`unknown LDS file ${name}`)
  return found
}

export function dataGroup(number: number): LdsFileInfo {
  const found = LDS_FILES.find((f) => f.dataGroup === number)
  if (!found) throw new RangeError(`no data group ${number}`)
  return found
}

/** The file whose content starts with `tag` (EF.COM's tag list names data groups this way). */
export function ldsFileByTag(tag: number): LdsFileInfo | undefined {
  return LDS_FILES.find((f) => f.tag === tag)
}

export function ldsFileByFid(
  fid: number,
  location: 'MF' | 'eMRTD' = 'eMRTD',
): LdsFileInfo | undefined {
  return LDS_FILES.find((f) => f.fid === fid && f.location === location)
}

/**
 * Reads the outer TLV of an LDS file and checks its tag. Bytes after it (padding some chips return
 * when a whole block is read) are ignored.
 */
export function unwrapLdsFile(name: LdsFileName, bytes: Uint8Array): Tlv {
  const info = ldsFile(name)
  const what = name.toLowerCase()
  if (info.tag === null) throw new RangeError(`${name} has no LDS tag`)
  if (bytes.length === 0) throw new ParseError(what, 'empty file')
  const outer = readTlv(bytes)
  if (outer.tag !== info.tag) {
    throw new ParseError(
      what,
      `expected tag ${info.tag.toString(16).toUpperCase()}, found ${outer.tag.toString(16).toUpperCase()}`,
    )
  }
  return outer
}
