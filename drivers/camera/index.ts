// drivers/camera's public API for the main process, the CLI, the upstream and tests.
export * from './browser'
export { createNodeFaceEngine, nodeModelLocations } from './engine/node-engine'
export { FrameSizeError } from './engine/observe'
export {
  compareFaces,
  matchImages,
  type MatchVerdict,
  type PortraitMatchResult,
} from './match/match'
export { DEFAULT_MATCH_THRESHOLD, descriptorSimilarity } from './match/similarity'
