import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { createNodeFaceEngine, encodePng } from '../../drivers/camera'
import * as still from '../../drivers/camera/test-support'
import { buildDg2, trainingFaceJpeg } from '../../drivers/smartcard'
import {
  checkPortrait,
  DEFAULT_PORTRAIT_SETTINGS,
  portraitParts,
} from '../../electron/core/portrait'
import type { PacketPartInput } from '../../protocol/packet'
import {
  buildFile,
  registerTerminal,
  sampleDg1,
  sampleInput,
  sampleSod,
  testTerminal,
  uploadFile,
} from '../../upstream/server/test-support'
import { startUpstream, type ListeningUpstream } from '../../upstream/server'
import {
  jsonPart,
  sampleConsentRecord,
  sampleDocumentPart,
  sampleEnrollmentRecord,
  sampleFingerParts,
} from '../../upstream/server/review/review-test-support'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium } from './support/browser'

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const FILE_A = 'aaaaaaaa-0000-4000-8000-000000000001'
const FILE_B = 'aaaaaaaa-0000-4000-8000-000000000002'
let browser: Browser
let upstream: ListeningUpstream
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'review-page-'))
  upstream = await startUpstream({ dataDir, port: 0, training: true })
  const terminal = testTerminal()
  await registerTerminal(upstream, terminal)
  // FILE_A carries a real portrait (the fake camera's frame through the kiosk's re-check), the
  // training citizen's chip photo in DG2, ten finger records, a document photo and the desk's
  // enrollment and consent records; FILE_B is an older file: stand-in portrait, no records.
  const parts = [
    ...(await realPortraitFileParts(sampleInput(terminal, FILE_A).parts)).filter(
      (p) => p.kind !== 'finger' && p.kind !== 'consent',
    ),
    ...(await sampleFingerParts((i) => (i % 2 ? 'png' : 'jpeg2000-lossless'))),
    sampleDocumentPart('document/photo-1'),
    jsonPart('enrollment', 'enrollment', sampleEnrollmentRecord(['document/photo-1'])),
    jsonPart('consent', 'consent', sampleConsentRecord()),
  ]
  const files = [
    buildFile(upstream, terminal, FILE_A, { parts }),
    buildFile(upstream, terminal, FILE_B),
  ]
  for (const file of files) {
    const answer = await uploadFile(upstream, terminal, file)
    expect(answer.statusCode, answer.body).toBe(200)
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await upstream?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function realPortraitFileParts(
  fixture: readonly PacketPartInput[],
): Promise<PacketPartInput[]> {
  const face = trainingFaceJpeg(20_000)
  if (!face) throw new Error('resources/camera/training-citizen.jpg is missing from the checkout')
  const dg2 = buildDg2({ image: face.jpeg, width: face.width, height: face.height })
  const engine = await createNodeFaceEngine()
  const { accepted } = await checkPortrait(
    {
      engine: () => Promise.resolve(engine),
      settings: DEFAULT_PORTRAIT_SETTINGS,
      now: () => new Date(),
    },
    {
      input: {
        pngBase64: Buffer.from(encodePng(still.cameraFrame())).toString('base64'),
        capture: 'auto',
      },
      chipFace: face.jpeg,
      manualApproved: false,
    },
  )
  if (!accepted) throw new Error('the fake camera frame should pass the re-check')
  const sod = sampleSod(
    new Map([
      [1, sampleDg1()],
      [2, dg2],
    ]),
  )
  return [
    ...fixture.filter((p) => p.name !== 'portrait' && p.name !== 'chip/EF.SOD'),
    { name: 'chip/EF.SOD', kind: 'chip.sod', mediaType: 'application/octet-stream', data: sod },
    {
      name: 'chip/DG2',
      kind: 'chip.dg',
      mediaType: 'application/octet-stream',
      data: Buffer.from(dg2),
    },
    ...portraitParts(accepted),
  ]
}

describe('review page in Chromium', () => {
  it('approves one file and rejects another with a reason, under its CSP, in both languages', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    // The built page runs no inline code: the CSP would refuse it.
    const html = await (await fetch(new URL('/review/', upstream.reviewUrl))).text()
    expect(html).toContain('<script type="module" crossorigin src="/review/review.js">')
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i)
    await page.goto(upstream.reviewUrl)
    // The token leaves the address bar once read.
    await expect.poll(() => page.url()).not.toContain('token=')
    await expect.poll(() => page.locator('#training').isVisible()).toBe(true)
    expect(await page.locator('h1').textContent()).toContain('Duyệt hồ sơ')
    await page.locator('tr.row').first().waitFor()
    // Signed in by the address: the sign-in form is gone.
    expect(await page.locator('#login').isVisible()).toBe(false)
    expect(await page.locator('tr.row').count()).toBe(2)

    await page.locator('tr.row').first().click()
    await expect.poll(() => page.locator('#facts').textContent()).toContain('NGUYEN VAN AN')
    // This upstream holds no CSCA: the sample chip data is shown as untrusted, with the reason.
    expect(await page.locator('#facts .verdict-untrusted').textContent()).toBe('chưa tin cậy')
    expect(await page.locator('#facts').textContent()).toContain('No trusted CSCA')
    expect(await page.locator('tr.row .verdict-untrusted').count()).toBe(2)
    // Both faces side by side, decoded by the browser, with the kiosk's score and verdict.
    await expect.poll(() => page.locator('#faces').isVisible()).toBe(true)
    for (const id of ['#kiosk-face', '#chip-face']) {
      await expect
        .poll(() => page.locator(id).evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0)
    }
    const faces = (await page.locator('#faces').textContent()) ?? ''
    expect(faces).toMatch(/Kết luậnKhớp/)
    expect(faces).toMatch(/Điểm so khớp(0\.[5-9]\d|1\.00)Ngưỡng0\.50/)
    // What the officer established at the desk, and the ten fingers and the photo as images.
    expect(await page.locator('#desk-identity').textContent()).toContain('Trần Thị Bình')
    expect(await page.locator('#desk-eligibility').textContent()).toContain('Trần Văn Cường')
    expect(await page.locator('#desk-consent').textContent()).toContain('2026-11')
    await expect.poll(() => page.locator('#fingers img').count()).toBe(10)
    await expect.poll(() => page.locator('#photos img').count()).toBe(1)
    const decodedWidths = () =>
      page
        .locator('#fingers img, #photos img')
        .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))
    await expect.poll(async () => (await decodedWidths()).every((w) => w > 0)).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'review-vi.png'), fullPage: true })
    await page.locator('#approve').click()
    await expect.poll(() => page.locator('tr.row').count()).toBe(1)

    await page.locator('tr.row').first().click()
    // The older file: no desk records, and its stand-in finger bytes do not decode (a 422).
    await expect.poll(() => page.locator('#desk').textContent()).toContain('phiên bản cũ')
    await expect
      .poll(() => page.locator('#fingers .error').textContent())
      .toContain('Không hiển thị được vân tay này')
    await page.locator('#reject').click()
    expect(await page.locator('#error').textContent()).toContain('lý do')
    await page.locator('#reason').fill('Ảnh chân dung bị mờ')
    await page.locator('#reject').click()
    await expect.poll(() => page.locator('#list').textContent()).toContain('Không có hồ sơ')

    await page.locator('#lang').click()
    expect(await page.locator('h1').textContent()).toContain('file review')
    await page.locator('[data-tab="outbox"]').click()
    await expect
      .poll(() => page.locator('#list').textContent())
      .toContain('has been approved. Please access the VNeID application')
    await page.screenshot({ path: join(ARTIFACTS, 'review-en.png'), fullPage: true })
    expect(upstream.stats()).toEqual({ received: 2, approved: 1, rejected: 1, duplicates: 0 })
    // The only failed load is FILE_B's undecodable finger, answered 422 and noted on the page.
    expect(problems).toEqual([
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ])
    await page.close()
  })
})
