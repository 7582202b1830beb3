import type { CertificateSummary } from '../../pki/certificate'
import type { HashName } from '../../pki/hashes'

export type CheckStatus = 'passed' | 'failed' | 'skipped'

export interface Check {
  status: CheckStatus
  /** What was found, in English (for logs and support). */
  detail?: string
}

/** 'untrusted': the DS certificate is well-formed and current, but no CSCA in the trust store issued it. */
export interface ChainCheck {
  status: CheckStatus | 'untrusted'
  detail?: string
}

export type DataGroupHashStatus = 'match' | 'mismatch' | 'missing-from-sod' | 'not-read'

export interface DataGroupHashCheck {
  number: number
  status: DataGroupHashStatus
}

export type PassiveAuthenticationCheck =
  'sodParsed' | 'dataGroupHashes' | 'signedAttributes' | 'signature' | 'certificateChain'

export interface PassiveAuthenticationResult {
  /**
   * valid: every check passed and the DS chains to a trusted CSCA.
   * untrusted: the data and signature are intact, but no trusted CSCA issued the DS (or EF.SOD has no DS).
   * invalid: a check failed; `failedCheck` and `failed` say which.
   */
  verdict: 'valid' | 'invalid' | 'untrusted'
  checks: {
    sodParsed: Check
    signedAttributes: Check
    signature: Check
    certificateChain: ChainCheck
    /** Every DG listed in EF.SOD or read from the chip, by number. */
    dataGroupHashes: DataGroupHashCheck[]
  }
  /** The first failing check (order: sodParsed, dataGroupHashes, signedAttributes, signature, chain). */
  failedCheck?: PassiveAuthenticationCheck
  /** Why the verdict is not 'valid', for the officer: "Vietnamese / English: detail". */
  failed?: string
  hashAlgorithm?: HashName
  documentSigner?: CertificateSummary
  csca?: CertificateSummary & { source: string }
}
