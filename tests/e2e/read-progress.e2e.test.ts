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

interface Frame {
  type?: string
  channel?: string
  event?: string
  payload?: Record<string, unknown>
}

const frameOf = (data: string) => JSON.parse(data) as Frame

/** What the tap does to the bridge's frames from the host. */
interface Tap {
  /** `card.readProgress` at most this often: a slow reader link, as a person would see it. */
  progressEveryMs: number
  /** Once a frame matches, it and every later one wait until released. */
  holdAfter: ((frame: Frame) => boolean) | null
  /** The frame the hold began after, once it did. */
  onHold?: (frame: Frame) => void
}

/** The training card asked for is the one with 4 KB answers: DG2 comes in several blocks. */
function withMultiBlockCard(data: string): string {
  const frame = frameOf(data)
  if (frame.type !== 'request' || frame.channel !== 'card.simulateInsert') return data
  return JSON.stringify({ ...frame, payload: { ...frame.payload, scenario: 'ef-atr-info-4k' } })
}

/**
 * The bridge between the page and the host, tapped. The virtual chip reads in well under a
 * second: paced, its blocks arrive as from a slow link (the page times them with its own clock),
 * and held, the page stays mid-read for as long as the test looks at it. Frames keep their order.
 */
function tapBridge(route: WebSocketRoute, tap: Tap): () => void {
  const server = route.connectToServer()
  route.onMessage((frame) =>
    server.send(typeof frame === 'string' ? withMultiBlockCard(frame) : frame),
  )
  const held: string[] = []
  let holding = false
  let lastProgressAt = 0
  let chain = Promise.resolve()
  server.onMessage((raw) => {
    const data = typeof raw === 'string' ? raw : raw.toString('utf8')
    chain = chain.then(async () => {
      if (holding) return void held.push(data)
      const frame = frameOf(data)
      if (frame.event === 'card.readProgress' && tap.progressEveryMs > 0) {
        const wait = lastProgressAt + tap.progressEveryMs - Date.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        lastProgressAt = Date.now()
      }
      route.send(data)
      if (tap.holdAfter?.(frame)) {
        holding = true
        tap.onHold?.(frame)
      }
    })
  })
  return () => {
    chain = chain.then(() => {
      holding = false
      tap.progressEveryMs = 0
      for (const frame of held.splice(0)) route.send(frame)
    })
  }
}

/** DG2's second block or later, before its last: the bulk of the read, half done. */
function isMidDg2(frame: Frame): boolean {
  const { file, bytesRead, total } = frame.payload ?? {}
  return (
    frame.event === 'card.readProgress' &&
    file === 'DG2' &&
    typeof bytesRead === 'number' &&
    typeof total === 'number' &&
    bytesRead >= 8000 &&
    bytesRead < total
  )
}

async function readHeldMidDg2(lang: Lang): Promise<{ page: Page; release: () => void }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  const page = await context.newPage()
  const tap: Tap = { progressEveryMs: 0, holdAfter: null }
  let release: () => void = () => undefined
  await page.routeWebSocket(/\/bridge/, (route) => {
    release = tapBridge(route, tap)
  })
  await signedInHome(page, host.url, lang, SUPERVISOR)
  await startEnrollment(page, lang)
  const can = await placeTrainingCard(page, lang)
  await page.getByLabel(text(lang, 'enrollment.identify.accessLabel')).fill(can)
  const held = new Promise<Frame>((resolve) =>
    Object.assign(tap, { progressEveryMs: 400, holdAfter: isMidDg2, onHold: resolve }),
  )
  await page.getByRole('button', { name: text(lang, 'enrollment.identify.read') }).click()
  const { payload } = await held
  // The page has drawn the last block it was sent.
  await page.waitForFunction(
    (bytes) =>
      (document.getElementById('chip-read-progress') as HTMLProgressElement | null)?.value ===
      bytes,
    payload?.documentBytesRead,
  )
  return { page, release: () => release() }
}

describe.each(['vi', 'en'] as const)('the chip read in progress, in %s', (lang) => {
  it('one bar for the document, the file being read and the time left', async () => {
    const { page, release } = await readHeldMidDg2(lang)
    // Every file but DG2 read, DG2 sized by its first block: the total is exact.
    const label = (await page.getByTestId('read-bytes').textContent()) ?? ''
    expect(label).toMatch(
      lang === 'vi' ? /^Đã đọc \d+,\d\/\d+,\d KB$/ : /^Read \d+\.\d of \d+\.\d KB$/,
    )
    // The label is the bar's accessible name.
    const bar = page.getByRole('progressbar', { name: label })
    const [value = 0, max = 0] = await bar.evaluate((el: HTMLProgressElement) => [el.value, el.max])
    expect(value).toBeGreaterThan(max * 0.3)
    expect(value).toBeLessThan(max * 0.8)
    expect(await page.getByTestId('read-estimate').textContent()).toMatch(
      lang === 'vi' ? /^Khoảng \d+ giây nữa$/ : /^About \d+ s left$/,
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
