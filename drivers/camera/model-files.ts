/**
 * The files under node_modules/@vladmandic/human/models/ the face engine loads. Kept apart from
 * the engine so the build (electron.vite.config.ts) can read the list without loading the models.
 */
export const FACE_MODEL_FILES: readonly string[] = [
  'blazeface',
  'facemesh',
  'iris',
  'emotion',
  'faceres',
  'antispoof',
  'liveness',
].flatMap((model) => [`${model}.json`, `${model}.bin`])
