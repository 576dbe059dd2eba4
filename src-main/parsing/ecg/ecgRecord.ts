import type { EcgRecord, EcgSummary } from '../types';

/** One decoded lead before it is assembled into a record. */
export interface DecodedLead {
  name: string;
  samplesUv: Float32Array;
}

/**
 * Assembles an EcgRecord from decoded leads. Every reader goes through here so the summary is always
 * consistent with the arrays (lead order, samples per lead, duration) instead of echoing header claims.
 */
export function makeEcgRecord(
  format: EcgSummary['format'],
  leads: DecodedLead[],
  samplingRateHz: number,
  extra: Pick<EcgRecord, 'patient' | 'acquisitionDateTime'> & { filterInfo?: string } = {},
): EcgRecord {
  if (!(samplingRateHz > 0) || !Number.isFinite(samplingRateHz)) {
    throw new Error(`invalid sampling rate ${samplingRateHz}`);
  }
  if (leads.length === 0) throw new Error('no leads');
  const samplesPerLead = Math.max(...leads.map((l) => l.samplesUv.length));
  const summary: EcgSummary = {
    format,
    leads: leads.map((l) => l.name),
    samplingRateHz,
    samplesPerLead,
    units: 'uV',
    durationS: samplesPerLead / samplingRateHz,
  };
  if (extra.filterInfo) summary.filterInfo = extra.filterInfo;
  const record: EcgRecord = { summary, leads };
  if (extra.patient && Object.keys(extra.patient).length > 0) record.patient = extra.patient;
  if (extra.acquisitionDateTime) record.acquisitionDateTime = extra.acquisitionDateTime;
  return record;
}

/**
 * Formats filter settings the way the summary shows them ("0.05-150 Hz, notch 60 Hz"). Missing parts are
 * left out; a notch of 0 means "no notch" in DICOM and Philips files, so it is dropped.
 */
export function formatFilterInfo(highPassHz?: number, lowPassHz?: number, notchHz?: number): string | undefined {
  const parts: string[] = [];
  const hp = highPassHz !== undefined && Number.isFinite(highPassHz) ? highPassHz : undefined;
  const lp = lowPassHz !== undefined && Number.isFinite(lowPassHz) ? lowPassHz : undefined;
  if (hp !== undefined && lp !== undefined) parts.push(`${hp}-${lp} Hz`);
  else if (hp !== undefined) parts.push(`high-pass ${hp} Hz`);
  else if (lp !== undefined) parts.push(`low-pass ${lp} Hz`);
  if (notchHz !== undefined && Number.isFinite(notchHz) && notchHz > 0) parts.push(`notch ${notchHz} Hz`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** "20021122091000" (DICOM DT / HL7 TS) → "2002-11-22T09:10:00"; undefined when it does not parse. */
export function compactDateTimeToIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?(\.\d+)?)?/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m;
  if (!h) return `${y}-${mo}-${d}`;
  return `${y}-${mo}-${d}T${h}:${mi ?? '00'}:${s ?? '00'}${frac ?? ''}`;
}
