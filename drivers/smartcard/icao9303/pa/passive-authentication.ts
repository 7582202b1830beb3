import { bilingualLine, messageRef } from '../../../../lib/messages'
import { bytesEqual } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { summarizeCertificate, type Certificate } from '../../pki/certificate'
import { caProblem, checkIssuedBy, signerProblem, validityAt } from '../../pki/chain'
import { digest, type HashName } from '../../pki/hashes'
import { digestHashOf } from '../../pki/signature-algorithms'
import {
  checkSignedAttributes,
  checkSignerSignature,
  identifiesCertificate,
} from '../../pki/signed-data-verify'
import type { TrustAnchor, TrustStore } from '../../pki/trust-store'
import { parseSod, type SecurityObjectDocument } from '../sod/sod'
import type {
  ChainCheck,
  Check,
  DataGroupHashCheck,
  PassiveAuthenticationCheck,
  PassiveAuthenticationResult,
} from './result'

export interface PassiveAuthenticationInput {
  /** EF.SOD as read from the chip. */
  sod: Uint8Array
  /** Data group number → the DG file as read (tag and length included). */
  dataGroups: ReadonlyMap<number, Uint8Array>
  trust: TrustStore
  /** The moment certificate validity is judged at. */
  now: Date
}

const SKIPPED: Check = { status: 'skipped' }

/**
 * ICAO 9303-11 Passive Authentication: DG hashes against EF.SOD, EF.SOD's signed attributes and
 * signature, and the document signer's chain to a trusted CSCA. Never throws: hostile or broken
 * input yields verdict 'invalid' with the reason.
 */
export function passiveAuthentication(
  input: PassiveAuthenticationInput,
): PassiveAuthenticationResult {
  try {
    return authenticate(input)
  } catch (error) {
    // Our own defect, not the card's: still a verdict, never a crash of the card reader.
    const reason = error instanceof Error ? error.message : String(error)
    return {
      verdict: 'invalid',
      checks: {
        sodParsed: { status: 'failed', detail: `internal error: ${reason}` },
        signedAttributes: SKIPPED,
        signature: SKIPPED,
        certificateChain: SKIPPED,
        dataGroupHashes: [],
      },
      failedCheck: 'sodParsed',
      failed: bilingualLine(messageRef('messages.pa.internal'), reason),
    }
  }
}

function authenticate({
  sod,
  dataGroups,
  trust,
  now,
}: PassiveAuthenticationInput): PassiveAuthenticationResult {
  let document: SecurityObjectDocument
  let hash: HashName
  try {
    document = parseSod(sod)
    hash = digestHashOf(document.lds.hashAlgorithm)
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    return unparseableSod(error, dataGroups)
  }

  const dataGroupHashes = compareDataGroups(document, dataGroups, hash)
  const attributes = checkSignedAttributes(document.signedData, document.signerInfo)
  const signedAttributes: Check = attributes.ok
    ? { status: 'passed' }
    : { status: 'failed', detail: attributes.reason }

  const { ds, signature, certificateChain, csca } = checkDocumentSigner(document, trust, now)

  const result: PassiveAuthenticationResult = {
    verdict: 'valid',
    checks: {
      sodParsed: { status: 'passed' },
      signedAttributes,
      signature,
      certificateChain,
      dataGroupHashes,
    },
    hashAlgorithm: hash,
  }
  if (ds) result.documentSigner = summarizeCertificate(ds)
  if (csca) result.csca = { ...summarizeCertificate(csca.certificate), source: csca.source }

  const failure = firstFailure(result)
  if (failure) {
    result.verdict = 'invalid'
    result.failedCheck = failure.check
    result.failed = failure.text
  } else if (certificateChain.status === 'untrusted' || signature.status === 'skipped') {
    result.verdict = 'untrusted'
    result.failedCheck = 'certificateChain'
    result.failed = untrustedLine(certificateChain.detail ?? signature.detail)
  }
  return result
}

/** The verdict when EF.SOD cannot be read: nothing that was read is covered by it. */
function unparseableSod(
  error: ParseError,
  dataGroups: ReadonlyMap<number, Uint8Array>,
): PassiveAuthenticationResult {
  return {
    verdict: 'invalid',
    checks: {
      sodParsed: { status: 'failed', detail: error.message },
      signedAttributes: SKIPPED,
      signature: SKIPPED,
      certificateChain: SKIPPED,
      dataGroupHashes: [...dataGroups.keys()]
        .sort((a, b) => a - b)
        .map((number) => ({ number, status: 'missing-from-sod' as const })),
    },
    failedCheck: 'sodParsed',
    failed: bilingualLine(messageRef('messages.pa.sodUnparsed'), error.message),
  }
}

/**
 * Finds the document signer (embedded in EF.SOD, else among the trust anchors), checks its
 * signature over the signed attributes and its chain to a CSCA.
 */
