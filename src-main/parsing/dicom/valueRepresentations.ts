/** Explicit VR facts from PS3.5 §7.1.2: which VRs exist and which use the 4-byte length form. */

const ALL_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV',
  'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
]);

const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

export function isKnownVr(vr: string): boolean {
  return ALL_VRS.has(vr);
}

export function hasLongLength(vr: string): boolean {
  return LONG_LENGTH_VRS.has(vr);
}

/** VRs that may legitimately carry an undefined length (sequences and encapsulated/CP-246 data). */
export function mayHaveUndefinedLength(vr: string): boolean {
  return vr === 'SQ' || vr === 'UN' || vr === 'OB' || vr === 'OW';
}
