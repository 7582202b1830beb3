export * from './scenario-files'
export * from './scenario-driver'
export * from './scenario-runner'
