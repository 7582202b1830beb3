import { auditEntryFromRow, entryHash, GENESIS_HASH, type AuditRow } from './audit-log'

/** How an audit log is broken, from the entries alone or against its signed anchors. */
export const auditFaultKinds = [
  'edited',
  'deleted',
  'inserted',
  'reordered',
  'recomputed',
  'truncated',
  'checkpoint-forged',
] as const
export type AuditFaultKind = (typeof auditFaultKinds)[number]

export interface AuditFault {
  kind: AuditFaultKind
  /** The first sequence number found bad (for `recomputed`: the first one no signed anchor vouches for). */
  seq: number
  /** A short English account for logs and `--json`; people read the catalogue sentence. */
  detail: string
}

/** True when the row's stored hash is the hash of its own content and stored link. */
function contentMatches(row: AuditRow): boolean {
  try {
    return entryHash(row.prev_hash, auditEntryFromRow(row)) === row.hash
  } catch {
    // details that no longer parse as JSON: the content was changed.
    return false
  }
}

function fault(kind: AuditFaultKind, seq: number, detail: string): AuditFault {
  return { kind, seq, detail }
}

/** Where `seq` sits in row order at or after `from`, or -1. */
function indexOfSeq(rows: readonly AuditRow[], seq: number, from: number): number {
  for (let i = from; i < rows.length; i++) if (rows[i]?.seq === seq) return i
  return -1
}

/**
 * Classifies a row whose link or content is wrong, the row being at the expected seq. The order of
 * the questions matters: a swapped pair also looks like an insertion from its second row.
 */
function classifyBrokenRow(
  rows: readonly AuditRow[],
  i: number,
  prevHash: string,
  positionOfHash: ReadonlyMap<string, number>,
): AuditFault {
  const row = rows[i] as AuditRow
  const linkOk = row.prev_hash === prevHash
  const linked = positionOfHash.get(row.prev_hash)
  if (linked !== undefined && linked > i)
    return fault('reordered', row.seq, `entry ${row.seq} links to a later entry`)
  if (rows[i + 1]?.prev_hash === prevHash)
    return fault('inserted', row.seq, `entry ${row.seq} is skipped by the link of the next one`)
  if (linked !== undefined && linked < i - 1) {
    const first = rows[linked + 1] as AuditRow
    return fault('inserted', first.seq, `entries from ${first.seq} are not in the signed chain`)
  }
  if (linkOk) return fault('edited', row.seq, `entry ${row.seq} no longer matches its hash`)
  if (contentMatches(row)) {
    // Its own hash is right but its link points to nothing: the entry before it was rewritten.
    const before = rows[i - 1]
    if (before) return fault('edited', before.seq, `entry ${before.seq} was rewritten`)
    return fault('deleted', 1, 'the first entries are missing')
  }
  return fault('deleted', row.seq, `an entry before ${row.seq} is missing (renumbered)`)
}

/**
 * The first fault the entries show on their own, in row order, or null. Independent of any
 * trigger: it trusts nothing but the hash function.
 */
export function firstChainFault(rows: readonly AuditRow[]): AuditFault | null {
  const positionOfHash = new Map<string, number>()
  rows.forEach((row, i) => {
    if (!positionOfHash.has(row.hash)) positionOfHash.set(row.hash, i)
  })
  const seen = new Set<number>()
  let prevHash = GENESIS_HASH
  let prevAt = ''
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as AuditRow
    const expected = i + 1
    if (seen.has(row.seq)) return fault('inserted', row.seq, `seq ${row.seq} appears twice`)
    seen.add(row.seq)
    if (row.seq !== expected) {
      if (indexOfSeq(rows, expected, i + 1) >= 0)
        return fault('reordered', expected, `entry ${expected} is stored after entry ${row.seq}`)
      if (row.seq > expected)
        return fault('deleted', expected, `entries ${expected}..${row.seq - 1} are missing`)
      return fault('inserted', row.seq, `seq ${row.seq} is out of sequence`)
    }
    if (row.prev_hash !== prevHash || !contentMatches(row))
      return classifyBrokenRow(rows, i, prevHash, positionOfHash)
    if (row.at < prevAt)
      return fault('reordered', row.seq, `entry ${row.seq} is dated before the entry before it`)
    prevHash = row.hash
    prevAt = row.at
  }
  return null
}
