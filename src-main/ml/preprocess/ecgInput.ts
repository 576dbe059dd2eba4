import type { EcgRecord } from '../../parsing/types';
import { resampleLinear } from './resampleLinear';
import { zScoreInPlace } from './zScoreInPlace';

/** ECG-JEPA's 8 input leads in order: the independent ones of the 12 (III, aVR, aVL, aVF are derived). */
export const ECG_JEPA_LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;

export interface EcgInputSettings {
  /** Lead names in output order (canonical names, as the parsers normalise them). */
  leads: readonly string[];
  targetRateHz: number;
  /** Samples kept per lead at targetRateHz; shorter records are zero-padded. */
  windowSamples: number;
  /**
   * Stored lead names accepted as a substitute for a wanted lead when that lead itself is absent.
   * MIT-BIH's MLII is a modified lead II (electrodes on the torso), the closest thing such records have.
   */
  leadAliases: Readonly<Record<string, string>>;
  /**
   * Samples the per-lead z-score statistics cover: 'window' = all windowSamples, zero padding included
   * (pad first, then normalise, as the loader's order reads); 'valid' = only the real samples, padding
   * left at 0. They differ only for records shorter than the window.
   */
  zScoreOver: 'window' | 'valid';
}

/** QoQ-Med loader defaults (notes §6): 500 Hz, first 2500 samples (5 s). */
export const DEFAULT_ECG_INPUT_SETTINGS: EcgInputSettings = {
  leads: ECG_JEPA_LEADS,
  targetRateHz: 500,
  windowSamples: 2500,
  leadAliases: { MLII: 'II' },
  zScoreOver: 'window',
};

export interface EcgInput {
  /** Lead-major (leads.length × windowSamples) float32, z-scored per lead. */
  data: Float32Array;
  shape: [leads: number, samples: number];
  leads: string[];
  /** Wanted leads the record lacks; their rows are all zeros. */
  missingLeads: string[];
  /** Wanted leads filled from an alias (e.g. II ← MLII). */
  substitutedLeads: { lead: string; from: string }[];
  sourceRateHz: number;
  targetRateHz: number;
  /** Real (non-padding) samples per lead at the target rate, at most windowSamples. */
  validSamples: number;
}

/**
 * Builds the ECG encoder input from a parsed record: pick the leads by name (others dropped), resample
 * to the target rate, keep the first window, zero-pad, z-score each lead.
 */
export function ecgInput(record: EcgRecord, settings: EcgInputSettings = DEFAULT_ECG_INPUT_SETTINGS): EcgInput {
  const { leads, targetRateHz, windowSamples, leadAliases, zScoreOver } = settings;
  if (!(Number.isInteger(windowSamples) && windowSamples > 0)) throw new RangeError(`ecgInput: bad windowSamples ${windowSamples}`);
  const sourceRateHz = record.summary.samplingRateHz;
  const data = new Float32Array(leads.length * windowSamples);
  const missingLeads: string[] = [];
  const substitutedLeads: { lead: string; from: string }[] = [];
  let validSamples = 0;

  leads.forEach((lead, row) => {
    // First match wins: a record listing a lead twice keeps its stored order's first copy.
    let source = record.leads.find((l) => l.name === lead);
    if (!source) {
      source = record.leads.find((l) => leadAliases[l.name] === lead);
      if (source) substitutedLeads.push({ lead, from: source.name });
    }
    if (!source) {
      missingLeads.push(lead);
      return;
    }
    const resampled = resampleLinear(source.samplesUv, sourceRateHz, targetRateHz, windowSamples);
    // Statistics in float64 over the padded window; only the result is rounded to float32.
    const padded = new Float64Array(windowSamples);
    padded.set(resampled);
    zScoreInPlace(padded, zScoreOver === 'window' ? windowSamples : resampled.length);
    data.set(padded, row * windowSamples);
    validSamples = Math.max(validSamples, resampled.length);
  });

  return {
    data,
    shape: [leads.length, windowSamples],
    leads: [...leads],
    missingLeads,
    substitutedLeads,
    sourceRateHz,
    targetRateHz,
    validSamples,
  };
}
