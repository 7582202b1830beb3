import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/browser'
import { startHostProcess, type HostProcess } from './support/host-process'

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'))
let host: HostProcess
let browser: Browser
const offsite: string[] = []
const problems: string[] = []

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  host = await startHostProcess(['--data-dir', dataDir, '--devices', 'simulated'])
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  const code = await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  // The host shuts down cleanly on SIGTERM.
  expect(code).toBe(0)
})

async function openPage(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.route('**/*', (route) => {
    const target = new URL(route.request().url())
    if (target.hostname !== '127.0.0.1') {
      offsite.push(target.href)
      return route.abort()
    }
    return route.continue()
  })
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  // CSP violations reach neither 'console' nor 'pageerror': listen for them in the page itself.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  await page.goto(url)
  return page
}

async function screenshot(page: Page, name: string): Promise<PNG> {
  const path = join(ARTIFACTS, name)
  await page.screenshot({ path })
  return PNG.sync.read(readFileSync(path))
}

describe('station home under the headless host', () => {
  let page: Page

  it('renders in Vietnamese and lists the simulated devices', async () => {
    page = await openPage(host.url)
    await page
      .getByRole('heading', { level: 1, name: 'Đăng ký tài khoản định danh điện tử mức 2' })
      .waitFor()
    const rows = page.getByTestId('device-list').locator('li')
    await expect.poll(() => rows.count()).toBe(3)
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(
        /Đầu đọc thẻ CCCD gắn chíp[\s\S]*Virtual CCCD reader[\s\S]*Mô phỏng[\s\S]*Sẵn sàng/,
      ),
      expect.stringMatching(/Máy thu vân tay[\s\S]*EF01 fingerprint module[\s\S]*Sẵn sàng/),
      expect.stringMatching(/Máy ảnh chân dung[\s\S]*Fake capture device[\s\S]*Sẵn sàng/),
    ])
    expect(await page.locator('html').getAttribute('lang')).toBe('vi')
    expect(await page.getByTestId('readiness').innerText()).toBe('Trạm sẵn sàng tiếp nhận hồ sơ.')
    expect(await page.getByTestId('training-banner').isVisible()).toBe(true)
    const png = await screenshot(page, 'home-vi.png')
    expect([png.width, png.height]).toEqual([1280, 800])
  })

  it('switches to English, and the core keeps the choice across a reload', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Level-2 electronic identification account registration',
      })
      .waitFor()
    expect(await page.getByRole('heading', { name: 'Device health' }).isVisible()).toBe(true)
    expect(await page.getByTestId('device-list').locator('.device-status').allInnerTexts()).toEqual(
      ['Ready', 'Ready', 'Ready'],
    )
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await screenshot(page, 'home-en.png')

    await page.reload()
    await page.getByRole('heading', { name: 'Device health' }).waitFor()
    await page.getByRole('button', { name: 'Tiếng Việt' }).click()
    await page.getByRole('heading', { name: 'Tình trạng thiết bị' }).waitFor()
  })

  it('re-checks the devices on request, through the bridge', async () => {
    const sent: string[] = []
    const replies: unknown[] = []
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => sent.push(String(f.payload)))
      ws.on('framereceived', (f) => replies.push(JSON.parse(String(f.payload))))
    })
    // A fresh load, so the listener above sees the page's socket from its first frame.
    await page.reload()
    await page.getByTestId('device-list').waitFor()
    await page.getByRole('button', { name: 'Kiểm tra lại' }).click()
    await expect.poll(() => sent.map((f) => JSON.parse(f).channel)).toContain('devices.refresh')
    const id = sent.map((f) => JSON.parse(f)).find((f) => f.channel === 'devices.refresh').id
    await expect
      .poll(() => replies.find((r) => (r as { id?: number }).id === id))
      .toMatchObject({
        type: 'reply',
        reply: { ok: true, value: [{ kind: 'card-reader' }, {}, {}] },
      })
    await page.getByRole('button', { name: 'Kiểm tra lại' }).waitFor()
    expect(await page.getByTestId('device-list').locator('li').count()).toBe(3)
  })

  it('tells the officer what to do when opened without the token', async () => {
    const bare = await openPage(host.url.replace(/#.*$/, ''))
    await bare.getByText('Không tìm thấy trạm.', { exact: false }).waitFor()
    await bare.close()
  })

  it('loaded nothing from off the machine and raised no errors (CSP included)', () => {
    expect(offsite).toEqual([])
    expect(problems).toEqual([])
  })
})
