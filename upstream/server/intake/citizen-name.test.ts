import { describe, expect, it } from 'vitest'
import { buildDg13, type Dg13Input } from '../../../drivers/smartcard'
import { openedPacketOf, sampleDg1 } from '../test-support'
import { citizenNameOf, dg13NameOf } from './citizen-name'

const holder: Dg13Input = {
  idNumber: '001088012345',
  fullName: 'Lê Đình Việt',
  dateOfBirth: '1988-05-12',
  sex: 'M',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Hà Nội',
  placeOfResidence: 'Hà Nội',
  personalIdentification: 'Nốt ruồi',
  dateOfIssue: '2021-01-01',
  dateOfExpiry: '2028-05-12',
}

const chipPart = (name: string, data: Uint8Array, placeholder = false) => ({
  name,
  kind: 'chip.dg' as const,
  mediaType: 'application/octet-stream',
  data,
  placeholder,
})
const jsonPart = (kind: 'enrollment' | 'contact', value: unknown) => ({
  name: kind,
  kind,
  mediaType: 'application/json',
  data: Buffer.from(JSON.stringify(value)),
})

describe('the citizen name a reviewer and the SMS show', () => {
  it('takes DG13’s name with its diacritics over the MRZ’s', () => {
    const chip = [chipPart('chip/DG1', sampleDg1()), chipPart('chip/DG13', buildDg13(holder))]
    expect(dg13NameOf(openedPacketOf(chip))).toBe('Lê Đình Việt')
    expect(citizenNameOf(openedPacketOf(chip))).toBe('Lê Đình Việt')
    expect(citizenNameOf(openedPacketOf(chip.slice(0, 1)))).toBe('NGUYEN VAN AN')
  })

  it('prefers the contact record’s name to the chip’s', () => {
    const parts = [
      chipPart('chip/DG13', buildDg13(holder)),
      jsonPart('contact', { phone: '0912345678', name: 'Lê Đình Việt (liên hệ)' }),
    ]
    expect(citizenNameOf(openedPacketOf(parts))).toBe('Lê Đình Việt (liên hệ)')
  })

  it('passes over a placeholder or unreadable DG13 and falls back to the MRZ', () => {
    const parts = [
      chipPart('chip/DG1', sampleDg1()),
      chipPart('chip/DG13', buildDg13(holder), true),
    ]
    expect(citizenNameOf(openedPacketOf(parts))).toBe('NGUYEN VAN AN')
    const broken = [
      chipPart('chip/DG1', sampleDg1()),
      chipPart('chip/DG13', Buffer.from([0x6d, 0x01])),
    ]
    expect(dg13NameOf(openedPacketOf(broken))).toBeUndefined()
    expect(citizenNameOf(openedPacketOf(broken))).toBe('NGUYEN VAN AN')
    expect(citizenNameOf(openedPacketOf([]))).toBeUndefined()
  })
})
