export * from './database'
export * from './migrate'
export * from './settings'
export { migrations } from './migrations'
