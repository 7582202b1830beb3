import { decode } from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CHIP_PROFILE } from '../sim/cccd/chip-profile'
import { TRAINING_FACE_SIZE, trainingFaceJpeg, trainingPhotoPath } from './training-face'

describe('the training citizen chip photo', () => {
  it('is found in resources/camera', () => {
    expect(trainingPhotoPath()).toMatch(/training-citizen\.jpg$/)
  })

  it('is a 240 × 320 JPEG of exactly the profile size that decodes', () => {
    const face = trainingFaceJpeg(DEFAULT_CHIP_PROFILE.faceBytes)
    expect(face?.jpeg.length).toBe(DEFAULT_CHIP_PROFILE.faceBytes)
    expect(face?.width).toBe(TRAINING_FACE_SIZE.width)
    const image = decode(face?.jpeg ?? new Uint8Array(), { useTArray: true })
    expect([image.width, image.height]).toEqual([240, 320])
    // Not flat: a photograph, with real contrast.
    const greys = new Set<number>()
    for (let i = 0; i < image.data.length; i += 4 * 97) greys.add(image.data[i] ?? 0)
    expect(greys.size).toBeGreaterThan(50)
  })

  it('gives null (a drawn face takes over) when the size is too small for a photo', () => {
    expect(trainingFaceJpeg(200)).toBeNull()
  })
})
