export * from './protector'
export * from './key-file'
export * from './station-keys'
export * from './local-seal'
