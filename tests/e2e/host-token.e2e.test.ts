import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import en from '../../resources/locales/en.json'
import vi from '../../resources/locales/vi.json'
import { launchChromium } from './support/browser'
import { startHostProcess, type HostProcess } from './support/host-process'

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-token-'))
let host: HostProcess
let browser: Browser

beforeAll(async () => {
  host = await startHostProcess(['--data-dir', dataDir, '--devices', 'simulated'])
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  const code = await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  expect(code).toBe(0)
})

async function openPage(url: string): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(url)
  return page
}

describe('the host page opened with the wrong address', () => {
  it('says in both languages that the address is out of date, instead of "connecting…"', async () => {
    const origin = new URL(host.url).origin
    const page = await openPage(`${origin}/#token=from-an-earlier-run`)
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.locator('[lang="vi"]').innerText()).toBe(vi.host.staleToken)
    expect(await alert.locator('[lang="en"]').innerText()).toBe(en.host.staleToken)
    expect(await page.locator('.loading').count()).toBe(0)
    await page.close()
  })

  it('without a token, says in both languages which address to open', async () => {
    const page = await openPage(new URL(host.url).origin)
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.locator('[lang="vi"]').innerText()).toBe(vi.connection.noHost)
    expect(await alert.locator('[lang="en"]').innerText()).toBe(en.connection.noHost)
    await page.close()
  })

  it('the address the host printed still connects', async () => {
    const page = await openPage(host.url)
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await page.getByRole('alert').count()).toBe(0)
    await page.close()
  })
})
