import type { Dg13 } from '../cccd/dg13'
import type { LengthLimits } from '../iso7816/length-limits'
import type { Dg2 } from '../icao9303/lds/dg2'
import type { LdsFileName } from '../icao9303/lds/files'
import type { Mrz } from '../icao9303/lds/mrz'
import type { PassiveAuthenticationResult } from '../icao9303/pa/result'

/** A clone-detection outcome (chip or active authentication). */
export interface Verdict {
  verdict: 'passed' | 'failed' | 'not-supported'
  reason?: string
  protocol?: string
}

/** A file that was missing or did not parse; the read goes on without it. */
export interface ParseProblem {
  file: LdsFileName
  reason: string
}

/** Bytes of one file and of the whole document read so far, for progress bars. */
export interface ReadProgress {
  file: LdsFileName
  bytesRead: number
  total: number
  /** Bytes of every file of the document read so far. */
  documentBytesRead: number
  /** Sizes of the files known so far; grows as each file's first block gives its size. */
  documentTotal: number
  /** Expected files (EF.COM, EF.SOD, the data groups they list) whose size is not known yet. */
  filesUnsized: number
}

export type ReadStep =
  | 'card-access'
  | 'pace'
  | 'bac'
  | 'select-application'
  | `read:${LdsFileName}`
  | 'chip-authentication'
  | 'active-authentication'
  | 'passive-authentication'

/** Everything one read of a chip gave, parsed and verified. */
export interface DocumentRead {
  access: 'PACE' | 'BAC'
  /** The APDU lengths the read used and where they came from (EF.ATR/INFO, ATR, fallback…). */
  lengths: LengthLimits
  paceProtocol?: string
  /** Raw files as read, for `--out` and for the enrollment file (upstream re-verifies them). */
  files: Map<LdsFileName, Uint8Array>
  /** Data group numbers the chip announced (EAC-protected ones left out). */
  dataGroups: number[]
  mrz: Mrz | null
  dg13: Dg13 | null
  face: Dg2 | null
  passiveAuth: PassiveAuthenticationResult
  chipAuth: Verdict
  activeAuth: Verdict
  problems: ParseProblem[]
}
