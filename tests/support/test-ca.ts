import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A certificate authority made for one test run: its certificate, and what it issued. */
export interface TestCa {
  /** PEM file of the CA certificate (what a station's upstreamCaFile points to). */
  caFile: string
  /** PEM files of a server certificate for 127.0.0.1, ::1 and localhost, and its key. */
  serverCertFile: string
  serverKeyFile: string
  cleanup(): void
}

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
}

/**
 * Makes a CA (P-256, valid two days from now) and a server certificate it signs for loopback,
 * with the machine's `openssl` CLI: no key or certificate is kept in the repository, and every
 * run gets its own. `name` goes into the subjects, so two CAs are told apart in errors.
 */
export function makeTestCa(name: string): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'test-ca-'))
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    `/CN=${name} test CA`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  openssl(dir, [
    'req',
    ...ec,
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    `/CN=${name} test upstream`,
  ])
  writeFileSync(
    join(dir, 'server.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
    ].join('\n'),
  )
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'server.ext',
    '-out',
    'server.pem',
  ])
  return {
    caFile: join(dir, 'ca.pem'),
    serverCertFile: join(dir, 'server.pem'),
    serverKeyFile: join(dir, 'server.key'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
