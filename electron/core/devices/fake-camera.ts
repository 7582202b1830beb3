import type { DeviceMode } from '../../contract'
import {
  fakeCameraScenarios,
  fakeCameraSwitches,
  fakeCameraVideo,
  type FakeCameraScenario,
} from '../../../drivers/camera'

export interface ChromiumSwitches {
  /** Each switch without its leading `--`, with its value when it takes one. */
  readonly switches: [name: string, value?: string][]
  /** Why the fake camera has no video (ffmpeg missing…), to log; null when all is well. */
  readonly warning: string | null
}

/**
 * The Chromium switches Electron's main process appends before `app.ready`: on simulated devices
 * the camera is Chromium's fake capture device playing a scenario of resources/camera/ (chosen by
 * KIOSK_FAKE_CAMERA, default `good`); on real or auto devices, none.
 */
export function cameraSwitchesFor(
  devices: DeviceMode,
  env: Readonly<Record<string, string | undefined>>,
  build: (scenario: FakeCameraScenario) => string = (scenario) => fakeCameraVideo(scenario),
): ChromiumSwitches {
  if (devices !== 'simulated') return { switches: [], warning: null }
  const asked = env.KIOSK_FAKE_CAMERA ?? 'good'
  const scenario = fakeCameraScenarios.find((s) => s === asked)
  if (!scenario)
    return {
      switches: [['use-fake-device-for-media-stream']],
      warning: `KIOSK_FAKE_CAMERA=${asked}: not one of ${fakeCameraScenarios.join(', ')}`,
    }
  try {
    return { switches: fakeCameraSwitches(build(scenario)), warning: null }
  } catch (error) {
    // Chromium's own test pattern still gives the screen a camera (with no face in it).
    return {
      switches: [['use-fake-device-for-media-stream']],
      warning: error instanceof Error ? error.message : String(error),
    }
  }
}
