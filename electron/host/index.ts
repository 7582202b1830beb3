export * from './host'
export * from './token'
