// Sandboxed preload: exposes the typed client and nothing else (no raw ipcRenderer).
// First: must run before any contract schema is built.
import '../contract/zod-no-eval'
import { contextBridge, ipcRenderer } from 'electron'
import { createKioskClient, ipcChannel, type ContractTransport } from '../contract'

const transport: ContractTransport = {
  invoke: (channel, payload) => ipcRenderer.invoke(ipcChannel(channel), payload),
  subscribe(event, listener) {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(ipcChannel(event), handler)
    return () => {
      ipcRenderer.removeListener(ipcChannel(event), handler)
    }
  },
}

contextBridge.exposeInMainWorld('kiosk', createKioskClient(transport))
