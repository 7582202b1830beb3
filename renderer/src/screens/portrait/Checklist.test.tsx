import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { renderTranslated } from '../../test-support'
import { Checklist } from './Checklist'
import { assessment } from './portrait-fixtures'

afterEach(cleanup)

describe('portrait checklist', () => {
  it('shows the value its limit applies to: raw pixels for the eyes, 0–100 otherwise', async () => {
    const components = assessment().components.map((c) =>
      c.name === 'InterEyeDistance'
        ? {
            ...c,
            raw: 109.6,
            scalar: 86,
            limit: { on: 'raw' as const, atLeast: 90, atMost: null, absolute: false },
          }
        : c.name === 'HeadPoseYaw'
          ? {
              ...c,
              raw: -1.84,
              scalar: 100,
              limit: { on: 'raw' as const, atLeast: null, atMost: 8, absolute: true },
            }
          : c,
    )
    await renderTranslated(<Checklist components={components} />)
    const row = (name: string) =>
      screen.getByTestId('portrait-checklist').querySelector(`[data-component="${name}"]`)
    const eyes = within(row('InterEyeDistance') as HTMLElement)
    expect(eyes.getByText(/^110/)).toBeTruthy()
    expect(eyes.getByText('≥ 90')).toBeTruthy()
    expect(within(row('HeadPoseYaw') as HTMLElement).getByText('|…| ≤ 8')).toBeTruthy()
    expect(within(row('HeadPoseYaw') as HTMLElement).getByText(/^-1\.84/)).toBeTruthy()
    expect(within(row('LuminanceMean') as HTMLElement).getByText(/^91/)).toBeTruthy()
  })
})
