import { readTlv } from '../../../../lib/asn1/tlv'
import { ParseError } from '../../../../lib/parse-error'
import { parseCertificate, type Certificate } from '../../pki/certificate'
import { OID } from '../../pki/oids'
import { parseSignedDataContentInfo, type SignedData, type SignerInfo } from '../../pki/signed-data'
import { identifiesCertificate } from '../../pki/signed-data-verify'
import { parseLdsSecurityObject, type LdsSecurityObject } from './lds-security-object'

/** EF.SOD, parsed: the CMS envelope, its one SignerInfo, the signed LDS hashes, the DS certificate. */
export interface SecurityObjectDocument {
  signedData: SignedData
  signerInfo: SignerInfo
  lds: LdsSecurityObject
  certificates: Certificate[]
  /** The certificate the SignerInfo names, when EF.SOD embeds it (ICAO recommends it does). */
  documentSigner?: Certificate
}

export const EF_SOD_TAG = 0x77

/**
 * Parses EF.SOD (tag 77 around a CMS ContentInfo). Trailing 00/FF padding after the TLV is allowed.
 * Throws only ParseError.
 */
export function parseSod(bytes: Uint8Array): SecurityObjectDocument {
  const outer = readTlv(bytes)
  if (outer.tag !== EF_SOD_TAG) {
    throw new ParseError('sod', `EF.SOD starts with tag ${outer.tag.toString(16)}, not 77`)
  }
  if (!bytes.subarray(outer.size).every((b) => b === 0 || b === 0xff)) {
    throw new ParseError('sod', 'data after the EF.SOD TLV')
  }
  const signedData = parseSignedDataContentInfo(outer.value)
  if (signedData.contentType !== OID.ldsSecurityObject) {
    throw new ParseError('sod', `eContentType ${signedData.contentType} is not ldsSecurityObject`)
  }
  if (!signedData.content) throw new ParseError('sod', 'no LDSSecurityObject content')
  const [signerInfo, ...more] = signedData.signerInfos
  if (!signerInfo || more.length) {
    throw new ParseError('sod', `expected one SignerInfo, found ${signedData.signerInfos.length}`)
  }
  const certificates = signedData.certificates.map((der, i) => {
    try {
      return parseCertificate(der)
    } catch (error) {
      if (error instanceof ParseError) {
        throw new ParseError('sod', `certificate ${i + 1}: ${error.message}`)
      }
      throw error
    }
  })
  const lds = parseLdsSecurityObject(signedData.content)
  const documentSigner = certificates.find((c) => identifiesCertificate(signerInfo.sid, c))
  return documentSigner
    ? { signedData, signerInfo, lds, certificates, documentSigner }
    : { signedData, signerInfo, lds, certificates }
}
