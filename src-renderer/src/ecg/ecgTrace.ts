// The viewer's own input type. The study view maps the waveform service's data onto it, so the viewer
// does not depend on any one file format (DICOM waveform, HL7 aECG, WFDB …).

/** One lead's samples in microvolts; NaN marks a gap (e.g. a WFDB "missing value" sample). */
export interface EcgLead {
  /** Normalised name: I, II, III, aVR, aVL, aVF, V1..V6, or any other (MLII, V5 of a Holter record). */
  name: string;
  samplesUv: Float32Array | number[];
}

export interface EcgTrace {
  leads: EcgLead[];
  samplingRateHz: number;
  /** Free text from the recording device, e.g. "0.05–150 Hz, 50 Hz notch". */
  filterInfo?: string;
  units: 'uV';
}

/** The 12 standard leads in the order an ECG is read. */
export const STANDARD_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;

export const LIMB_LEADS: readonly string[] = STANDARD_LEADS.slice(0, 6);

export function findLead(trace: EcgTrace, name: string): EcgLead | undefined {
  return trace.leads.find((lead) => lead.name === name);
}

/** Length of the longest lead in seconds. */
export function traceDurationS(trace: EcgTrace): number {
  const longest = Math.max(0, ...trace.leads.map((lead) => lead.samplesUv.length));
  return longest / trace.samplingRateHz;
}
