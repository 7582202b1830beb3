import { fail, type Reply } from '../contract'
import { originOf } from './origin'

/** What main knows about who sent an IPC message (from IpcMainInvokeEvent). */
export interface IpcSender {
  webContentsId: number
  frameUrl: string | undefined
  isMainFrame: boolean
}

export interface IpcRouterOptions {
  dispatch: (channel: string, payload: unknown) => Promise<Reply<unknown>>
  /** True only for the kiosk window's webContents. */
  isKioskWebContents: (id: number) => boolean
  appOrigin: string
}

export interface IpcRouter {
  handle(channel: string, sender: IpcSender, payload: unknown): Promise<Reply<unknown>>
}

/**
 * Every IPC request passes here before the core: the sender must be the kiosk window's main
 * frame on our origin (not a subframe, not another webContents, not a navigated-away page);
 * the payload is then checked against the contract by the core's dispatcher.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  return {
    async handle(channel, sender, payload) {
      if (!options.isKioskWebContents(sender.webContentsId) || !sender.isMainFrame) {
        return fail('E_FORBIDDEN_SENDER', `message on ${channel} from an unknown sender`)
      }
      if (originOf(sender.frameUrl) !== options.appOrigin) {
        return fail('E_FORBIDDEN_SENDER', `message on ${channel} from a foreign origin`)
      }
      return options.dispatch(channel, payload)
    },
  }
}
