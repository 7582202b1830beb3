export * from './config'
export * from './flags'
