import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deviceKinds, errorCodes, healthStatuses, deviceModes } from '../../../electron/contract'
import { createI18n } from './index'
import en from '../../../resources/locales/en.json'
import vi from '../../../resources/locales/vi.json'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('locales', () => {
  it('Vietnamese and English have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort())
  })

  it('have no empty strings', () => {
    for (const locale of [vi, en]) {
      const strings = keys(locale).map((k) =>
        k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], locale),
      )
      expect(strings.every((s) => typeof s === 'string' && s.trim().length > 0)).toBe(true)
    }
  })

  it('translate every error code, device kind, health status and device mode of the contract', () => {
    const all = new Set(keys(vi))
    for (const code of errorCodes) expect(all).toContain(`errors.${code}`)
    for (const kind of deviceKinds) expect(all).toContain(`devices.kind.${kind}`)
    for (const status of healthStatuses) expect(all).toContain(`devices.status.${status}`)
    for (const mode of deviceModes) expect(all).toContain(`devices.mode.${mode}`)
  })

  it('cover every key the components use', () => {
    const all = new Set(keys(vi))
    const sources: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (path.endsWith('.tsx')) sources.push(readFileSync(path, 'utf8'))
      }
    }
    walk(join(import.meta.dirname, '..'))
    const used = sources.flatMap((s) => [...s.matchAll(/\bt\('([a-zA-Z.]+)'\)/g)].map((m) => m[1]!))
    expect(used.length).toBeGreaterThan(5)
    for (const key of used) expect(all, key).toContain(key)
  })

  it('start in Vietnamese and switch to English', async () => {
    const i18n = await createI18n()
    expect(i18n.t('devices.title')).toBe('Tình trạng thiết bị')
    await i18n.changeLanguage('en')
    expect(i18n.t('devices.title')).toBe('Device health')
  })
})
