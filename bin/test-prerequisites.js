#!/usr/bin/env node
// The first step of `npm test`: checks (and as root installs) the system packages the suites need.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register()
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { provision, machine } = await import('../tests/setup/provision.ts')
process.exitCode = provision(machine(root))
