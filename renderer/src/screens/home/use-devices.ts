import { useCallback, useEffect, useState } from 'react'
import type { DeviceInfo, KioskClient, ReplyError } from '../../../../electron/contract'

/** The device list: fetched once, kept current by hot-plug events, re-checked on request. */
export function useDevices(client: KioskClient) {
  const [devices, setDevices] = useState<DeviceInfo[]>([])
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)

  useEffect(() => {
    const stop = client.on('devices.changed', setDevices)
    void client.devices
      .list({})
      .then((reply) => (reply.ok ? setDevices(reply.value) : setError(reply.error)))
    return stop
  }, [client])

  const refresh = useCallback(async () => {
    setRefreshing(true)
    const reply = await client.devices.refresh({})
    setRefreshing(false)
    if (reply.ok) {
      setDevices(reply.value)
      setError(null)
    } else {
      setError(reply.error)
    }
  }, [client])

  return { devices, refreshing, error, refresh }
}
