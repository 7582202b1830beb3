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
    expect(vi).toBe(
      'Cục Cảnh sát quản lý hành chính về trật tự xã hội thông báo: Hồ sơ đăng ký tài khoản định ' +
        'danh điện tử của công dân NGUYỄN VĂN A đã được phê duyệt. Vui lòng truy cập ứng dụng ' +
        'VNeID hoặc địa chỉ https://vneid.gov.vn để kích hoạt tài khoản',
    )
  })

  it('inserts a name literally, even one that looks like a placeholder', () => {
    const { vi, en } = approvalSms('{{url}} $& TRẦN')
    expect(en).toContain('of citizen {{url}} $& TRẦN has been approved')
    expect(vi).toContain('công dân {{url}} $& TRẦN đã được phê duyệt')
  })
})
