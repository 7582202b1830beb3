import {
  DER,
  decodeSmallInteger,
  derInteger,
  derSequence,
  derSet,
  expectTag,
  rawChild,
} from '../../../lib/asn1/der'
import { children, readTlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import { parseCertificate, type Certificate } from './certificate'
import { checkIssuedBy } from './chain'
import { OID } from './oids'
import { buildSignedData, type CmsSigner } from './signed-data-builder'
import { parseSignedDataContentInfo, type SignedData } from './signed-data'
import {
  checkSignedAttributes,
  checkSignerSignature,
  identifiesCertificate,
} from './signed-data-verify'

/** An ICAO CSCA master list: CMS SignedData over CscaMasterList { version, certList SET OF Certificate }. */
export interface MasterList {
  signedData: SignedData
  version: number
  /** DER of every certificate in certList (parsed by whoever uses them). */
  certificates: Uint8Array[]
}

export interface MasterListVerification {
  /** True when the content digest and the signature verify with the embedded signer certificate. */
  signatureValid: boolean
  signer?: { subject: string; issuer: string; serial: string }
  /** Subject of the listed CSCA whose key signed the master-list signer certificate, if any. */
  signerIssuedBy?: string
  /** One sentence saying what was checked and what was not. */
  verified: string
}

export function parseMasterList(bytes: Uint8Array): MasterList {
  const signedData = parseSignedDataContentInfo(bytes)
  if (signedData.contentType !== OID.cscaMasterList) {
    throw new ParseError(
      'masterlist',
      `content type ${signedData.contentType} is not id-icao-cscaMasterList`,
    )
  }
  if (!signedData.content) throw new ParseError('masterlist', 'no CscaMasterList content')
  const list = readTlv(signedData.content)
  if (list.size !== signedData.content.length) throw new ParseError('masterlist', 'trailing bytes')
  expectTag(list, DER.SEQUENCE, 'masterlist')
  const [versionNode, certList, extra] = children(list)
  if (!versionNode || !certList || extra)
    throw new ParseError('masterlist', 'malformed CscaMasterList')
  expectTag(certList, DER.SET, 'masterlist')
  return {
    signedData,
    version: decodeSmallInteger(versionNode),
    certificates: children(certList).map((c) => rawChild(certList, c)),
  }
}

/**
 * Checks the master list's own signature with the signer certificate it embeds, and whether a CSCA
 * in the list issued that signer. This proves integrity and internal consistency only: trust comes
 * from whoever placed the file in the trust directory, not from the list itself.
 */
export function verifyMasterList(
  list: MasterList,
  listed: readonly Certificate[],
): MasterListVerification {
  const { signedData } = list
  const [signerInfo, ...others] = signedData.signerInfos
  if (!signerInfo || others.length) {
    return {
      signatureValid: false,
      verified: `expected one SignerInfo, found ${signedData.signerInfos.length}`,
    }
  }
  const signerCert = signedData.certificates
    .map(tryParse)
    .find((c): c is Certificate => c !== undefined && identifiesCertificate(signerInfo.sid, c))
  if (!signerCert) {
    return {
      signatureValid: false,
      verified: 'the signer certificate is not embedded; signature not checked',
    }
  }
  const signer = {
    subject: signerCert.subject.text,
    issuer: signerCert.issuer.text,
    serial: signerCert.serialNumber,
  }
  const attributes = checkSignedAttributes(signedData, signerInfo)
  if (!attributes.ok) return { signatureValid: false, signer, verified: attributes.reason }
  const signature = checkSignerSignature(signedData, signerInfo, signerCert)
  if (!signature.ok) return { signatureValid: false, signer, verified: signature.reason }
  const issuer = listed.find((csca) => checkIssuedBy(signerCert, csca).ok)
  if (!issuer) {
    return {
      signatureValid: true,
      signer,
      verified:
        'content digest and signature verified with the embedded signer certificate; no listed CSCA issued that signer',
    }
  }
  return {
    signatureValid: true,
    signer,
    signerIssuedBy: issuer.subject.text,
    verified: `content digest and signature verified; signer certificate issued by listed CSCA "${issuer.subject.text}" (validity dates not checked)`,
  }
}

/** Builds a signed master list (for tests, and for packaging a national list). */
export function buildMasterList(spec: {
  certificates: readonly Uint8Array[]
  signer: CmsSigner
  /** Extra certificates to embed next to the signer's (its issuing CSCA, say). */
  chain?: readonly Uint8Array[]
  signingTime?: Date
}): Uint8Array {
  const content = derSequence(derInteger(0), derSet(...spec.certificates))
  return buildSignedData({
    contentType: OID.cscaMasterList,
    content,
    signer: spec.signer,
    certificates: [spec.signer.certificateDer, ...(spec.chain ?? [])],
    ...(spec.signingTime ? { signingTime: spec.signingTime } : {}),
  })
}

function tryParse(der: Uint8Array): Certificate | undefined {
  try {
    return parseCertificate(der)
  } catch (error) {
    if (error instanceof ParseError) return undefined
    throw error
  }
}
