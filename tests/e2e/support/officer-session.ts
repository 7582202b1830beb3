import type { Page } from 'playwright-core'
import type { HostProcess } from './host-process'

export const SUPERVISOR = {
  username: 'chi-huy',
  displayName: 'Trần Văn Hùng',
  policeId: 'Thiếu tá',
  password: 'sông Hồng chảy về biển',
}

/** First run through the setup screen with the code the host printed: the supervisor signs in. */
export async function setUpStation(page: Page, host: HostProcess): Promise<void> {
  if (!host.setupCode) throw new Error('the host printed no setup code (the station has officers)')
  await page.goto(host.url)
  await page.getByRole('heading', { level: 1, name: 'Thiết lập trạm lần đầu' }).waitFor()
  await page.getByLabel('Mã thiết lập').fill(host.setupCode)
  await page.getByLabel('Tên đăng nhập').fill(SUPERVISOR.username)
  await page.getByLabel('Họ và tên').fill(SUPERVISOR.displayName)
  await page.getByLabel('Số hiệu hoặc cấp bậc').fill(SUPERVISOR.policeId)
  await page.getByLabel('Mật khẩu', { exact: true }).fill(SUPERVISOR.password)
  await page.getByLabel('Nhập lại mật khẩu').fill(SUPERVISOR.password)
  await page.getByRole('button', { name: 'Tạo tài khoản chỉ huy' }).click()
  await page.getByTestId('signed-in-as').waitFor()
}

/** Signs in on a page that shows the sign-in screen (in either language). */
export async function signIn(
  page: Page,
  username = SUPERVISOR.username,
  password = SUPERVISOR.password,
): Promise<void> {
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type="submit"]').click()
}

/** Opens the station's address and signs the supervisor in: what every station test starts with. */
export async function openSignedIn(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.url)
  await page.locator('input[name="username"]').waitFor()
  await signIn(page)
  await page.getByTestId('signed-in-as').waitFor()
}
