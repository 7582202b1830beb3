import {
  ConsentRecordSchema,
  type ConsentRecord,
  type EnrollmentRecord,
  type OpenedPacket,
} from '../../../protocol/packet'
import { safeParse } from '../../../lib/schema'
import { enrollmentRecordOf } from '../intake/file-content'

/** What the officer established at the desk, as the review page shows it. */
export interface ReviewRecords {
  /** The kiosk's enrollment record; null for older files without one. */
  enrollment: EnrollmentRecord | null
  /** The consent with its version, purposes and text hash; null when the file has `agreed` only. */
  consent: ConsentRecord | null
}

function consentRecordOf(opened: OpenedPacket): ConsentRecord | null {
  const part = opened.parts.find((p) => p.entry.kind === 'consent')
  if (!part) return null
  let json: unknown = null
  try {
    json = JSON.parse(Buffer.from(part.data).toString('utf8'))
  } catch {
    // Intake refuses a file whose consent is not JSON; an older record is simply not shown.
  }
  const parsed = safeParse(ConsentRecordSchema, json)
  return parsed.success ? parsed.data : null
}

export function reviewRecordsOf(opened: OpenedPacket): ReviewRecords {
  return { enrollment: enrollmentRecordOf(opened) ?? null, consent: consentRecordOf(opened) }
}
