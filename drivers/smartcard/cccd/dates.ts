/**
 * Dates as Vietnamese cards print them (DD/MM/YYYY, the QR's DDMMYYYY) and as ISO 8601. People whose
 * day or month of birth is unknown have partial dates ("00/00/1950", "1950"), kept as partial ISO
 * ("1950", "1950-03").
 */

/** ISO 8601 ('YYYY-MM-DD', 'YYYY-MM' or 'YYYY') from a card date, or null if it is not one. */
export function cardDateToIso(text: string): string | null {
  const t = text.trim()
  let m = /^(\d{2})[/.-](\d{2})[/.-](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t)
  if (m) return partialIso(m[3] ?? '', m[2] ?? '', m[1] ?? '')
  m = /^(\d{2})[/.-](\d{4})$/.exec(t)
  if (m) return partialIso(m[2] ?? '', m[1] ?? '', '00')
  m = /^(\d{4})$/.exec(t)
  if (m) return partialIso(m[1] ?? '', '00', '00')
  return null
}

function partialIso(year: string, month: string, day: string): string | null {
  if (year === '0000') return null
  if (month === '00') return day === '00' ? year : null
  if (Number(month) > 12) return null
  if (day === '00') return `${year}-${month}`
  const iso = `${year}-${month}-${day}`
  return isCalendarDate(iso) ? iso : null
}

/** True for a real 'YYYY-MM-DD' date (no 31 April, 29 February only in leap years). */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  )
}

/** Card form of an ISO date: 'DD/MM/YYYY', 'MM/YYYY' or 'YYYY'. Throws RangeError on anything else. */
export function isoToCardDate(iso: string): string {
  const [year, month, day] = isoParts(iso)
  if (!month) return year
  if (!day) return `${month}/${year}`
  return `${day}/${month}/${year}`
}

/** The QR code's 'DDMMYYYY' (unknown parts as 00). */
export function isoToCompactDate(iso: string): string {
  const [year, month = '00', day = '00'] = isoParts(iso)
  return `${day}${month}${year}`
}

/** 'YYMMDD' for the MRZ from a full ISO date. */
export function isoToMrzDate(iso: string): string {
  if (!isCalendarDate(iso)) throw new RangeError(`not a full ISO date: ${iso}`)
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10)
}

function isoParts(iso: string): [string, string?, string?] {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso)
  if (
    !m ||
    (m[3] !== undefined && !isCalendarDate(iso)) ||
    !(Number(m[2] ?? '01') >= 1 && Number(m[2] ?? '01') <= 12)
  ) {
    throw new RangeError(`not an ISO date: ${iso}`)
  }
  return [m[1] ?? '', m[2], m[3]]
}
