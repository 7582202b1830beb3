import type { Page } from 'playwright-core'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startHostProcess } from '../e2e/support/host-process'
import { setUpStation } from '../e2e/support/officer-session'
import { launchWithCamera, openPortrait, waitForAnalysed } from '../e2e/support/portrait-page'
import type { Timing } from './stats'

export interface CameraBrowserFigures {
  /** createBrowserFaceEngine + a warm-up frame, in the worker (WASM backend). */
  loadMs: number
  /** observe('live') + assessPortrait per 640×480 frame, in the worker. */
  analysis: Timing
  /** Frames the live loop analysed per second over the window. */
  fps: number
  frames: number
  seconds: number
}

const RENDERER = join(import.meta.dirname, '..', '..', 'out', 'renderer', 'index.html')

/** What the page's live loop reports while it runs for `ms`: one sample per analysed frame. */
async function sampleLiveLoop(
  page: Page,
  ms: number,
): Promise<{ samples: number[]; frames: number; seconds: number }> {
  // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
  return page.evaluate(`(async () => {
    const screen = document.querySelector('[data-testid="portrait-screen"]')
    const count = () => Number(screen.dataset.analysed ?? 0)
    const samples = []
    const first = count()
    const started = performance.now()
    const observer = new MutationObserver(() => samples.push(Number(screen.dataset.analysisMs)))
    observer.observe(screen, { attributes: true, attributeFilter: ['data-analysed'] })
    await new Promise((resolve) => setTimeout(resolve, ${ms}))
    observer.disconnect()
    return { samples, frames: count() - first, seconds: (performance.now() - started) / 1000 }
  })()`)
}

function timingOf(samples: number[]): Timing {
  const sorted = samples.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? Number.NaN }
}

/**
 * The portrait analysis in Chromium on the built renderer: the headless host, the fake camera
 * playing the `good` scenario (auto-capture held off so the loop keeps running), the worker's
 * model load, its analysis time per frame and the live loop's frames per second over ~5 s.
 */
export async function measureCameraInBrowser(windowMs = 5000): Promise<CameraBrowserFigures> {
  if (!existsSync(RENDERER)) throw new Error('out/renderer is missing: npm run build first')
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-camera-'))
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ portrait: { autoCaptureFrames: 100 } }),
  )
  const host = await startHostProcess(['--data-dir', dataDir, '--devices', 'simulated'])
  const browser = await launchWithCamera('good')
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
    await setUpStation(page, host)
    await openPortrait(page)
    await waitForAnalysed(page, 3, 120_000)
    const loadMs = Number(await page.getByTestId('portrait-screen').getAttribute('data-load-ms'))
    const { samples, frames, seconds } = await sampleLiveLoop(page, windowMs)
    return { loadMs, analysis: timingOf(samples), fps: frames / seconds, frames, seconds }
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
