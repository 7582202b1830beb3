/** The mobile networks of Vietnam the kiosk knows by name (brand names, not translated). */
export const mobileNetworks = [
  'viettel',
  'vinaphone',
  'mobifone',
  'vietnamobile',
  'gmobile',
  'itelecom',
  'reddi',
] as const
export type MobileNetwork = (typeof mobileNetworks)[number]

/** The names people know the networks by. */
export const MOBILE_NETWORK_NAMES: Readonly<Record<MobileNetwork, string>> = {
  viettel: 'Viettel',
  vinaphone: 'VinaPhone',
  mobifone: 'MobiFone',
  vietnamobile: 'Vietnamobile',
  gmobile: 'Gmobile',
  itelecom: 'Itelecom',
  reddi: 'Reddi',
}

/**
 * The 3-digit national prefixes (0 + 2 digits) allocated to mobile networks today, after the 2018
 * move from 11 to 10 digits. Source: vn-rules.md §3.2, from community validators (e.g.
 * ngthucdotcom/sample-code README, which names Itelecom and Reddi) cross-checked against the
 * 2018 conversion table of §3.1 (kenh14.vn 2018-09-15; kynguyenso.plo.vn) and libphonenumber's VN
 * mobile pattern (region_VN). Not confirmed by a Ministry decision [?], notably 052, 055, 089 and
 * 099; the table is a parameter of `parseMobile` so a station's configuration can replace it.
 */
export const MOBILE_PREFIXES: Readonly<Record<string, MobileNetwork>> = {
  '032': 'viettel',
  '033': 'viettel',
  '034': 'viettel',
  '035': 'viettel',
  '036': 'viettel',
  '037': 'viettel',
  '038': 'viettel',
  '039': 'viettel',
  '086': 'viettel',
  '096': 'viettel',
  '097': 'viettel',
  '098': 'viettel',
  '081': 'vinaphone',
  '082': 'vinaphone',
  '083': 'vinaphone',
  '084': 'vinaphone',
  '085': 'vinaphone',
  '088': 'vinaphone',
  '091': 'vinaphone',
  '094': 'vinaphone',
  '070': 'mobifone',
  '076': 'mobifone',
  '077': 'mobifone',
  '078': 'mobifone',
  '079': 'mobifone',
  '089': 'mobifone',
  '090': 'mobifone',
  '093': 'mobifone',
  '052': 'vietnamobile',
  '056': 'vietnamobile',
  '058': 'vietnamobile',
  '092': 'vietnamobile',
  '059': 'gmobile',
  '099': 'gmobile',
  '087': 'itelecom',
  '055': 'reddi',
}

/**
 * The 11-digit prefixes retired in 2018 and the 10-digit ones that replaced them, the last seven
 * digits kept (vn-rules §3.1: kenh14.vn 2018-09-15; kynguyenso.plo.vn; fptcorp.com.vn).
 */
export const RETIRED_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  '0186': '056',
  '0188': '058',
  '0199': '059',
}
