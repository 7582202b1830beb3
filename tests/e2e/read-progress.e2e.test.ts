import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page, WebSocketRoute } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { launchChromium } from './support/browser'
import {
  placeTrainingCard,
  signedInHome,
  startEnrollment,
  text,
  type Lang,
} from './support/enrollment-page'
import { startHostProcess, type HostProcess } from './support/host-process'
import { setUpStation, SUPERVISOR } from './support/officer-session'
import { ARTIFACTS_DIR } from './support/screenshot'

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-read-progress-'))
let host: HostProcess
let browser: Browser

beforeAll(async () => {
  host = await startHostProcess(['--data-dir', dataDir, '--devices', 'simulated'])
  browser = await launchChromium()
  await setUpStation(await browser.newPage(), host)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  const code = await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  expect(code).toBe(0)
})

/**
 * The bridge between the page and the host, with a tap: once `hold` says so for a frame from the
 * host, that frame and every later one wait until `release`. The virtual chip reads in well under
 * a second; held after a block, the page stays mid-read for as long as the test looks at it.
 */
function tapBridge(route: WebSocketRoute, hold: { after: ((frame: string) => boolean) | null }) {
  const server = route.connectToServer()
  const held: string[] = []
  let holding = false
  route.onMessage((frame) => server.send(frame))
  server.onMessage((frame) => {
    const data = typeof frame === 'string' ? frame : frame.toString('utf8')
    if (holding) return void held.push(data)
    route.send(data)
    if (hold.after?.(data)) holding = true
  })
  return () => {
    holding = false
    for (const frame of held.splice(0)) route.send(frame)
  }
}

function isDg2Block(frame: string): boolean {
  const parsed = JSON.parse(frame) as { type?: string; event?: string; payload?: { file?: string } }
  return parsed.event === 'card.readProgress' && parsed.payload?.file === 'DG2'
}

async function readHeldAfterDg2(lang: Lang): Promise<{ page: Page; release: () => void }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  const page = await context.newPage()
  const hold: { after: ((frame: string) => boolean) | null } = { after: null }
  let release: () => void = () => undefined
  await page.routeWebSocket(/\/bridge/, (route) => {
    release = tapBridge(route, hold)
  })
  await signedInHome(page, host.url, lang, SUPERVISOR)
  await startEnrollment(page, lang)
  const can = await placeTrainingCard(page, lang)
  await page.getByLabel(text(lang, 'enrollment.identify.accessLabel')).fill(can)
  hold.after = isDg2Block
  await page.getByRole('button', { name: text(lang, 'enrollment.identify.read') }).click()
  await page.getByTestId('read-file').filter({ hasText: 'DG2' }).waitFor()
  return { page, release: () => release() }
}

describe.each(['vi', 'en'] as const)('the chip read in progress, in %s', (lang) => {
  it('one bar for the document, the file being read and the time left', async () => {
    const { page, release } = await readHeldAfterDg2(lang)
    // EF.COM, EF.SOD, DG1 and DG2 read; DG13, DG14 and DG15 listed but not yet sized.
    const label = (await page.getByTestId('read-bytes').textContent()) ?? ''
    expect(label).toMatch(
      lang === 'vi'
        ? /^Đã đọc \d+,\d\/\d+,\d KB \(số tệp chưa rõ cỡ: 3\)$/
        : /^Read \d+\.\d of \d+\.\d KB \(files not sized yet: 3\)$/,
    )
    // The label is the bar's accessible name.
    const bar = page.getByRole('progressbar', { name: label })
    const [value, max] = await bar.evaluate((el: HTMLProgressElement) => [el.value, el.max])
    expect(value).toBeGreaterThan(20_000)
    expect(value).toBeLessThanOrEqual(max ?? 0)
    expect(await page.getByTestId('read-estimate').textContent()).toBe(
      text(lang, 'enrollment.identify.readEstimating'),
    )
    await page.getByTestId('read-progress').screenshot({
      path: join(ARTIFACTS_DIR, `identify-${lang}-reading.png`),
      animations: 'disabled',
    })
    await page.screenshot({
      path: join(ARTIFACTS_DIR, `identify-${lang}-reading-page.png`),
      animations: 'disabled',
      caret: 'hide',
      fullPage: true,
    })
    await expectAccessible(page, `identify-${lang}-reading`)
    release()
    await page.getByTestId('person-name').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('read-progress').count()).toBe(0)
    await page.context().close()
  }, 120_000)
})
