import { describe, expect, it } from 'vitest'
import { allowEveryCaller, fromTestCaller } from './test-support'
import { CardReaderError, cardReaderErrorCodes } from '../../drivers/smartcard'
import { formatMessage, hasMessage } from '../../lib/messages'
import { freezeCodes, KioskError, ReplyErrorSchema } from '../contract'
import { cardFailureToKioskError, NOT_SIMULATED } from './card/card-errors'
import { createDispatcher, type Handlers } from './dispatch'
import { sentenceOf, frozenError } from './error-sentence'
import { KeyFileError } from './keys/key-file'
import { LocalSealError } from './keys/local-seal'
import { silentLogger } from './log'
import { evaluateFreeze, type FreezeFacts } from './queue/freeze'
import { OutboxError } from './queue/outbox'
import { SubmitRefusedError } from './queue/submit'
import { RegistrationError } from './sync/registration'
import { UpstreamRequestError } from './sync/upstream-error'
import { parse } from '../../lib/schema'

const fine: FreezeFacts = {
  registered: true,
  freeDiskBytes: 10 * 1024 ** 3,
  unsyncedFiles: 0,
  lastSyncAt: '2026-11-26T07:00:00Z',
  now: new Date('2026-11-26T08:00:00Z'),
}
const limits = { minFreeDiskMb: 500, maxUnsyncedFiles: 100, maxHoursSinceSync: 48 }

describe('core messages', () => {
  it('has a sentence for every freeze rule, filled with its numbers', () => {
    const reasons = [
      evaluateFreeze({ ...fine, registered: false }, limits),
      evaluateFreeze({ ...fine, freeDiskBytes: 0 }, limits),
      evaluateFreeze({ ...fine, unsyncedFiles: 100 }, limits),
      evaluateFreeze({ ...fine, lastSyncAt: '2026-11-20T08:00:00Z' }, limits),
    ]
    expect(reasons.map((r) => r?.code)).toEqual([...freezeCodes])
    for (const reason of reasons) {
      const key = `messages.freeze.${reason?.code}`
      expect(hasMessage(key), key).toBe(true)
      expect(
        reason?.message.startsWith(`${formatMessage('vi', key)} / ${formatMessage('en', key)}`),
      ).toBe(true)
    }
    expect(reasons[3]?.message).toBe(
      'Quá lâu chưa đồng bộ / Too long since the last sync: 144 h (limit 48 h)',
    )
  })

  it.each(cardReaderErrorCodes)('maps a %s card failure to a reply with its sentence', (code) => {
    const mapped = cardFailureToKioskError(new CardReaderError(code, 'detail'))
    expect(mapped).toBeInstanceOf(KioskError)
    const sentence = (mapped as KioskError).sentence
    expect(sentence && hasMessage(sentence.key), sentence?.key).toBe(true)
  })

  it('answers a refused submit with E_FROZEN and the sentence of its rule', () => {
    const reason = evaluateFreeze({ ...fine, unsyncedFiles: 120 }, limits)!
    const error = frozenError(new SubmitRefusedError(reason))
    expect([error.code, error.sentence?.key]).toEqual([
      'E_FROZEN',
      'messages.freeze.too-many-unsynced',
    ])
    expect(error.message).toBe(
      'Quá nhiều hồ sơ chưa gửi / Too many files waiting to be sent: 120 (limit 100)',
    )
  })

  it('gives the training-only refusal its own sentence', () => {
    expect(NOT_SIMULATED.sentence?.key).toBe('messages.card.notSimulated')
    expect(NOT_SIMULATED.message).toBe(
      'Chỉ dùng được với đầu đọc mô phỏng (--devices simulated) / Only with the simulated reader (--devices simulated)',
    )
  })

  it.each([
    [
      'outbox',
      new OutboxError('gone'),
      'Không đọc được hồ sơ đã nộp / Cannot read a submitted file: gone',
    ],
    [
      'registration',
      new RegistrationError('bad code'),
      'Không đăng ký được trạm / Could not register the station: bad code',
    ],
    [
      'local seal',
      new LocalSealError('bad format'),
      'Dữ liệu cục bộ hỏng / Local data is damaged: bad format',
    ],
    [
      'key file',
      new KeyFileError('/k', 'corrupt'),
      'Không đọc được khoá / Cannot read key: /k: corrupt',
    ],
  ] as const)('keeps the %s error line and names its sentence', (_, error, line) => {
    expect(error.message).toBe(line)
    const sentence = sentenceOf(error)
    expect(sentence && hasMessage(sentence.key), sentence?.key).toBe(true)
  })

  it('names the upstream sentence of an upstream refusal, and none for a bare message', () => {
    const refused = new UpstreamRequestError('http', 'permanent', 'x', 409, 'terminal_conflict')
    expect(sentenceOf(refused)).toEqual({ key: 'messages.upstream.terminal_conflict', params: {} })
    const http = new UpstreamRequestError('http', 'retryable', {
      text: { messageKey: 'messages.sync.httpStatus', params: { status: 502 } },
      detail: 'GET /v1/info',
    })
    expect(http.message).toBe('Máy chủ trả lỗi HTTP 502 / Upstream answered HTTP 502: GET /v1/info')
    expect(sentenceOf(new UpstreamRequestError('network', 'retryable', 'down'))).toBeUndefined()
  })

  it('puts the sentence of a KioskError into the reply, and leaves it out when there is none', async () => {
    const refusing = (sentence?: KioskError['sentence']) =>
      ({
        'settings.setLanguage': () => {
          throw new KioskError('E_FROZEN', 'frozen', sentence)
        },
      }) as unknown as Handlers
    const withSentence = fromTestCaller(
      createDispatcher(
        refusing({ key: 'messages.sw.WRONG_LE', params: { length: 256 } }),
        silentLogger,
        () => false,
        allowEveryCaller,
      ),
    )
    const reply = await withSentence('settings.setLanguage', { language: 'en' })
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'E_FROZEN',
        message: 'frozen',
        messageKey: 'messages.sw.WRONG_LE',
        params: { length: 256 },
      },
    })
    expect(!reply.ok && parse(ReplyErrorSchema, reply.error)).toEqual(!reply.ok && reply.error)
    const bare = fromTestCaller(
      createDispatcher(refusing(), silentLogger, () => false, allowEveryCaller),
    )
    expect(await bare('settings.setLanguage', { language: 'en' })).toEqual({
      ok: false,
      error: { code: 'E_FROZEN', message: 'frozen' },
    })
  })
})
