import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { assessPortrait, createNodeFaceEngine, type FakeCameraScenario } from '../../drivers/camera'
import { startHostProcess, type HostProcess } from './support/host-process'
import { openSignedIn, setUpStation, signIn, SUPERVISOR } from './support/officer-session'
import {
  countForeignRequests,
  launchWithCamera,
  openPortrait,
  tokenImage,
  waitForAnalysed,
} from './support/portrait-page'
import { expectAccessible } from './support/axe'
import { ARTIFACTS_DIR } from './support/screenshot'

const root = join(import.meta.dirname, '..', '..')
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-portrait-'))
const OFFICER = { username: 'can-bo', password: 'đường về làng xa xôi' }
let host: HostProcess
let browser: Browser | null = null

beforeAll(async () => {
  host = await startHostProcess(['--data-dir', dataDir, '--devices', 'simulated'])
  // First run: the supervisor account every test signs in with.
  const setup = await launchWithCamera(null)
  await setUpStation(await setup.newPage(), host)
  await setup.close()
  expect(await addOfficer()).toBe(0)
})

/** `kiosk officers add`: an officer, so that the supervisor can approve that officer's exception. */
function addOfficer(): Promise<number | null> {
  const args = ['officers', 'add', '--data-dir', dataDir, '--as', SUPERVISOR.username]
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin', 'kiosk.js'),
      ...args,
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

afterEach(async () => {
  await browser?.close()
  browser = null
})

afterAll(async () => {
  const code = await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  expect(code).toBe(0)
})

/** Saves the screen for a person to look at, and checks it against WCAG AA. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: join(ARTIFACTS_DIR, name),
    animations: 'disabled',
    caret: 'hide',
    fullPage: true,
  })
  await expectAccessible(page, name)
}

/** One Chromium per scenario, signed in, on the portrait screen, foreign requests counted. */
async function portraitPage(
  scenario: FakeCameraScenario | null,
  permission?: 'granted' | 'denied',
) {
  browser = await launchWithCamera(scenario, permission)
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  const requests = await countForeignRequests(context, new URL(host.url).origin)
  const page = await context.newPage()
  await openSignedIn(page, host)
  await openPortrait(page)
  return { page, requests }
}

const screenPhase = (page: Page) => page.getByTestId('portrait-screen').getAttribute('data-phase')
const row = (page: Page, name: string) => page.locator(`[data-component="${name}"]`)

describe('portrait capture with Chromium’s fake camera', () => {
  it(
    'good: auto-captures; portrait.check accepts and returns an ISO token image',
    { timeout: 180_000 },
    async () => {
      const { page, requests } = await portraitPage('good')
      await waitForAnalysed(page, 1, 120_000)
      await shot(page, 'portrait-live-good.png')
      const result = page.getByTestId('portrait-result')
      await result.waitFor({ timeout: 120_000 })
      expect(await result.getAttribute('data-state')).toBe('accepted')
      // No card was read in this session: nothing to match against.
      expect(await page.getByTestId('portrait-match').getAttribute('data-verdict')).toBe(
        'no-chip-photo',
      )
      await shot(page, 'portrait-accepted.png')

      const token = await tokenImage(page)
      const engine = await createNodeFaceEngine()
      const faces = await engine.observe(token, 'full')
      engine.dispose()
      const eyes = assessPortrait(token, faces).eyes
      expect(faces).toHaveLength(1)
      expect(eyes).not.toBeNull()
      const W = token.width
      const [lx, ly] = eyes!.imageLeft
      const [rx, ry] = eyes!.imageRight
      expect(token.height).toBe(Math.round(W / 0.75))
      // The eyes found again on the token (a fresh detection on a re-sampled JPEG) land within
      // 1.5 % of W of where ISO/IEC 19794-5 puts them (measured at W 480: midpoint 2.8 px left,
      // 0.8 px low; inter-eye distance 5.5 px wider).
      const tolerance = 0.015 * W
      expect(Math.abs((lx + rx) / 2 - W / 2)).toBeLessThan(tolerance)
      expect(Math.abs((ly + ry) / 2 - 0.6 * W)).toBeLessThan(tolerance)
      expect(Math.abs(Math.hypot(rx - lx, ry - ly) - 0.25 * W)).toBeLessThan(tolerance)

      // Models, wasm and every frame's analysis: nothing left the host's origin.
      expect(requests.local.some((url) => url.includes('/face/models/'))).toBe(true)
      expect(requests.local.some((url) => url.endsWith('.wasm'))).toBe(true)
      expect(requests.foreign).toEqual([])
    },
  )

  it('the host serves the face models and the WASM binaries with their content types', async () => {
    const origin = new URL(host.url).origin
    const wasm = await fetch(`${origin}/face/wasm/tfjs-backend-wasm-simd.wasm`)
    expect(wasm.headers.get('content-type')).toBe('application/wasm')
    const weights = await fetch(`${origin}/face/models/blazeface.bin`)
    expect(weights.headers.get('content-type')).toBe('application/octet-stream')
    const manifest = await fetch(`${origin}/face/models/blazeface.json`)
    expect(manifest.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it('no face: never captures, and says there is no face', { timeout: 120_000 }, async () => {
    const { page, requests } = await portraitPage('no-face')
    await waitForAnalysed(page, 15, 90_000)
    expect(await screenPhase(page)).toBe('live')
    await expect
      .poll(() => page.getByTestId('portrait-status').textContent())
      .toContain('Không thấy khuôn mặt nào')
    expect(await row(page, 'SingleFacePresent').getAttribute('data-verdict')).toBe('failed')
    expect(await row(page, 'SingleFacePresent').textContent()).toContain('Chỉ để một người')
    expect(await page.getByTestId('portrait-result').count()).toBe(0)
    await shot(page, 'portrait-no-face.png')
    expect(requests.foreign).toEqual([])
  })

  it(
    'two faces: never captures, and says only one person may be in the frame',
    { timeout: 120_000 },
    async () => {
      const { page } = await portraitPage('two-faces')
      await waitForAnalysed(page, 15, 90_000)
      expect(await screenPhase(page)).toBe('live')
      await expect
        .poll(() => page.getByTestId('portrait-status').textContent())
        .toContain('Thấy 2 khuôn mặt')
      expect(await row(page, 'SingleFacePresent').getAttribute('data-verdict')).toBe('failed')
      expect(await page.getByTestId('portrait-result').count()).toBe(0)
      await shot(page, 'portrait-two-faces.png')
    },
  )

  it(
    'manual capture: the officer gives a reason, a supervisor approves, the re-check takes the frame',
    { timeout: 120_000 },
    async () => {
      browser = await launchWithCamera('two-faces')
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
      const sent: string[] = []
      page.on('websocket', (ws) => ws.on('framesent', (frame) => sent.push(String(frame.payload))))
      await page.goto(host.url)
      await page.locator('input[name="username"]').waitFor()
      await signIn(page, OFFICER.username, OFFICER.password)
      await page.getByTestId('signed-in-as').waitFor()
      await openPortrait(page)
      await waitForAnalysed(page, 3, 90_000)
      await page.getByRole('button', { name: 'Chụp thủ công (cần chỉ huy phê duyệt)' }).click()
      const dialog = page.getByRole('dialog')
      expect(await dialog.getByLabel('Ngoại lệ').inputValue()).toBe('manual-portrait')
      await dialog.getByLabel('Lý do').fill('Công dân không giữ yên được đầu')
      await dialog.getByLabel('Chỉ huy phê duyệt').fill(SUPERVISOR.username)
      await dialog.getByLabel('Mật khẩu').fill(SUPERVISOR.password)
      await shot(page, 'portrait-manual-approval.png')
      await dialog.getByRole('button', { name: 'Phê duyệt' }).click()
      const result = page.getByTestId('portrait-result')
      await result.waitFor({ timeout: 60_000 })
      expect(await result.getAttribute('data-state')).toBe('accepted')
      expect(sent.some((m) => m.includes('portrait.check') && m.includes('"manual"'))).toBe(true)
      await shot(page, 'portrait-manual-result.png')
    },
  )

  it('permission denied: says how to allow the camera, with Retry', async () => {
    const { page } = await portraitPage('good', 'denied')
    const problem = page.getByTestId('camera-problem')
    await problem.waitFor()
    expect(await problem.getAttribute('data-problem')).toBe('permission-denied')
    expect(await problem.getByRole('button', { name: 'Thử lại' }).isVisible()).toBe(true)
    await shot(page, 'portrait-permission-denied.png')
  })

  it('no camera: says so, and the rest of the station stays usable', async () => {
    const { page } = await portraitPage(null)
    const problem = page.getByTestId('camera-problem')
    await problem.waitFor()
    expect(await problem.getAttribute('data-problem')).toBe('no-camera')
    await shot(page, 'portrait-no-camera.png')
    await page.getByRole('button', { name: 'Trang chính' }).click()
    await page.getByTestId('portrait-screen').waitFor({ state: 'detached' })
  })
})
