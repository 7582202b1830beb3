import { readdirSync, readFileSync, type Dirent } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { ParseError } from '../../../lib/parse-error'
import { certificateFingerprint, parseCertificate, type Certificate } from './certificate'
import { namesIssuer } from './chain'
import { parseMasterList, verifyMasterList, type MasterListVerification } from './master-list'
import { decodePem, looksLikePem } from './pem'

/** A CSCA certificate we were told to trust, and the file it came from. */
export interface TrustAnchor {
  certificate: Certificate
  source: string
}

export interface TrustSource {
  file: string
  kind: 'pem' | 'der' | 'master-list'
  /** Certificates this file added (duplicates of earlier ones not counted). */
  added: number
  masterList?: MasterListVerification
}

/** A file, or a certificate inside one, that was not loaded, and why. */
export interface TrustStoreProblem {
  file: string
  reason: string
}

export interface TrustStore {
  readonly anchors: readonly TrustAnchor[]
  readonly sources: readonly TrustSource[]
  readonly problems: readonly TrustStoreProblem[]
  /** Anchors whose subject names `cert`'s issuer and whose key identifier does not contradict it. */
  candidateIssuers(cert: Certificate): TrustAnchor[]
}

export interface TrustFile {
  name: string
  bytes: Uint8Array
}

/** Not trust material: documentation and hidden files in the trust directory. */
function isIgnored(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name
  return base.startsWith('.') || /^readme/i.test(base) || /\.(md|txt)$/i.test(base)
}

/**
 * Builds a trust store from files: PEM (any number of CERTIFICATE blocks), DER certificates, and ICAO
 * master lists. A file that cannot be used is listed in `problems`; it never stops the others.
 */
