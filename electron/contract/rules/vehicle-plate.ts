import { PLATE_LOCALITIES } from './plate-localities'
import { accept, refuse, type RuleResult } from './reason'

export const plateReasonCodes = ['empty', 'bad-format', 'bad-series', 'unknown-locality'] as const
export type PlateReasonCode = (typeof plateReasonCodes)[number]

export const registrationReasonCodes = ['empty', 'bad-format'] as const
export type RegistrationReasonCode = (typeof registrationReasonCodes)[number]

export type VehicleKind = 'car' | 'motorcycle'

export interface VehiclePlate {
  /** Upper case, no separators: `30A12345`. */
  readonly compact: string
  /** As printed: cars `30A-123.45`, motorcycles `29-B1 234.56`; 4-digit plates `30A-1234`. */
  readonly display: string
  readonly kind: VehicleKind
  readonly locality: string
  readonly localityName: string
  readonly series: string
  readonly number: string
}

/** The 20 series letters (no I, J, O, Q, R, W), Circular 24/2023/TT-BCA via danviet.vn. */
const SERIES = /^[A-HK-NP-VX-Z][A-HK-NP-VX-Z\d]?$/
/** As written, with the series and the number apart: `29-B1 234.56`, `99-H7 7060`, `30A-123.45`. */
const PLATE_WRITTEN = /^(\d{2})[-\s]*([A-Z][A-Z\d]?)[-\s.]+(\d{3}\.?\d{2}|\d{4})$/
/** Run together (`30A12345`): a letter + digit series is read only when 4 digits follow it. */
const PLATE_COMPACT = /^(\d{2})([A-Z]{1,2}|[A-Z]\d)(\d{4,5})$/

function formatNumber(digits: string): string {
  return digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits
}

/**
 * A registration plate (Circular 24/2023/TT-BCA, replaced by Circular 79/2024/TT-BCA from
 * 2025-01-01, same shapes; vn-rules §6): 2-digit locality code, a series of one or two letters
 * (motorcycles: also letter + digit), then 5 digits (`000.01`–`999.99`) or, on older plates,
 * 4 digits. Spaces, dashes and dots are dropped and letters upper-cased. A letter + digit series
 * is a motorcycle's; a single letter a car's; two letters are read as a motorcycle's (`29-HA
 * 002.33`) unless `kind` says car. Special series (NG, diplomatic, army) are not handled here.
 */
export function parsePlate(
  text: string,
  kind?: VehicleKind,
): RuleResult<VehiclePlate, PlateReasonCode> {
  const written = text.normalize('NFKC').toUpperCase().trim()
  const compact = written.replace(/[\s.-]/g, '')
  if (compact === '') return refuse('empty')
  // Separators decide where the series ends (99-H7 7060 is not 99H-770.60); with none after the
  // series' first letter (30A12345, 30 A12345), the compact form is read.
  const runTogether = !/[A-Z].*[\s.-]/.test(written)
  const match = runTogether ? PLATE_COMPACT.exec(compact) : PLATE_WRITTEN.exec(written)
  if (!match) return refuse('bad-format')
  const [, locality = '', series = '', dotted = ''] = match
  const number = dotted.replace('.', '')
  if (!SERIES.test(series)) return refuse('bad-series', { series })
  if (number === '00000' || number === '0000') return refuse('bad-format')
  const localityName = PLATE_LOCALITIES.get(locality)
  if (localityName === undefined) return refuse('unknown-locality', { locality })
  const plateKind: VehicleKind = /\d/.test(series)
    ? 'motorcycle'
    : series.length === 1
      ? 'car'
      : (kind ?? 'motorcycle')
  const display =
    plateKind === 'car'
      ? `${locality}${series}-${formatNumber(number)}`
      : `${locality}-${series} ${formatNumber(number)}`
  return accept({
    compact,
    display,
    kind: plateKind,
    locality,
    localityName,
    series,
    number,
  })
}

/**
 * The number of the vehicle registration certificate (giấy chứng nhận đăng ký xe). Its format is
 * not published (vn-rules §6.3 [?]); the certificates seen carry a number of 6 digits, so 6 to 8
 * digits are accepted (spaces, dots and dashes dropped) rather than refuse a real one.
 */
export function parseRegistrationNumber(text: string): RuleResult<string, RegistrationReasonCode> {
  const compact = text.normalize('NFKC').replace(/[\s.-]/g, '')
  if (compact === '') return refuse('empty')
  if (!/^\d{6,8}$/.test(compact)) return refuse('bad-format')
  return accept(compact)
}
