import fc from 'fast-check'
import { ParseError } from '../../../lib/parse-error'
import { readCccdMrz } from '../../../drivers/smartcard/cccd/mrz'
import { parseCccdQr } from '../../../drivers/smartcard/cccd/qr'
import { reconcile } from '../../../drivers/smartcard/cccd/reconcile'
import { parseDg13 } from '../../../drivers/smartcard/cccd/dg13'
import { validateIdNumber } from '../../../drivers/smartcard/cccd/id-number'
import { syntheticCitizens } from '../../../drivers/smartcard/cccd/synthetic-citizens'
import { parseMrz } from '../../../drivers/smartcard/icao9303/lds/mrz'
import { formatMrz } from '../../../drivers/smartcard/icao9303/lds/mrz-build'
import { randomText } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { FUZZ_NOW } from '../fixtures/fixture-keys'
import { dataGroupSeeds } from '../seeds/chip'

const utf8 = new TextDecoder('utf-8')
const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))
const citizens = () => syntheticCitizens('fuzz-text', 6, { today: FUZZ_NOW })

/** The six-field form the Zalo app re-shares: no old ID, dd/MM/yyyy dates. */
function sixField(payload: string): string {
  const [id, , name, dob, sex, address, issued] = payload.split('|')
  const slashed = (d = '') => `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`
  return [id, name, slashed(dob), sex, address, slashed(issued)].join('|')
}

/** Fields and dates a QR payload holds, and their edge cases (29 February, day 00, 9 digits). */
const QR_TOKENS = [
  '|',
  '||',
  '29022001',
  '29022000',
  '00012000',
  '31132000',
  '079301012345',
  '123456789',
  '\uFEFF',
  '\r\n',
  'Nam',
  'Nữ',
  '/',
  '9'.repeat(40),
]

/** MRZ pieces: document codes, fillers, check digits, dates. */
const MRZ_TOKENS = [
  'IDVNM',
  'P<VNM',
  'I<VNM',
  '<<',
  '<'.repeat(30),
  '\n',
  '000000',
  '991231',
  '<0',
  'VNM',
  '9'.repeat(30),
]

export const cccdQr: FuzzTarget = {
  name: 'cccd-qr',
  parses:
    'parseCccdQr (the CCCD QR code from a handheld scanner), then validateIdNumber and reconcile against a DG13',
  typedErrors: 'ParseError',
  setup: () => {
    const payloads = citizens().map((c) => c.qrPayload)
    const seeds = [
      ...payloads,
      ...payloads.slice(0, 2).map(sixField),
      `\uFEFF${payloads[0]}\r\n`,
      `${payloads[1]}|extra|fields`,
    ].map(text)
    const chip = parseDg13(dataGroupSeeds(13)[0] as Uint8Array)
    return {
      seeds,
      generated: randomText('0123456789|/ NamNữ Việt Trần Nguyễn\r\n\uFEFFABCxyz.-', 300),
      structure: { tlv: false, dictionary: QR_TOKENS },
      mode: 'sync',
      execute: (input) => {
        const qr = parseCccdQr(utf8.decode(input))
        validateIdNumber(qr.idNumber, { dateOfBirth: qr.dateOfBirth, sex: qr.sex, today: FUZZ_NOW })
        return reconcile(qr, chip)
      },
      isTyped: instanceOfAny(ParseError),
    }
  },
}

export const mrzText: FuzzTarget = {
  name: 'mrz-text',
  parses:
    'parseMrz (MRZ text as OCR or a scanner gives it: TD1, TD2, TD3, lines or one run) then readCccdMrz',
  typedErrors: 'ParseError',
  setup: () => {
    const lines = citizens().map((c) => formatMrz(c.mrz))
    const td3 = formatMrz({
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'VNM',
      documentNumber: 'C1234567',
      dateOfBirth: '900101',
      sex: 'F',
      dateOfExpiry: '300101',
      nationality: 'VNM',
      surname: 'NGUYEN',
      givenNames: 'THI AN',
      optionalData: '079190000001',
    })
    const td2 = formatMrz({
      ...citizens()[0]!.mrz,
      format: 'TD2',
      documentNumber: 'AB1234567890',
      optionalData: '',
    })
    const seeds = [
      ...lines.map((l) => l.join('\n')),
      (lines[0] ?? []).join(''),
      (lines[1] ?? []).join('\r\n'),
      td3.join('\n'),
      td2.join('\n'),
      ` ${(lines[2] ?? []).join(' \n ')} \n`,
    ].map(text)
    return {
      seeds,
      generated: fc.oneof(
        randomText('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<\n', 120),
        randomText('<ID VNM0123456789\r\n', 100),
      ),
      structure: { tlv: false, dictionary: MRZ_TOKENS },
      mode: 'sync',
      execute: (input) => readCccdMrz(parseMrz(utf8.decode(input))),
      isTyped: instanceOfAny(ParseError),
    }
  },
}
