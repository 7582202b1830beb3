import { readCccdMrz } from '../cccd/mrz'
import type { Dg13 } from '../cccd/dg13'
import type { Mrz } from '../icao9303/lds/mrz'
import type { DocumentRead } from './document-read'
import type { LinkCounts } from './counting-link'

/**
 * The JSON shape of a chip read (`kiosk card read --json`, the core's read result): plain data only,
 * no raw files and no image bytes (those go to `--out` or through a separate channel).
 */
export function summarizeRead(read: DocumentRead, counts: LinkCounts, elapsedMs: number) {
  return {
    access: read.access,
    ...(read.paceProtocol ? { paceProtocol: read.paceProtocol } : {}),
    mrz: read.mrz ? summarizeMrz(read.mrz) : null,
    ...(read.mrz ? { cccd: readCccdMrz(read.mrz) } : {}),
    ...(read.dg13 ? { dg13: summarizeDg13(read.dg13) } : {}),
    passiveAuth: read.passiveAuth,
    chipAuth: read.chipAuth,
    activeAuth: read.activeAuth,
    face: read.face
      ? {
          format: read.face.format,
          width: read.face.width,
          height: read.face.height,
          bytes: read.face.image.length,
        }
      : null,
    files: [...read.files].map(([name, bytes]) => ({ name, bytes: bytes.length })),
    problems: read.problems,
    apdus: counts.apdus,
    bytesSent: counts.bytesSent,
    bytesReceived: counts.bytesReceived,
    elapsedMs: Math.round(elapsedMs * 10) / 10,
  }
}

export type ReadSummary = ReturnType<typeof summarizeRead>

export function summarizeMrz(mrz: Mrz) {
  return {
    format: mrz.format,
    documentCode: mrz.documentCode,
    issuingState: mrz.issuingState,
    documentNumber: mrz.documentNumber,
    dateOfBirth: mrz.dateOfBirth,
    sex: mrz.sex,
    dateOfExpiry: mrz.dateOfExpiry,
    nationality: mrz.nationality,
    surname: mrz.surname,
    givenNames: mrz.givenNames,
    optionalData: mrz.optionalData,
    checkDigitsValid: mrz.valid,
    checks: mrz.checks,
  }
}

/** DG13's named fields; raw unknown fields are listed by number only. */
export function summarizeDg13(dg13: Dg13) {
  const { otherFields, ...named } = dg13
  return { ...named, otherFieldNumbers: otherFields.map((f) => f.index) }
}
