import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/browser'
import { startHostProcess, type HostProcess } from './support/host-process'
import { openSignedIn, setUpStation, signIn, SUPERVISOR } from './support/officer-session'
import { expectAccessible } from './support/axe'
import { ARTIFACTS_DIR } from './support/screenshot'

const root = join(import.meta.dirname, '..', '..')
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-officers-'))
const OFFICER = { username: 'can-bo', password: 'đường về làng xa xôi' }
let host: HostProcess
let browser: Browser

beforeAll(async () => {
  host = await startHostProcess(['--data-dir', dataDir, '--devices', 'simulated'])
  browser = await launchChromium()
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  const code = await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  expect(code).toBe(0)
})

/** Saves the screen for a person to look at, and checks it against WCAG AA. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS_DIR, name), animations: 'disabled', caret: 'hide' })
  await expectAccessible(page, name)
}

/** `kiosk officers add` on the station, the supervisor's password then the new one twice on stdin. */
function addOfficer(): Promise<number | null> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin', 'kiosk.js'),
      'officers',
      'add',
      '--data-dir',
      dataDir,
      '--as',
      SUPERVISOR.username,
      '--username',
      OFFICER.username,
      '--name',
      'Nguyễn Thị Lan',
    ],
    { stdio: ['pipe', 'ignore', 'inherit'] },
  )
  child.stdin.end(`${SUPERVISOR.password}\n${OFFICER.password}\n${OFFICER.password}\n`)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

describe('officer accounts on the headless host', () => {
  it('first run: the setup screen needs the code the station printed', async () => {
    expect(host.setupCode).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(host.url)
    await page.getByRole('heading', { level: 1, name: 'Thiết lập trạm lần đầu' }).waitFor()
    await shot(page, 'officers-setup-vi.png')
    // A person who walks up without the code cannot claim the station.
    await page.getByLabel('Mã thiết lập').fill('AAAAA-BBBBB')
    await page.getByLabel('Tên đăng nhập').fill('ke-gian')
    await page.getByLabel('Họ và tên').fill('Kẻ gian')
    await page.getByLabel('Mật khẩu', { exact: true }).fill('một mật khẩu dài dài')
    await page.getByLabel('Nhập lại mật khẩu').fill('một mật khẩu dài dài')
    await page.getByRole('button', { name: 'Tạo tài khoản chỉ huy' }).click()
    await page.getByRole('alert').getByText('Mã thiết lập không đúng').waitFor()
    await page.close()

    const setup = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await setUpStation(setup, host)
    expect(await setup.getByTestId('signed-in-as').innerText()).toBe('Trần Văn Hùng · Chỉ huy')
    await shot(setup, 'officers-home-signed-in.png')
    await setup.close()
    expect(await addOfficer()).toBe(0)
  })

  it('five wrong passwords lock the account; a supervisor unlocks it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(host.url)
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor()
    await shot(page, 'officers-sign-in-vi.png')
    for (let i = 1; i <= 4; i++) {
      await signIn(page, OFFICER.username, `sai mật khẩu số ${i}`)
      await page.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor()
    }
    // An unknown username gets the very same sentence.
    await signIn(page, 'khong-ton-tai', 'sai mật khẩu nữa')
    await page.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor()
    await signIn(page, OFFICER.username, 'sai mật khẩu số 5')
    await page.getByRole('alert').getByText('Tài khoản tạm khóa sau 5 lần').waitFor()
    await signIn(page, OFFICER.username, OFFICER.password)
    await page.getByRole('alert').getByText('Tài khoản tạm khóa').waitFor()
    await shot(page, 'officers-locked-vi.png')

    const supervisor = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await openSignedIn(supervisor, host)
    await supervisor.getByRole('button', { name: 'Quản lý cán bộ' }).click()
    const row = supervisor.getByTestId('officer-list').locator('li', { hasText: 'Nguyễn Thị Lan' })
    await row.getByText('Đang khóa').waitFor()
    await shot(supervisor, 'officers-list-locked.png')
    await row.getByRole('button', { name: 'Mở khóa' }).click()
    await row.getByText('Đang hoạt động').waitFor()
    await supervisor.close()

    await signIn(page, OFFICER.username, OFFICER.password)
    expect(await page.getByTestId('signed-in-as').innerText()).toBe(
      'Nguyễn Thị Lan · Cán bộ tiếp nhận',
    )
    // An officer has no officers screen.
    expect(await page.getByRole('button', { name: 'Quản lý cán bộ' }).count()).toBe(0)
    await page.close()
  })

  it('locks when idle: the work behind it leaves the DOM; the same officer unlocks; sign-out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.clock.install()
    await openSignedIn(page, host)
    await page.getByTestId('device-list').waitFor()
    const stationId = await page.getByTestId('station-id').innerText()
    await page.clock.fastForward('02:01')
    await page.getByRole('heading', { level: 1, name: 'Màn hình đã khóa' }).waitFor()
    const text = await page.evaluate(() => document.body.innerText)
    const tree = JSON.stringify(await page.locator('body').ariaSnapshot())
    for (const gone of [stationId, 'Tình trạng thiết bị', 'Đầu đọc thẻ CCCD']) {
      expect(text).not.toContain(gone)
      expect(tree).not.toContain(gone)
    }
    expect(await page.locator('[data-testid="device-list"]').count()).toBe(0)
    await shot(page, 'officers-idle-lock-vi.png')

    await page.getByLabel('Mật khẩu').fill('không phải mật khẩu')
    await page.getByRole('button', { name: 'Mở khóa' }).click()
    await page.getByRole('alert').waitFor()
    await page.getByLabel('Mật khẩu').fill(SUPERVISOR.password)
    await page.getByRole('button', { name: 'Mở khóa' }).click()
    await page.getByTestId('device-list').waitFor()

    await page.getByRole('button', { name: 'Đăng xuất' }).click()
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor()
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(stationId)
    await page.close()
  })

  it('shows the sign-in screen in English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(host.url)
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: 'Officer sign-in' }).waitFor()
    await page.locator('input[name="username"]').focus()
    await shot(page, 'officers-sign-in-en.png')
    await page.getByRole('button', { name: 'Tiếng Việt' }).click()
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor()
    await page.close()
  })
})
