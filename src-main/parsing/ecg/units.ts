/**
 * Voltage-unit conversion to microvolts. DICOM (UCUM codes in ChannelSensitivityUnitsSequence), aECG
 * (UCUM in SLIST_PQ origin/scale) and WFDB (free-text units in the header) all name their units; we
 * accept the spellings those formats use and refuse anything else rather than guess a scale.
 */

const FACTORS: Record<string, number> = {
  nv: 1e-3,
  uv: 1,
  µv: 1,
  μv: 1, // Greek mu (U+03BC), distinct from the micro sign (U+00B5)
  mv: 1e3,
  v: 1e6,
};

/** Multiplier that turns a value in `unit` into microvolts, or undefined for a non-voltage unit. */
export function microvoltFactor(unit: string): number | undefined {
  return FACTORS[unit.trim().toLowerCase()];
}
