export { createChipFaces, type ChipFaces } from './chip-faces'
export { checkPortrait, type AcceptedPortrait, type PortraitCheckDeps } from './portrait-check'
export { assessmentPart, faceRecordInput, portraitParts } from './portrait-parts'
export {
  createPortraitHandlers,
  type PortraitHandlers,
  type PortraitWiring,
} from './portrait-handlers'
export {
  DEFAULT_PORTRAIT_SETTINGS,
  PortraitConfigSchema,
  portraitSettingsOf,
  type PortraitConfig,
} from './portrait-settings'
