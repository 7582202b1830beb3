import { execFileSync } from 'node:child_process'
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { KeyProtectionError } from './key-protection-error'
import { TPM_TCTI_ENV } from './key-config'
import type { KeyProtector } from './protector'
import { encodeTpmBlob, parseTpmBlob } from './tpm-blob'

/** The kernel's TPM resource manager: each connection's objects are flushed when it closes. */
export const TPM_DEVICE = '/dev/tpmrm0'
/** A sealed data object holds at most MAX_SYM_DATA (128) bytes; our keys are 32 and 48. */
const MAX_SEALED_BYTES = 128
const TOOLS = ['tpm2_createprimary', 'tpm2_create', 'tpm2_load', 'tpm2_unseal', 'tpm2_flushcontext']

/** The TCTI to use: the config's, else the environment's, else the device when it can be opened. */
export function detectTpmTcti(
  configured: string | undefined,
  env: NodeJS.ProcessEnv,
  canOpen: (path: string) => boolean = canReadWrite,
): string | null {
  if (configured) return configured
  for (const name of TPM_TCTI_ENV) {
    const value = env[name]
    if (value) return value
  }
  return canOpen(TPM_DEVICE) ? `device:${TPM_DEVICE}` : null
}

/** Whether every tpm2-tools program the protector runs is on PATH. */
export function tpmToolsInstalled(env: NodeJS.ProcessEnv = process.env): boolean {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean)
  return TOOLS.every((tool) => dirs.some((dir) => canExecute(join(dir, tool))))
}

function canReadWrite(path: string): boolean {
  try {
    accessSync(path, constants.R_OK | constants.W_OK)
    return true
  } catch {
    return false
  }
}

function canExecute(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Seals each key as a TPM 2.0 sealed data object under the owner hierarchy's primary key
 * (tpm2_createprimary → tpm2_create; to open: tpm2_createprimary → tpm2_load → tpm2_unseal). The
 * primary is re-derived from the TPM's owner seed each time, so the blobs open only on the TPM
 * that made them and not after it is cleared. Sealing rather than tpm2_encryptdecrypt: the secret
 * itself never exists outside the TPM's protection, and TPM2_EncryptDecrypt is optional (many
 * firmware TPMs leave it out). Each tool runs by execFile, without a shell.
 */
export function tpmKeyProtector(tcti: string): KeyProtector {
  return {
    kind: 'tpm',
    seal(plain) {
      if (plain.length > MAX_SEALED_BYTES)
        throw new KeyProtectionError('tpmSeal', {}, 'the key is larger than a sealed object holds')
      return withWorkDir(tcti, 'tpmSeal', (run, dir) => {
        createPrimary(run, dir)
        run(
          'tpm2_create',
          [
            '-C',
            join(dir, 'primary.ctx'),
            '-g',
            'sha256',
            '-i',
            '-',
            '-u',
            join(dir, 'seal.pub'),
            '-r',
            join(dir, 'seal.priv'),
          ],
          plain,
        )
        return encodeTpmBlob({
          public: readFileSync(join(dir, 'seal.pub')),
          private: readFileSync(join(dir, 'seal.priv')),
        })
      })
    },
    unseal(sealed) {
      const object = parseTpmBlob(sealed)
      return withWorkDir(tcti, 'tpmUnseal', (run, dir) => {
        writeFileSync(join(dir, 'seal.pub'), object.public)
        writeFileSync(join(dir, 'seal.priv'), object.private)
        createPrimary(run, dir)
        run('tpm2_load', [
          '-C',
          join(dir, 'primary.ctx'),
          '-u',
          join(dir, 'seal.pub'),
          '-r',
          join(dir, 'seal.priv'),
          '-c',
          join(dir, 'seal.ctx'),
        ])
        return run('tpm2_unseal', ['-c', join(dir, 'seal.ctx')])
      })
    },
  }
}

type RunTool = (tool: string, args: string[], input?: Buffer) => Buffer

function createPrimary(run: RunTool, dir: string): void {
  // The same template every time gives the same primary key from the same owner seed.
  run('tpm2_createprimary', [
    '-C',
    'o',
    '-g',
    'sha256',
    '-G',
    'ecc',
    '-c',
    join(dir, 'primary.ctx'),
  ])
}

/** Runs `work` with a private scratch folder (contexts, halves; never the key) and cleans up. */
function withWorkDir<T>(
  tcti: string,
  failure: 'tpmSeal' | 'tpmUnseal',
  work: (run: RunTool, dir: string) => T,
): T {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-tpm-'))
  const run: RunTool = (tool, args, input) => {
    try {
      const output = execFileSync(tool, ['-T', tcti, ...args], {
        ...(input ? { input } : {}),
        stdio: ['pipe', 'pipe', 'pipe'],
        maxBuffer: 1024 * 1024,
      })
      // Without the kernel's resource manager (swtpm) objects stay loaded: free the slots.
      flushTransient(tcti)
      return output
    } catch (error) {
      flushTransient(tcti)
      throw new KeyProtectionError(failure, { tool }, toolFailure(error))
    }
  }
  try {
    return work(run, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function flushTransient(tcti: string): void {
  try {
    execFileSync('tpm2_flushcontext', ['-T', tcti, '-t'], { stdio: 'ignore' })
  } catch {
    // Nothing to flush, or the TPM is gone: the step's own error says so.
  }
}

function toolFailure(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr
  const text = stderr?.toString('utf8').trim()
  return text ? text.split('\n').slice(-2).join(' ') : (error as Error).message
}
