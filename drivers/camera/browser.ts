// The renderer's (and its worker's) entry to drivers/camera: no Node module is reachable from here.
export * from './analysis'
export { createBrowserFaceEngine } from './engine/browser-engine'
