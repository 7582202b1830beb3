// The renderer's (and its worker's) entry to drivers/camera: no Node module is reachable from here.
export { createBrowserFaceEngine } from './engine/browser-engine'
export type { FaceEngine } from './engine/face-engine'
export { FACE_MODEL_FILES, type ObserveMode } from './engine/human-config'
export { assessPortrait, type AssessOptions } from './quality/assess'
export type { ComponentLimit, ComponentResult, PortraitAssessment } from './quality/assessment'
export { componentNames, type ComponentName } from './quality/component-names'
export { COMPONENT_RULES } from './quality/limits'
export type { EyeCentres, FaceObservation, Point, RgbaFrame } from './types'
