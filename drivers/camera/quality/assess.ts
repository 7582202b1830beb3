import type { FaceObservation, RgbaFrame } from '../types'
import type { ComponentLimit, ComponentResult, PortraitAssessment } from './assessment'
import { componentNames, componentQaa, type ComponentName } from './component-names'
import { faceGeometry } from './face-geometry'
import { geometric, singleFace } from './geometric'
import { COMPONENT_RULES, NOT_MEASURED, passes } from './limits'
import { clampScalar } from './mapping'
import type { Measurements } from './measured'
import { mouthOcclusion } from './occlusion'
import { photometric } from './photometric'
import { luminanceOf } from './raster'

export interface AssessOptions {
  /** Limits replacing the built-in ones (the station's configuration). */
  readonly limits?: Partial<Record<ComponentName, ComponentLimit>>
  /** The IJG quality factor of the JPEG the frame was decoded from; absent for camera frames. */
  readonly jpegQuality?: number | null
}

/**
 * Every ISO/IEC 29794-5 component for one frame and the faces found in it. Pure: the renderer's
 * worker and the main process run exactly this, so the same frame gets the same verdict.
 */
export function assessPortrait(
  frame: RgbaFrame,
  faces: readonly FaceObservation[],
  options: AssessOptions = {},
): PortraitAssessment {
  const main = faces[0]
  const measurements: Measurements = {
    ...singleFace(faces),
    ...(main ? measureFace(frame, main) : {}),
    ...compression(options.jpegQuality ?? null),
  }
  const components = componentNames.map((name) =>
    resultOf(name, measurements, options.limits?.[name]),
  )
  const failing = components.filter((c) => c.gating && c.passed === false).map((c) => c.name)
  return {
    width: frame.width,
    height: frame.height,
    faceCount: faces.length,
    components,
    failing,
    acceptable: main !== undefined && failing.length === 0,
    eyes: main ? faceGeometry(main).eyes : null,
    presentation: { real: main?.real ?? null, live: main?.live ?? null },
  }
}

function measureFace(frame: RgbaFrame, face: FaceObservation): Measurements {
  const luminance = luminanceOf(frame)
  return {
    ...geometric(face, frame.width, frame.height),
    ...photometric({ frame, luminance, face }),
    ...mouthOcclusion(frame, face),
  }
}

function compression(quality: number | null): Measurements {
  return quality === null
    ? {}
    : { CompressionArtifacts: { raw: quality, scalar: clampScalar(quality) } }
}

function resultOf(
  name: ComponentName,
  measurements: Measurements,
  override: ComponentLimit | undefined,
): ComponentResult {
  const rule = COMPONENT_RULES[name]
  const limit = override ?? rule.limit
  const measurement = measurements[name]
  const notMeasurable =
    NOT_MEASURED.includes(name) || (name === 'CompressionArtifacts' && !measurement)
  const base = { name, qaa: componentQaa[name], limit, gating: rule.gating && !notMeasurable }
  if (notMeasurable) return { ...base, measured: false, raw: null, scalar: null, passed: null }
  // Without a face the face's components are not evaluated; SingleFacePresent alone fails.
  if (!measurement) return { ...base, measured: true, raw: null, scalar: null, passed: null }
  return {
    ...base,
    measured: true,
    raw: measurement.raw,
    scalar: measurement.scalar,
    passed: passes(limit, measurement.raw, measurement.scalar),
  }
}
