import { bilingualMessage } from '../../../lib/messages'
import { z } from 'zod'
import type { OpenedPacket } from '../../../protocol/packet'
import { passiveAuthentication } from '../../../drivers/smartcard'
import type { TrustStore } from '../../../drivers/smartcard'

/**
 * What the upstream concluded about a file's chip data, kept with the file and shown to reviewers.
 * valid: passive authentication passed up to a CSCA in the upstream's trust directory.
 * untrusted: data and EF.SOD signature intact, but no trusted CSCA issued the document signer.
 * invalid: a check failed (such files are refused at complete, so none is ever stored).
 * not-checked: the chip parts are placeholders, or the file predates the check.
 */
export const ChipVerdictSchema = z.enum(['valid', 'invalid', 'untrusted', 'not-checked'])
export type ChipVerdict = z.infer<typeof ChipVerdictSchema>

export const ChipVerificationSchema = z
  .object({
    verdict: ChipVerdictSchema,
    /** Why the verdict is not `valid`: "Vietnamese / English: detail". */
    reason: z.string().nullable(),
    /** The first failing check of passive authentication (sodParsed, dataGroupHashes, …). */
    failedCheck: z.string().nullable(),
    /** Each data group of the file or of EF.SOD, and whether its hash matched. */
    dataGroups: z.array(z.object({ number: z.number().int(), status: z.string() }).strict()),
    documentSigner: z.string().nullable(),
    /** The trusted CSCA's subject and the trust file it came from. */
    csca: z.string().nullable(),
    /** The moment certificate validity was judged at (the file's submission time). */
    checkedAt: z.string().nullable(),
  })
  .strict()
export type ChipVerification = z.infer<typeof ChipVerificationSchema>

/** Chip parts are named `chip/DG1` … `chip/DG16`; the number is the data group's. */
export function dataGroupNumberOf(partName: string): number | null {
  const match = /^chip\/DG([1-9]|1[0-6])$/.exec(partName)
  return match?.[1] ? Number(match[1]) : null
}

export function notChecked(reason: string): ChipVerification {
  return {
    verdict: 'not-checked',
    reason,
    failedCheck: null,
    dataGroups: [],
    documentSigner: null,
    csca: null,
    checkedAt: null,
  }
}

/**
 * ICAO 9303 passive authentication of the file's chip parts against the upstream's CSCAs: every
 * real `chip.dg` part's hash against EF.SOD, EF.SOD's signature, and the document signer's chain.
 * Certificates are judged at the file's submission time: a file that waited offline for days must
 * not turn invalid because a certificate expired meanwhile. Placeholder chip data is not checked.
 */
export function verifyChipData(opened: OpenedPacket, trust: TrustStore): ChipVerification {
  const sod = opened.parts.find((p) => p.entry.kind === 'chip.sod')
  if (!sod) return notChecked(bilingualMessage('messages.chipCheck.noSod'))
  if (sod.entry.placeholder) return notChecked(bilingualMessage('messages.chipCheck.placeholder'))
  const dataGroups = new Map<number, Uint8Array>()
  for (const part of opened.parts) {
    if (part.entry.kind !== 'chip.dg' || part.entry.placeholder) continue
    const number = dataGroupNumberOf(part.entry.name)
    if (number !== null) dataGroups.set(number, part.data)
  }
  const checkedAt = opened.manifest.times.submittedAt
  const result = passiveAuthentication({
    sod: sod.data,
    dataGroups,
    trust,
    now: new Date(checkedAt),
  })
  return {
    verdict: result.verdict,
    reason: result.failed ?? null,
    failedCheck: result.failedCheck ?? null,
    dataGroups: result.checks.dataGroupHashes.map((g) => ({ number: g.number, status: g.status })),
    documentSigner: result.documentSigner?.subject ?? null,
    csca: result.csca ? `${result.csca.subject} (${result.csca.source})` : null,
    checkedAt,
  }
}
