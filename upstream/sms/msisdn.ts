/**
 * The international digits an SMSC routes on (E.164 without '+') for a Vietnamese mobile number as
 * the kiosk stores it (`0912345678`; vn-rules.md, "Phone numbers"). Also takes the +84 / 84 forms;
 * anything else is not a number the notice can go to.
 */
export function msisdnOf(phone: string): string | null {
  const compact = phone.replace(/[\s.-]/g, '')
  const national = /^0(\d{9})$/.exec(compact)
  if (national) return `84${national[1]}`
  const international = /^\+?84(\d{9})$/.exec(compact)
  return international ? `84${international[1]}` : null
}
