export * from './config'
export * from './flags'
export * from './queue-settings'
export * from './data-dir'
