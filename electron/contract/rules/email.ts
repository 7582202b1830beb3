import { accept, refuse, type RuleResult } from './reason'

export const emailReasonCodes = ['bad-format', 'too-long'] as const
export type EmailReasonCode = (typeof emailReasonCodes)[number]

/** RFC 5321's limits on a path: 254 characters in all, 64 before the @. */
const MAX_LENGTH = 254
const MAX_LOCAL_LENGTH = 64
/** Letters of any script, digits, and the punctuation mail systems accept before the @. */
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u

/**
 * The optional email address: trimmed and NFC; empty is no address (`value: null`). A sane check,
 * not RFC 5322: one @, a dotted local part, a domain of at least two labels whose last is letters;
 * the domain is lower-cased (it is case-blind), the local part kept as typed.
 */
export function parseEmail(text: string): RuleResult<string | null, EmailReasonCode> {
  const trimmed = text.normalize('NFC').trim()
  if (trimmed === '') return accept(null)
  if (trimmed.length > MAX_LENGTH) return refuse('too-long', { max: MAX_LENGTH })
  const at = trimmed.lastIndexOf('@')
  const local = trimmed.slice(0, at)
  const domain = trimmed.slice(at + 1).toLowerCase()
  if (at <= 0 || local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) {
    return refuse('bad-format')
  }
  const labels = domain.split('.')
  const topLevel = labels.at(-1) ?? ''
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) {
    return refuse('bad-format')
  }
  if (!/^\p{L}{2,}$/u.test(topLevel)) return refuse('bad-format')
  return accept(`${local}@${domain}`)
}
