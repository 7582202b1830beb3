export { StreamEvents, type ByteStream, type Unsubscribe } from './byte-stream'
export { abortReason, sleep, systemClock, VirtualClock, type Clock, type Timer } from './clock'
export {
  CP2110,
  decodeUartConfig,
  encodeUartConfig,
  fromDataReport,
  toDataReports,
  uart8N1,
  type UartConfig,
} from './cp2110'
export { openCp2110Transport, type Cp2110TransportOptions } from './cp2110-transport'
export {
  defaultDeviceSources,
  HID_UART_BRIDGES,
  listFingerprintDevices,
  USB_UART_BRIDGES,
  usbId,
  type DeviceListProblem,
  type DeviceSources,
  type FingerprintDeviceEntry,
  type FingerprintDeviceKind,
  type SbiServiceInfo,
  type SerialPortInfo,
} from './device-list'
export { CancelledError, FingerprintError, TransportError, type TransportErrorCode } from './errors'
export { listNodeHid, openNodeHid, type HidDeviceInfo, type HidDeviceLike } from './hid-device'
export { watchFingerprintDevices, type DeviceChange, type HotplugWatch } from './hotplug'
export { openPtyPair, type PtyPair } from './pty-pair'
export {
  openSerialTransport,
  wrapSerialPort,
  type SerialTransportOptions,
} from './serial-transport'
