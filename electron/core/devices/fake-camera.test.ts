import { describe, expect, it } from 'vitest'
import { cameraSwitchesFor } from './fake-camera'

describe('the fake camera switches for Electron', () => {
  const build = (scenario: string) => `/cache/${scenario}.y4m`

  it('plays the good scenario on simulated devices', () => {
    expect(cameraSwitchesFor('simulated', {}, build)).toEqual({
      switches: [
        ['use-fake-device-for-media-stream'],
        ['use-file-for-fake-video-capture', '/cache/good.y4m'],
      ],
      warning: null,
    })
  })

  it('takes the scenario from KIOSK_FAKE_CAMERA', () => {
    const { switches } = cameraSwitchesFor('simulated', { KIOSK_FAKE_CAMERA: 'two-faces' }, build)
    expect(switches[1]).toEqual(['use-file-for-fake-video-capture', '/cache/two-faces.y4m'])
  })

  it('adds nothing on real or auto devices', () => {
    expect(cameraSwitchesFor('real', {}, build).switches).toEqual([])
    expect(cameraSwitchesFor('auto', {}, build).switches).toEqual([])
  })

  it('falls back to Chromium’s test pattern, with a warning, when the video cannot be built', () => {
    const failing = () => {
      throw new Error('ffmpeg not found')
    }
    expect(cameraSwitchesFor('simulated', {}, failing)).toEqual({
      switches: [['use-fake-device-for-media-stream']],
      warning: 'ffmpeg not found',
    })
    expect(cameraSwitchesFor('simulated', { KIOSK_FAKE_CAMERA: 'x' }, build).warning).toMatch(
      /KIOSK_FAKE_CAMERA=x/,
    )
  })
})
