import { describe, expect, it } from 'vitest'
import { parseDg13 } from './dg13'
import { buildDg13, type Dg13Input } from './dg13-build'
import { parseCccdQr } from './qr'
import { reconcile } from './reconcile'

const CHIP_INPUT: Dg13Input = {
  idNumber: '001099012345',
  fullName: 'Nguyễn Văn A',
  dateOfBirth: '1999-03-15',
  sex: 'M',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Hà Nội',
  placeOfResidence: 'Số 1, Phường A, Quận B, Hà Nội',
  personalIdentification: 'Nốt ruồi',
  dateOfIssue: '2021-01-01',
  dateOfExpiry: '2024-03-15',
  oldIdNumber: '123456789',
}
const chip = parseDg13(buildDg13(CHIP_INPUT))
const QR =
  '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Số 1, Phường A, Quận B, Hà Nội|01012021'

describe('QR ↔ chip reconciliation', () => {
  it('finds nothing to report when they agree', () => {
    expect(reconcile(parseCccdQr(QR), chip)).toEqual([])
  })

  it('ignores case, spacing and Unicode form in names and addresses', () => {
    const qr = parseCccdQr(
      QR.replace('Nguyễn Văn A', 'NGUYỄN  VĂN a').replace('Số 1, Phường A', 'số 1,  phường a'),
    )
    const nfdChip = { ...chip, fullName: (chip.fullName ?? '').normalize('NFD') }
    expect(reconcile(qr, nfdChip)).toEqual([])
  })

  it('names each mismatching field with both values', () => {
    const qr = parseCccdQr('001099012346|987654321|Nguyễn Văn B|16031999|Nữ|Hà Nội|02012021')
    expect(reconcile(qr, chip)).toEqual([
      { field: 'idNumber', qr: '001099012346', chip: '001099012345' },
      { field: 'oldIdNumber', qr: '987654321', chip: '123456789' },
      { field: 'fullName', qr: 'Nguyễn Văn B', chip: 'Nguyễn Văn A' },
      { field: 'dateOfBirth', qr: '1999-03-16', chip: '1999-03-15' },
      { field: 'sex', qr: 'F', chip: 'M' },
      { field: 'address', qr: 'Hà Nội', chip: 'Số 1, Phường A, Quận B, Hà Nội' },
      { field: 'dateOfIssue', qr: '2021-01-02', chip: '2021-01-01' },
    ])
  })

  it('reports a value missing on one side, and skips what the QR variant lacks', () => {
    const noOldId = parseDg13(buildDg13({ ...CHIP_INPUT, oldIdNumber: null }))
    expect(reconcile(parseCccdQr(QR), noOldId)).toEqual([
      { field: 'oldIdNumber', qr: '123456789', chip: null },
    ])
    const sixField = parseCccdQr(
      '001099012345|Nguyễn Văn A|15/03/1999|Nam|Số 1, Phường A, Quận B, Hà Nội|01/01/2021',
    )
    expect(reconcile(sixField, noOldId)).toEqual([])
  })
})
