import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config'
import { bilingualMessage } from '../../../lib/messages'
import { configFlagsFromArgv } from './flags'

const files = (map: Record<string, string>) => (path: string) => map[path] ?? null

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const { config, sources } = loadConfig({ env: { XDG_DATA_HOME: '/xdg' }, readFile: files({}) })
    expect(config).toEqual({
      dataDir: '/xdg/vneid-kiosk',
      devices: 'simulated',
      upstreamUrl: null,
      language: 'vi',
    })
    expect(sources).toEqual({
      dataDir: 'default',
      devices: 'default',
      upstreamUrl: 'default',
      language: 'default',
    })
  })

  it('applies flags over environment over config file over defaults, key by key', () => {
    const dataDir = '/data/kiosk'
    const readFile = files({
      [join(dataDir, 'config.json')]: JSON.stringify({
        devices: 'real',
        upstreamUrl: 'https://file.example/intake',
        language: 'en',
      }),
    })
    const { config, sources } = loadConfig({
      flags: { devices: 'auto' },
      env: {
        KIOSK_DATA_DIR: dataDir,
        KIOSK_UPSTREAM_URL: 'https://env.example/intake',
        KIOSK_DEVICES: 'simulated',
      },
      readFile,
    })
    expect(config).toEqual({
      dataDir,
      devices: 'auto',
      upstreamUrl: 'https://env.example/intake',
      language: 'en',
    })
    expect(sources).toEqual({
      dataDir: 'env',
      devices: 'flag',
      upstreamUrl: 'env',
      language: 'file',
    })
  })

  it('reads the config file from the data directory given by the flag', () => {
    const readFile = files({
      '/flag/dir/config.json': '{"language":"en"}',
      '/env/dir/config.json': '{"language":"vi"}',
    })
    const { config, configFile } = loadConfig({
      flags: { dataDir: '/flag/dir' },
      env: { KIOSK_DATA_DIR: '/env/dir' },
      readFile,
    })
    expect(configFile).toBe('/flag/dir/config.json')
    expect(config.language).toBe('en')
  })

  it('treats an empty environment variable as unset', () => {
    const { sources } = loadConfig({
      env: { KIOSK_LANG: '', XDG_DATA_HOME: '/x' },
      readFile: files({}),
    })
    expect(sources.language).toBe('default')
  })

  it.each([
    [{ flags: { devices: 'sometimes' } }, /--devices: invalid value "sometimes"/],
    [{ env: { KIOSK_LANG: 'fr' } }, /KIOSK_LANG: invalid value "fr"/],
    [{ env: { KIOSK_UPSTREAM_URL: 'ftp://x.example' } }, /KIOSK_UPSTREAM_URL/],
    [{ flags: { upstreamUrl: 'not a url' } }, /--upstream-url/],
  ])('rejects a bad value and names where it came from (%o)', (options, message) => {
    expect(() => loadConfig({ readFile: files({}), env: {}, ...options })).toThrow(message)
  })

  it('refuses http:// outside loopback wherever the URL comes from, in both languages', () => {
    const url = 'http://intake.example:8080/'
    const sentence = bilingualMessage('messages.sync.insecureUpstreamUrl', { url })
    expect(sentence).toMatch(
      /^.+ \/ The upstream URL http:\/\/intake\.example:8080\/ uses http:\/\//,
    )
    for (const options of [
      { flags: { upstreamUrl: url } },
      { env: { KIOSK_UPSTREAM_URL: url } },
      {
        flags: { dataDir: '/d' },
        readFile: files({ '/d/config.json': JSON.stringify({ upstreamUrl: url }) }),
      },
    ])
      expect(() => loadConfig({ readFile: files({}), env: {}, ...options })).toThrow(sentence)
    for (const ok of [
      'https://intake.example',
      'http://127.0.0.1:8080',
      'http://[::1]:9',
      'http://localhost',
    ])
      expect(
        loadConfig({ flags: { upstreamUrl: ok }, env: {}, readFile: files({}) }).config.upstreamUrl,
      ).toBe(ok)
  })

  it('reads the upstream CA file from the config file', () => {
    const { config } = loadConfig({
      flags: { dataDir: '/d' },
      env: {},
      readFile: files({ '/d/config.json': '{"upstreamCaFile":"upstream-ca.pem"}' }),
    })
    expect(config.upstreamCaFile).toBe('upstream-ca.pem')
  })

  it('rejects a config file that is not JSON, has unknown keys, or sets the data directory', () => {
    const load = (text: string) =>
      loadConfig({ flags: { dataDir: '/d' }, env: {}, readFile: files({ '/d/config.json': text }) })
    expect(() => load('{oops')).toThrow(ConfigError)
    expect(() => load('{oops')).toThrow(/not valid JSON/)
    expect(() => load('{"devcies":"real"}')).toThrow(/devcies/)
    expect(() => load('{"dataDir":"/elsewhere"}')).toThrow(/dataDir/)
    expect(() => load('{"devices":"fake"}')).toThrow(/devices/)
  })

  it('reads sync and freeze tuning from the config file only, and checks it', () => {
    const load = (text: string) =>
      loadConfig({ flags: { dataDir: '/d' }, env: {}, readFile: files({ '/d/config.json': text }) })
    const { config } = load('{"sync":{"chunkSize":65536},"freeze":{"maxUnsyncedFiles":5}}')
    expect(config.sync).toEqual({ chunkSize: 65536 })
    expect(config.freeze).toEqual({ maxUnsyncedFiles: 5 })
    expect(() => load('{"sync":{"chunkSize":1}}')).toThrow(/sync.chunkSize/)
    expect(() => load('{"sync":{"chunkSise":65536}}')).toThrow(/chunkSise/)
    expect(() => load('{"freeze":{"maxUnsyncedFiles":0}}')).toThrow(/freeze.maxUnsyncedFiles/)
  })

  it('reads the QR scanner ports from the config file and refuses an unusual rate', () => {
    const load = (text: string) =>
      loadConfig({ flags: { dataDir: '/d' }, env: {}, readFile: files({ '/d/config.json': text }) })
    const { config } = load('{"barcode":{"ports":[{"path":"/dev/ttyUSB1","baudRate":115200}]}}')
    expect(config.barcode).toEqual({ ports: [{ path: '/dev/ttyUSB1', baudRate: 115200 }] })
    expect(() => load('{"barcode":{"ports":[{"path":"/dev/ttyUSB1","baudRate":12345}]}}')).toThrow(
      /barcode/,
    )
  })

  it("reads the finger records' image format from the config file, WSQ among them", () => {
    const load = (text: string) =>
      loadConfig({ flags: { dataDir: '/d' }, env: {}, readFile: files({ '/d/config.json': text }) })
    expect(load('{}').config.fingerprint).toBeUndefined()
    expect(load('{"fingerprint":{"recordEncoding":"wsq"}}').config.fingerprint).toEqual({
      recordEncoding: 'wsq',
    })
    expect(() => load('{"fingerprint":{"recordEncoding":"jpeg"}}')).toThrow(
      /fingerprint.recordEncoding/,
    )
  })

  it('lets a shell supply its own defaults', () => {
    const { config } = loadConfig({
      env: {},
      readFile: files({}),
      defaults: { dataDir: '/electron/userData', devices: 'auto' },
    })
    expect(config.dataDir).toBe('/electron/userData')
    expect(config.devices).toBe('auto')
  })
})

describe('configFlagsFromArgv', () => {
  it('picks the configuration flags out of a longer argv', () => {
    expect(
      configFlagsFromArgv([
        '--json',
        '--devices',
        'real',
        '--lang=en',
        'positional',
        '--data',
        '/tmp/d',
        '--upstream-url',
        'http://h',
      ]),
    ).toEqual({ devices: 'real', language: 'en', dataDir: '/tmp/d', upstreamUrl: 'http://h' })
  })

  it('refuses a configuration flag given without a value', () => {
    expect(() => configFlagsFromArgv(['--enable-logging', '--devices'])).toThrow(
      /--devices needs a value/,
    )
    // A value that is the next flag is still caught, by value validation.
    const flags = configFlagsFromArgv(['--lang', '--devices', 'real'])
    expect(() => loadConfig({ flags, env: {}, readFile: files({}) })).toThrow(
      /--lang: invalid value "--devices"/,
    )
    expect(() => configFlagsFromArgv(['--data'])).toThrow(/--data needs a value/)
  })

  it('prefers --data-dir over its short form', () => {
    expect(configFlagsFromArgv(['--data', '/a', '--data-dir', '/b'])).toEqual({ dataDir: '/b' })
  })
})
