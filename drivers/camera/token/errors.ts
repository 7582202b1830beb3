import { CatalogueError, messageRef } from '../../../lib/messages'

/** Why a token image was not made. */
export const tokenErrorCodes = ['E_TOKEN_WIDTH', 'E_TOKEN_EYES', 'E_TOKEN_FRAME'] as const
export type TokenErrorCode = (typeof tokenErrorCodes)[number]

const MESSAGE_KEYS: Record<TokenErrorCode, string> = {
  E_TOKEN_WIDTH: 'messages.camera.token.width',
  E_TOKEN_EYES: 'messages.camera.token.eyes',
  E_TOKEN_FRAME: 'messages.camera.token.frame',
}

export interface TokenErrorParams {
  E_TOKEN_WIDTH: { width: number; minWidth: number; maxWidth: number }
  E_TOKEN_EYES: Record<string, never>
  E_TOKEN_FRAME: { width: number; height: number }
}

/** A token image cannot be made from this frame, these eyes or this width. */
export class TokenError<C extends TokenErrorCode = TokenErrorCode> extends CatalogueError {
  constructor(
    readonly code: C,
    params: TokenErrorParams[C],
    detail: string | null = null,
  ) {
    super(messageRef(MESSAGE_KEYS[code], params), detail)
    this.name = 'TokenError'
  }
}