export function createTrustStore(files: readonly TrustFile[]): TrustStore {
  const anchors: TrustAnchor[] = []
  const sources: TrustSource[] = []
  const problems: TrustStoreProblem[] = []
  const seen = new Set<string>()
  const add = (certificate: Certificate, source: string): boolean => {
    const print = certificateFingerprint(certificate)
    if (seen.has(print)) return false
    seen.add(print)
    anchors.push({ certificate, source })
    return true
  }

  for (const { name, bytes } of files) {
    if (isIgnored(name)) continue
    try {
      if (looksLikePem(bytes)) {
        const blocks = decodePem(Buffer.from(bytes).toString('latin1'))
        const certs = blocks.filter(
          (b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE',
        )
        if (!certs.length) throw new ParseError('pem', 'no CERTIFICATE block')
        let added = 0
        certs.forEach((block, i) => {
          const parsed = tryCertificate(block.der)
          if (typeof parsed === 'string')
            problems.push({ file: `${name} #${i + 1}`, reason: parsed })
          else if (add(parsed, name)) added++
        })
        sources.push({ file: name, kind: 'pem', added })
        continue
      }
      const asCertificate = tryCertificate(bytes)
      if (typeof asCertificate !== 'string') {
        sources.push({ file: name, kind: 'der', added: add(asCertificate, name) ? 1 : 0 })
        continue
      }
      let list
      try {
        list = parseMasterList(bytes)
      } catch (error) {
        if (!(error instanceof ParseError)) throw error
        throw new ParseError(
          'trust',
          `neither a certificate (${asCertificate}) nor a master list (${error.message})`,
        )
      }
      const listed: Certificate[] = []
      const unreadable: TrustStoreProblem[] = []
      list.certificates.forEach((der, i) => {
        const parsed = tryCertificate(der)
        if (typeof parsed === 'string')
          unreadable.push({ file: `${name} #${i + 1}`, reason: parsed })
        else listed.push(parsed)
      })
      const verification = verifyMasterList(list, listed)
      if (!verification.signatureValid) {
        problems.push({ file: name, reason: `master list signature: ${verification.verified}` })
        continue
      }
      problems.push(...unreadable)
      const added = listed.filter((c) => add(c, name)).length
      sources.push({ file: name, kind: 'master-list', added, masterList: verification })
    } catch (error) {
      if (!(error instanceof ParseError)) throw error
      problems.push({ file: name, reason: error.message })
    }
  }
  return storeOf(anchors, sources, problems)
}

/** Reads every file under `directory` (recursively). A missing directory gives an empty store. */
export async function loadTrustStore(directory: string): Promise<TrustStore> {
  let paths: string[]
  try {
    paths = filePaths(await readdir(directory, { recursive: true, withFileTypes: true }))
  } catch (error) {
    return unlistable(directory, error)
  }
  const files: TrustFile[] = []
  const problems: TrustStoreProblem[] = []
  for (const path of paths) {
    const name = relative(directory, path)
    if (isIgnored(name)) continue
    try {
      files.push({ name, bytes: new Uint8Array(await readFile(path)) })
    } catch (error) {
      problems.push(unreadable(name, error))
    }
  }
  return storeWithProblems(files, problems)
}

/**
 * loadTrustStore for a caller that opens synchronously (the reference upstream): the same files,
 * order and problems.
 */
export function loadTrustStoreSync(directory: string): TrustStore {
  let paths: string[]
  try {
    paths = filePaths(readdirSync(directory, { recursive: true, withFileTypes: true }))
  } catch (error) {
    return unlistable(directory, error)
  }
  const files: TrustFile[] = []
  const problems: TrustStoreProblem[] = []
  for (const path of paths) {
    const name = relative(directory, path)
    if (isIgnored(name)) continue
    try {
      files.push({ name, bytes: new Uint8Array(readFileSync(path)) })
    } catch (error) {
      problems.push(unreadable(name, error))
    }
  }
  return storeWithProblems(files, problems)
}

function filePaths(entries: readonly Dirent[]): string[] {
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

function unlistable(directory: string, error: unknown): TrustStore {
  return storeOf([], [], [{ file: directory, reason: `cannot list: ${(error as Error).message}` }])
}

function unreadable(name: string, error: unknown): TrustStoreProblem {
  return { file: name, reason: `cannot read: ${(error as Error).message}` }
}

function storeWithProblems(files: TrustFile[], problems: TrustStoreProblem[]): TrustStore {
  const store = createTrustStore(files)
  return storeOf(store.anchors, store.sources, [...problems, ...store.problems])
}

/** A store with these certificates added (a simulated chip's test CSCA, for example). */
export function withAnchors(
  store: TrustStore,
  certificates: readonly Uint8Array[],
  source: string,
): TrustStore {
  const extra = createTrustStore(
    certificates.map((bytes, i) => ({ name: `${source} #${i + 1}`, bytes })),
  )
  const known = new Set(store.anchors.map((a) => certificateFingerprint(a.certificate)))
  return storeOf(
    [
      ...store.anchors,
      ...extra.anchors
        .filter((a) => !known.has(certificateFingerprint(a.certificate)))
        .map((a) => ({ ...a, source })),
    ],
    [...store.sources, ...extra.sources],
    [...store.problems, ...extra.problems],
  )
}

function storeOf(
  anchors: readonly TrustAnchor[],
  sources: readonly TrustSource[],
  problems: readonly TrustStoreProblem[],
): TrustStore {
  const bySubject = new Map<string, TrustAnchor[]>()
  for (const anchor of anchors) {
    const key = anchor.certificate.subject.canonical
    bySubject.set(key, [...(bySubject.get(key) ?? []), anchor])
  }
  return {
    anchors,
    sources,
    problems,
    candidateIssuers: (cert) =>
      (bySubject.get(cert.issuer.canonical) ?? []).filter((a) => namesIssuer(cert, a.certificate)),
  }
}

function tryCertificate(der: Uint8Array): Certificate | string {
  try {
    return parseCertificate(der)
  } catch (error) {
    if (error instanceof ParseError) return error.message
    throw error
  }
}
