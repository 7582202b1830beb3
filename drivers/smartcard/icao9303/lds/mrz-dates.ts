/**
 * MRZ dates are YYMMDD without a century. A date of birth is the latest century that does not put
 * it after today; an expiry date is the century that puts it nearest to today (within ±50 years).
 * Returns ISO 'YYYY-MM-DD', or null when the field is not a real date ('<' for unknown parts, 31 April).
 */
export function mrzDateToIso(yymmdd: string, kind: 'birth' | 'expiry', today: Date): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd)
  if (!m) return null
  const [yy, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const thisYear = today.getUTCFullYear()
  let year = Math.floor(thisYear / 100) * 100 + yy
  if (kind === 'birth') {
    if (Date.UTC(year, month - 1, day) > today.getTime()) year -= 100
  } else if (year < thisYear - 50) {
    year += 100
  } else if (year > thisYear + 50) {
    year -= 100
  }
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}
