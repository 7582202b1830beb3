import type { CertificateSummary, CardReadOutcome } from '../../../drivers/smartcard'
import type { CardReadResult } from '../../contract'

/**
 * The contract's read result: the driver's summary made JSON-safe (certificate dates as ISO
 * strings) with the portrait as a data URL. Typed against the contract, so a summary that drifts
 * from the schema fails to compile.
 */
export async function toCardReadResult(
  outcome: CardReadOutcome,
  onFaceError: (error: unknown) => void = () => undefined,
): Promise<CardReadResult> {
  const { summary } = outcome
  const { documentSigner, csca, ...passiveAuth } = summary.passiveAuth
  return {
    ...summary,
    reader: outcome.reader,
    passiveAuth: {
      ...passiveAuth,
      ...(documentSigner ? { documentSigner: certificateDates(documentSigner) } : {}),
      ...(csca ? { csca: { ...certificateDates(csca), source: csca.source } } : {}),
    },
    faceDataUrl: await faceDataUrl(outcome, onFaceError),
  }
}

function certificateDates(cert: CertificateSummary) {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serial: cert.serial,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  }
}

/** A face the browser cannot be given (a JPEG 2000 that does not decode) is left out, not fatal. */
async function faceDataUrl(
  outcome: CardReadOutcome,
  onError: (error: unknown) => void,
): Promise<string | null> {
  const face = outcome.document.face
  if (!face) return null
  try {
    // Loaded on first use: JPEG 2000 decoding brings in a WebAssembly codec.
    const { displayableFaceImage } = await import('../../../drivers/smartcard')
    const image = await displayableFaceImage(face)
    return `data:${image.mimeType};base64,${Buffer.from(image.bytes).toString('base64')}`
  } catch (error) {
    onError(error)
    return null
  }
}
