import type { Manifest } from '../../../protocol/packet'
import type { FileRecord } from '../db/files'
import { UpstreamError } from '../errors'
import type { Reviewer } from './accounts/reviewer'

/**
 * Why `reviewer` may not approve this file, or null. Rejecting is open to every reviewer: it
 * only sends the citizen back to the desk.
 *
 * - A simulated file (the kiosk's simulator, training) is approved only on the training
 *   upstream: anywhere else it would open a real account on made-up data.
 * - A senior reviewer must approve a file the station let through with a supervisor's exception
 *   (a missing finger, a manual portrait …) or whose chip data is `untrusted` (intact and signed,
 *   but by no CSCA this upstream holds): both rest on a judgement a second, senior person makes.
 */
export function approvalRefusal(
  file: FileRecord,
  manifest: Pick<Manifest, 'approvals'>,
  reviewer: Reviewer,
  training: boolean,
): UpstreamError | null {
  if (file.simulated && !training)
    return new UpstreamError(
      'simulated_not_approvable',
      `${file.fileId} is a simulated file; approve it only on the training upstream`,
    )
  if (reviewer.role === 'senior') return null
  const exceptions = manifest.approvals?.length ?? 0
  if (exceptions > 0)
    return new UpstreamError(
      'senior_required',
      `${file.fileId} has ${exceptions} exception(s)`,
      undefined,
      {
        because: 'exceptions',
      },
    )
  if (file.chip?.verdict === 'untrusted')
    return new UpstreamError(
      'senior_required',
      `${file.fileId} has untrusted chip data`,
      undefined,
      {
        because: 'untrusted',
      },
    )
  return null
}
