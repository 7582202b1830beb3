export { createChipFaces, type ChipFaces } from './chip-faces'
export type { AcceptedPortrait } from './portrait-check'
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
