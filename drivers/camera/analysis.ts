// What every shell shares: the pure analysis, its types and the model list (no engine, no I/O).
export type { FaceEngine } from './engine/face-engine'
export { FACE_MODEL_FILES, type ObserveMode } from './engine/human-config'
export { assessPortrait, type AssessOptions } from './quality/assess'
export type { ComponentLimit, ComponentResult, PortraitAssessment } from './quality/assessment'
export { componentNames, type ComponentName } from './quality/component-names'
export { COMPONENT_RULES } from './quality/limits'
export type { EyeCentres, FaceObservation, Point, RgbaFrame } from './types'
