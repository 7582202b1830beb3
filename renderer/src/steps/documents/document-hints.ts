import {
  parseCalendarDate,
  parseHealthInsurance,
  parseLicenceExpiry,
  parseLicenceNumber,
  parsePlate,
  parseRegistrationNumber,
} from '../../../../electron/contract'
import type { Hint } from '../shared/FieldHint'

/** The texts of accepted values, in the current language. */
export interface HintTexts {
  health(number: string, group: string | null): string
  licence: string
  expiry(noExpiry: boolean): string
  plate(display: string, locality: string): string
  registration: string
}

const blank = (text: string) => text.trim() === ''

/** Each document field's hint from the contract rules, null while the field is empty. */
export function documentHints(texts: HintTexts, today: string | null) {
  return {
    health(text: string): Hint {
      if (blank(text)) return null
      const r = parseHealthInsurance(text)
      if (!r.ok) return { ok: false, area: 'healthInsurance', reason: r.reason, params: r.params }
      return {
        ok: true,
        text: texts.health(
          r.value.socialInsuranceNumber,
          r.value.groupKnown ? null : r.value.group,
        ),
      }
    },
    licence(text: string): Hint {
      if (blank(text)) return null
      const r = parseLicenceNumber(text)
      return r.ok
        ? { ok: true, text: texts.licence }
        : { ok: false, area: 'licence', reason: r.reason, params: r.params }
    },
    expiry(text: string): Hint {
      const on = today === null ? null : parseCalendarDate(today)
      if (blank(text) || !on) return null
      const r = parseLicenceExpiry(text, on)
      return r.ok
        ? { ok: true, text: texts.expiry(r.value === null) }
        : { ok: false, area: 'licence', reason: r.reason, params: r.params }
    },
    plate(text: string): Hint {
      if (blank(text)) return null
      const r = parsePlate(text)
      return r.ok
        ? { ok: true, text: texts.plate(r.value.display, r.value.localityName) }
        : { ok: false, area: 'plate', reason: r.reason, params: r.params }
    },
    registration(text: string): Hint {
      if (blank(text)) return null
      const r = parseRegistrationNumber(text)
      return r.ok
        ? { ok: true, text: texts.registration }
        : { ok: false, area: 'registration', reason: r.reason, params: r.params }
    },
  }
}
