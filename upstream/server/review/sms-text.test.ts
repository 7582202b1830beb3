import { describe, expect, it } from 'vitest'
import { approvalSms } from './sms-text'

describe('approval SMS', () => {
  it('is the published level-2 notice with the citizen’s name', () => {
    const { vi, en } = approvalSms('NGUYỄN VĂN A')
    expect(en).toBe(
      'The Department of Social Order and Safety announces: The electronic identification account ' +
        'registration file of citizen NGUYỄN VĂN A has been approved. Please access the VNeID ' +
        'application or the address https://vneid.gov.vn to activate the account',
    )
    expect(vi).toMatch(/^Cục Cảnh sát quản lý hành chính về trật tự xã hội thông báo: /)
    expect(vi).toContain('công dân NGUYỄN VĂN A đã được phê duyệt')
    expect(vi).toContain('https://vneid.gov.vn')
  })
})
