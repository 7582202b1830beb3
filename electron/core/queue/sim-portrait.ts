import { readFileSync } from 'node:fs'
import {
  createNodeFaceEngine,
  decodeImage,
  encodePng,
  type FaceEngine,
  type RgbaFrame,
} from '../../../drivers/camera'
import { trainingPhotoPath } from '../../../drivers/smartcard'
import type { PacketPartInput } from '../../../protocol/packet'
import { checkPortrait, DEFAULT_PORTRAIT_SETTINGS, portraitParts } from '../portrait'

/** The fake camera's frame: the training still scaled ×1.25 (eyes ~110 px apart) in 640 × 480. */
export const SIM_CAMERA_FRAME = { width: 640, height: 480, scale: 1.25, top: 50 } as const
const BACKGROUND = 235

/**
 * The portrait of a simulated enrollment, through the kiosk's own re-check (`checkPortrait`): the
 * training citizen's still as the fake camera frames it, matched against the DG2 of the card just
 * read. Only the training citizen's chip holds that person; the other citizens' DG2 are drawn
 * faces, so their files honestly record 'no-face-in-chip-photo' or 'mismatch' (at a kiosk such a
 * file needs a supervisor's 'portrait-mismatch' approval; `kiosk sim enroll` submits the
 * simulated file without one, and the manifest says `simulated: true`).
 */
export function createSimPortraitSource(
  now: () => Date,
): (chipFace: Uint8Array | null) => Promise<PacketPartInput[]> {
  let engine: Promise<FaceEngine> | null = null
  let framePng: Promise<string> | null = null
  const deps = {
    engine: () => (engine ??= createNodeFaceEngine()),
    settings: DEFAULT_PORTRAIT_SETTINGS,
    now,
  }
  return async (chipFace) => {
    framePng ??= cameraFramePng()
    const { accepted, result } = await checkPortrait(deps, {
      input: { pngBase64: await framePng, capture: 'auto' },
      chipFace,
      manualApproved: false,
    })
    if (!accepted) {
      throw new Error(
        `the simulated portrait was refused (${result.assessment.failing.join(', ')})`,
      )
    }
    return portraitParts(accepted)
  }
}

/** The fake camera's frame of the training citizen, PNG base64 (what portrait.check takes). */
export async function cameraFramePng(): Promise<string> {
  const path = trainingPhotoPath()
  if (!path) throw new Error('resources/camera/training-citizen.jpg is missing')
  const still = await decodeImage(readFileSync(path))
  return Buffer.from(await encodePng(cameraFrame(still))).toString('base64')
}

/** `still` scaled by SIM_CAMERA_FRAME.scale (bilinear), centred across, on a light background. */
export function cameraFrame(still: RgbaFrame): RgbaFrame {
  const { width, height, scale, top } = SIM_CAMERA_FRAME
  const data = new Uint8Array(width * height * 4).fill(BACKGROUND)
  const left = (still.width * scale - width) / 2
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = (x + left + 0.5) / scale - 0.5
      const sy = (y + top + 0.5) / scale - 0.5
      if (sx < 0 || sy < 0 || sx > still.width - 1 || sy > still.height - 1) continue
      const ix = Math.min(still.width - 2, Math.floor(sx))
      const iy = Math.min(still.height - 2, Math.floor(sy))
      const fx = sx - ix
      const fy = sy - iy
      const at = (xx: number, yy: number, c: number): number =>
        still.data[(yy * still.width + xx) * 4 + c] ?? 0
      for (let c = 0; c < 3; c++) {
        data[(y * width + x) * 4 + c] = Math.round(
          at(ix, iy, c) * (1 - fx) * (1 - fy) +
            at(ix + 1, iy, c) * fx * (1 - fy) +
            at(ix, iy + 1, c) * (1 - fx) * fy +
            at(ix + 1, iy + 1, c) * fx * fy,
        )
      }
    }
  }
  return { width, height, data }
}
