/*
 * District codes of the demo province, for when the province db has no `config:districts` doc yet
 * (older provisioning). The server's list wins whenever it is there: see fetchProvinceDistricts.
 * หนองคาย (43): the districts that remained after บึงกาฬ became a province in 2554.
 */
export const KNOWN_PROVINCE_DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  '43': ['4301', '4302', '4305', '4307', '4308', '4314', '4315', '4316', '4317'],
}

export function knownDistricts(province: string): string[] {
  return [...(KNOWN_PROVINCE_DISTRICTS[province] ?? [])]
}
