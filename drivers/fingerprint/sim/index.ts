export { Cp2110BridgeSimulator, type Cp2110BridgeOptions } from './cp2110-bridge'
export {
  Ef01ModuleSimulator,
  type Ef01CommandRecord,
  type Ef01Fault,
  type Ef01Model,
  type Ef01ModuleOptions,
  type UartPeer,
} from './ef01-module'
export { PacedLink, uartBytesPerSecond, type PacedLinkOptions } from './pacing'
export { placeholderFingerImage } from './placeholder-image'
export {
  createSbiSimulatorIdentity,
  type SbiDeviceStatus,
  type SbiSimulatorIdentity,
} from './sbi-device'
export {
  SbiServiceSimulator,
  type SbiSimulatorFaults,
  type SbiSimulatorOptions,
} from './sbi-service'
export { attachModuleToSerialPort, type SerialAttachment } from './serial-attachment'
export {
  connectSimulatedSerial,
  garble,
  type SimulatedSerialLinkOptions,
} from './simulated-serial-link'
export { SimulatedFingerprintDevice, type SimulatedFingerprintOptions } from './simulated-scanner'
