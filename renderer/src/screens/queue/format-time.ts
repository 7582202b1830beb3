/**
 * A time the core sent (ISO 8601), as a date and time on Vietnam's clock whatever the kiosk's time
 * zone is set to: every station and the intake server work on it.
 */
export function formatStationTime(iso: string, language: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(at)
}
