import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium } from './support/browser'
import { axeViolations } from './support/axe'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser.close())

// The specs call expectAccessible on every screen; this shows the checker finds what it must.
describe('the WCAG AA check the specs use', () => {
  it('reports faint text and an image without a text alternative', async () => {
    const page = await browser.newPage()
    await page.setContent(
      '<html lang="vi"><head><title>t</title></head><body><main>' +
        '<p style="color:#aaa;background:#fff">chữ mờ</p><img src="data:,">' +
        '</main></body></html>',
    )
    const ids = (await axeViolations(page)).map((v) => v.id)
    expect(ids).toEqual(expect.arrayContaining(['color-contrast', 'image-alt']))
  })

  it('finds nothing on a plain accessible page', async () => {
    const page = await browser.newPage()
    await page.setContent(
      '<html lang="vi"><head><title>t</title></head><body><main><h1>Hồ sơ</h1>' +
        '<p style="color:#111;background:#fff">chữ rõ</p></main></body></html>',
    )
    expect(await axeViolations(page)).toEqual([])
  })
})