function checkDocumentSigner(
  document: SecurityObjectDocument,
  trust: TrustStore,
  now: Date,
): {
  ds: Certificate | undefined
  signature: Check
  certificateChain: ChainCheck
  csca?: TrustAnchor
} {
  const ds =
    document.documentSigner ??
    trust.anchors.find((a) => identifiesCertificate(document.signerInfo.sid, a.certificate))
      ?.certificate
  if (!ds) {
    return {
      ds,
      signature: {
        status: 'skipped',
        detail: 'EF.SOD does not embed the document signer certificate',
      },
      certificateChain: { status: 'untrusted', detail: 'no document signer certificate' },
    }
  }
  const outcome = checkSignerSignature(document.signedData, document.signerInfo, ds)
  const signature: Check = outcome.ok
    ? { status: 'passed' }
    : { status: 'failed', detail: outcome.reason }
  const { check: certificateChain, csca } = checkChain(ds, trust, now)
  return csca ? { ds, signature, certificateChain, csca } : { ds, signature, certificateChain }
}

function compareDataGroups(
  document: SecurityObjectDocument,
  dataGroups: ReadonlyMap<number, Uint8Array>,
  hash: HashName,
): DataGroupHashCheck[] {
  const listed = document.lds.dataGroupHashes
  const numbers = [...new Set([...listed.keys(), ...dataGroups.keys()])].sort((a, b) => a - b)
  return numbers.map((number) => {
    const expected = listed.get(number)
    const file = dataGroups.get(number)
    if (!expected) return { number, status: 'missing-from-sod' }
    if (!file) return { number, status: 'not-read' }
    return { number, status: bytesEqual(digest(hash, file), expected) ? 'match' : 'mismatch' }
  })
}

function checkChain(
  ds: Certificate,
  trust: TrustStore,
  now: Date,
): { check: ChainCheck; csca?: TrustAnchor } {
  const dsProblem = signerProblem(ds)
  if (dsProblem) return { check: { status: 'failed', detail: `document signer: ${dsProblem}` } }
  const dsValidity = validityAt(ds, now)
  if (dsValidity !== 'valid') {
    return {
      check: {
        status: 'failed',
        detail: `document signer certificate ${describeValidity(ds, dsValidity)}`,
      },
    }
  }
  const candidates = trust.candidateIssuers(ds)
  if (!candidates.length) {
    return {
      check: {
        status: 'untrusted',
        detail: `no CSCA in the trust store for issuer "${ds.issuer.text}"`,
      },
    }
  }
  const issuers = candidates.filter((c) => checkIssuedBy(ds, c.certificate).ok)
  if (!issuers.length) {
    const reason = checkIssuedBy(ds, candidates[0]?.certificate ?? ds)
    return {
      check: {
        status: 'failed',
        detail: `not signed by any of ${candidates.length} CSCA named "${ds.issuer.text}" (${reason.ok ? '' : reason.reason})`,
      },
    }
  }
  // Several CSCAs can share a name and key (a CSCA and its link certificate): prefer a usable one.
  const usable = issuers.find(
    (c) => !caProblem(c.certificate) && validityAt(c.certificate, now) === 'valid',
  )
  if (usable) return { check: { status: 'passed' }, csca: usable }
  const first = issuers[0] as TrustAnchor
  const problem = caProblem(first.certificate)
  const detail = problem
    ? `CSCA: ${problem}`
    : `CSCA certificate ${describeValidity(first.certificate, validityAt(first.certificate, now))}`
  return { check: { status: 'failed', detail }, csca: first }
}

function describeValidity(
  cert: Certificate,
  validity: 'valid' | 'not-yet-valid' | 'expired',
): string {
  if (validity === 'expired') return `expired on ${cert.notAfter.toISOString()}`
  if (validity === 'not-yet-valid') return `is not valid before ${cert.notBefore.toISOString()}`
  return 'is valid'
}

function firstFailure(
  result: PassiveAuthenticationResult,
): { check: PassiveAuthenticationCheck; text: string } | undefined {
  const { checks } = result
  const badGroup = checks.dataGroupHashes.find(
    (g) => g.status === 'mismatch' || g.status === 'missing-from-sod',
  )
  if (badGroup) {
    return {
      check: 'dataGroupHashes',
      text: bilingualLine(
        messageRef(
          badGroup.status === 'mismatch' ? 'messages.pa.dgAltered' : 'messages.pa.dgNotInSod',
          { number: badGroup.number },
        ),
      ),
    }
  }
  if (checks.signedAttributes.status === 'failed') {
    return {
      check: 'signedAttributes',
      text: failureLine('signedAttributes', checks.signedAttributes.detail),
    }
  }
  if (checks.signature.status === 'failed') {
    return {
      check: 'signature',
      text: failureLine('signature', checks.signature.detail),
    }
  }
  if (checks.certificateChain.status === 'failed') {
    return {
      check: 'certificateChain',
      text: failureLine('certificateChain', checks.certificateChain.detail),
    }
  }
  return undefined
}

/** "vi / en: detail" when no trusted CSCA vouches for the document signer. */
function untrustedLine(detail: string | undefined): string {
  return bilingualLine(messageRef('messages.pa.untrusted'), String(detail))
}

/** "vi / en: detail" of a failed check, from `messages.pa.<check>`. */
function failureLine(
  check: 'signedAttributes' | 'signature' | 'certificateChain',
  detail: string | undefined,
): string {
  return bilingualLine(messageRef(`messages.pa.${check}`), String(detail))
}
