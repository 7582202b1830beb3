import type { Browser, BrowserContext, Page } from 'playwright-core'
import jpeg from 'jpeg-js'
import { fakeCameraVideo, type FakeCameraScenario } from '../../../drivers/camera'
import { launchChromium } from './browser'

/** Chromium with the fake camera playing `scenario` (null: no camera at all), no permission UI. */
export function launchWithCamera(
  scenario: FakeCameraScenario | null,
  permission: 'granted' | 'denied' = 'granted',
): Promise<Browser> {
  const camera = scenario
    ? [
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fakeCameraVideo(scenario)}`,
      ]
    : []
  const ui =
    permission === 'granted' ? ['--use-fake-ui-for-media-stream'] : ['--deny-permission-prompts']
  return launchChromium([...ui, ...camera])
}

/** Counts (and refuses) every request whose origin is not `origin`: the kiosk fetches nothing else. */
export async function countForeignRequests(
  context: BrowserContext,
  origin: string,
): Promise<{ foreign: string[]; local: string[] }> {
  const seen = { foreign: [] as string[], local: [] as string[] }
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (new URL(url).origin === origin) {
      seen.local.push(url)
      return route.continue()
    }
    seen.foreign.push(url)
    return route.abort()
  })
  return seen
}

/** Opens the portrait screen from the station menu. */
export async function openPortrait(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Chụp ảnh chân dung' }).click()
  await page.getByTestId('portrait-screen').waitFor()
}

/** Waits until the live loop has analysed at least `frames` frames. */
export async function waitForAnalysed(page: Page, frames: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) =>
      Number(
        document.querySelector<HTMLElement>('[data-testid="portrait-screen"]')?.dataset.analysed ??
          0,
      ) >= n,
    frames,
    { timeout },
  )
}

/** The token image the page shows, decoded. */
export async function tokenImage(
  page: Page,
): Promise<{ width: number; height: number; data: Uint8Array }> {
  const src = await page.getByTestId('portrait-token').getAttribute('src')
  const base64 = (src ?? '').replace(/^data:image\/jpeg;base64,/, '')
  const decoded = jpeg.decode(Buffer.from(base64, 'base64'), { useTArray: true })
  return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data) }
}
