/** Values filled into a reason's `{{name}}` placeholders. */
export type ReasonParams = Readonly<Record<string, string | number>>

/** Why a rule decided as it did: a stable code and the values its sentence needs. */
export interface RuleReason<Code extends string = string> {
  readonly code: Code
  readonly params: ReasonParams
}

/**
 * What every validator of this folder returns: the normalised value, or the reason it was refused
 * (a code whose text, saying what to fix, is `rules.<area>.<code>` in the locale files).
 */
export type RuleResult<Value, Reason extends string> =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly reason: Reason; readonly params: ReasonParams }

export function accept<Value>(value: Value): { ok: true; value: Value } {
  return { ok: true, value }
}

export function refuse<Reason extends string>(
  reason: Reason,
  params: ReasonParams = {},
): { ok: false; reason: Reason; params: ReasonParams } {
  return { ok: false, reason, params }
}

/** The areas whose reason codes have texts under `rules.<area>.*`. */
export type RuleArea =
  'eligibility' | 'phone' | 'email' | 'healthInsurance' | 'licence' | 'plate' | 'registration'

/** The locale key of a reason's sentence: `rules.<area>.<code>`. */
export function ruleMessageKey(area: RuleArea, code: string): string {
  return ['rules', area, code].join('.')
}
