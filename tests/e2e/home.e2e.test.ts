import { expectAccessible } from './support/axe'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchChromium } from './support/browser'
import { startHostProcess, type HostProcess } from './support/host-process'
import { openSignedIn, setUpStation } from './support/officer-session'
import { expectScreenshotMatches } from './support/screenshot'

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'))
let host: HostProcess
let browser: Browser
// What the pages of the current test loaded from off the machine, and the errors they raised.
let offsite: string[] = []
let problems: string[] = []
let pages: Page[] = []

beforeAll(async () => {
  host = await startHostProcess(['--data-dir', dataDir, '--devices', 'simulated'])
  browser = await launchChromium()
  // Every page of these tests signs in first, as the first supervisor made here.
  const page = await browser.newPage()
  await setUpStation(page, host)
  await page.close()
})

afterAll(async () => {
  await browser?.close()
  const code = await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  // The host shuts down cleanly on SIGTERM.
  expect(code).toBe(0)
})

/** A page in a context of its own, watched for off-machine requests, errors and CSP violations. */
async function preparePage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  pages.push(page)
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
  return page
}

async function openPage(url: string): Promise<Page> {
  const page = await preparePage()
  await page.goto(url)
  return page
}

/** A watched page of the station with the supervisor signed in. */
async function openStation(): Promise<Page> {
  const page = await preparePage()
  await openSignedIn(page, host)
  return page
}

const VI_TITLE = 'Đăng ký tài khoản định danh điện tử mức 2'
const EN_TITLE = 'Level-2 electronic identification account registration'

// The language is the core's, shared by every page of this host: each test starts in Vietnamese,
// whatever the test before it chose (or left half-done when it failed).
beforeEach(async () => {
  const page = await browser.newPage()
  await page.goto(host.url)
  await page.getByRole('heading', { level: 1 }).waitFor()
  if ((await page.locator('html').getAttribute('lang')) !== 'vi') {
    await page.getByRole('button', { name: 'Tiếng Việt' }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi')
  }
  await page.close()
})

// Every test, on its own pages: nothing loaded from off the machine, no error raised (CSP included).
afterEach(async () => {
  for (const page of pages) await page.close()
  const seen = { offsite, problems }
  pages = []
  offsite = []
  problems = []
  expect(seen).toEqual({ offsite: [], problems: [] })
})

describe('station home under the headless host', () => {
  it('renders in Vietnamese and lists the simulated devices', async () => {
    const page = await openStation()
    await page.getByRole('heading', { level: 1, name: VI_TITLE }).waitFor()
    const rows = page.getByTestId('device-list').locator('li')
    await expect.poll(() => rows.count()).toBe(4)
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(
        /Đầu đọc thẻ CCCD gắn chíp[\s\S]*Virtual CCCD reader[\s\S]*Mô phỏng[\s\S]*Sẵn sàng/,
      ),
      expect.stringMatching(/Máy thu vân tay[\s\S]*EF01 fingerprint module[\s\S]*Sẵn sàng/),
      expect.stringMatching(/Máy ảnh chân dung[\s\S]*Fake capture device[\s\S]*Sẵn sàng/),
      expect.stringMatching(/Máy quét mã QR[\s\S]*Mô phỏng[\s\S]*Sẵn sàng/),
    ])
    expect(await page.locator('html').getAttribute('lang')).toBe('vi')
    expect(await page.getByTestId('readiness').innerText()).toBe('Trạm sẵn sàng tiếp nhận hồ sơ.')
    expect(await page.getByTestId('training-banner').isVisible()).toBe(true)
    // Training keys are in clear, and the home screen says so.
    expect(await page.getByTestId('key-protection').getAttribute('data-kind')).toBe(
      'plain-training',
    )
    await expectScreenshotMatches(page, 'home-vi.png', { mask: dynamicParts(page) })
    await expectAccessible(page, 'station home (vi)')
  })

  it('switches to English, and the core keeps the choice across a reload', async () => {
    const page = await openStation()
    await page.getByTestId('device-list').waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: EN_TITLE }).waitFor()
    expect(await page.getByRole('heading', { name: 'Device health' }).isVisible()).toBe(true)
    expect(await page.getByTestId('device-list').locator('.device-status').allInnerTexts()).toEqual(
      ['Ready', 'Ready', 'Ready', 'Ready'],
    )
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await expectScreenshotMatches(page, 'home-en.png', { mask: dynamicParts(page) })
    await expectAccessible(page, 'station home (en)')

    // Another page (its own context) gets the language from the core, not from this page.
    const other = await openPage(host.url)
    await other.getByRole('heading', { level: 1, name: 'Officer sign-in' }).waitFor()
    // A reload is a new connection: the officer signs in again, and the language stays.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Officer sign-in' }).waitFor()
    await openSignedIn(page, host)
    await page.getByRole('heading', { name: 'Device health' }).waitFor()
    await page.getByRole('button', { name: 'Tiếng Việt' }).click()
    await page.getByRole('heading', { name: 'Tình trạng thiết bị' }).waitFor()
  })

  it('re-checks the devices on request, through the bridge', async () => {
    const sent: string[] = []
    const replies: unknown[] = []
    const page = await preparePage()
    // Listening before the first load, so the page's socket is seen from its first frame.
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => sent.push(String(f.payload)))
      ws.on('framereceived', (f) => replies.push(JSON.parse(String(f.payload))))
    })
    await openSignedIn(page, host)
    await page.getByTestId('device-list').waitFor()
    await page.getByRole('button', { name: 'Kiểm tra lại' }).click()
    await expect.poll(() => sent.map((f) => JSON.parse(f).channel)).toContain('devices.refresh')
    const id = sent.map((f) => JSON.parse(f)).find((f) => f.channel === 'devices.refresh').id
    await expect
      .poll(() => replies.find((r) => (r as { id?: number }).id === id))
      .toMatchObject({
        type: 'reply',
        reply: { ok: true, value: [{ kind: 'card-reader' }, {}, {}, {}] },
      })
    await page.getByRole('button', { name: 'Kiểm tra lại' }).waitFor()
    expect(await page.getByTestId('device-list').locator('li').count()).toBe(4)
  })

  it('tells the officer what to do when opened without the token', async () => {
    const bare = await openPage(host.url.replace(/#.*$/, ''))
    await bare.getByText('Không tìm thấy trạm.', { exact: false }).waitFor()
  })
})

/** What differs from one run to the next: the station id and the training upstream's address. */
function dynamicParts(page: Page) {
  return [page.getByTestId('station-id'), page.getByTestId('upstream').locator('.upstream-url')]
}
