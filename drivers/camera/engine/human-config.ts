/**
 * How @vladmandic/human is configured for portraits, in one place for the renderer's worker, the
 * main process and the CLI. Only the face pipeline runs; weights come from local files and the
 * WASM backend runs the models, so nothing is ever fetched from the network.
 */

/** 'live': what the preview needs every frame; 'full': adds the descriptor and the PAD models. */
export type ObserveMode = 'live' | 'full'

/** The model files the engine loads (from human's own `models/` folder). */
export const FACE_MODELS = [
  'blazeface',
  'facemesh',
  'iris',
  'emotion',
  'faceres',
  'antispoof',
  'liveness',
] as const
export const FACE_MODEL_FILES: readonly string[] = FACE_MODELS.flatMap((model) => [
  `${model}.json`,
  `${model}.bin`,
])

/** Up to this many faces are detected, so a second face is seen (SingleFacePresent). */
export const MAX_FACES = 3

export interface HumanLocations {
  /** Folder (URL or file:// URL) holding FACE_MODEL_FILES, ending in '/'. */
  readonly modelBasePath: string
  /** Folder holding tfjs-backend-wasm's .wasm files, ending in '/'. */
  readonly wasmPath: string
}

/** The configuration the engine is created with: every face model loaded, nothing else. */
export function humanConfig(locations: HumanLocations): Record<string, unknown> {
  return {
    backend: 'wasm',
    wasmPath: locations.wasmPath,
    modelBasePath: locations.modelBasePath,
    debug: false,
    async: true,
    warmup: 'none',
    cacheModels: false,
    // Filters would change the pixels the quality components measure.
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { maxDetected: MAX_FACES, rotation: true, return: false, minConfidence: 0.5 },
      mesh: { enabled: true },
      iris: { enabled: true },
      emotion: { enabled: true },
      description: { enabled: true },
      antispoof: { enabled: true },
      liveness: { enabled: true },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  }
}

/**
 * The per-call override for a mode. 'full' also turns caching off, so the main process's re-check
 * of a chosen frame never reuses results from an earlier frame.
 */
export function modeOverride(mode: ObserveMode): Record<string, unknown> {
  const full = mode === 'full'
  return {
    cacheSensitivity: full ? 0 : 0.7,
    face: {
      description: { enabled: full },
      antispoof: { enabled: full },
      liveness: { enabled: full },
    },
  }
}
