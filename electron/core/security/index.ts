export * from './csp'
export * from './static-files'
