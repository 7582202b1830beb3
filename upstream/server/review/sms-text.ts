/** The public address citizens activate their account at, as in the notice citizens receive. */
export const VNEID_URL = 'https://vneid.gov.vn'

/**
 * The approval notice sent by SMS when a level-2 file is approved, in the words of the published
 * procedure (see shared/seed), with the citizen's name in place of "A".
 */
export function approvalSms(citizenName: string): { vi: string; en: string } {
  return {
    vi:
      `Cục Cảnh sát quản lý hành chính về trật tự xã hội thông báo: Hồ sơ đăng ký tài khoản định danh ` +
      `điện tử của công dân ${citizenName} đã được phê duyệt. Vui lòng truy cập ứng dụng VNeID hoặc ` +
      `địa chỉ ${VNEID_URL} để kích hoạt tài khoản`,
    en:
      `The Department of Social Order and Safety announces: The electronic identification account ` +
      `registration file of citizen ${citizenName} has been approved. Please access the VNeID ` +
      `application or the address ${VNEID_URL} to activate the account`,
  }
}
