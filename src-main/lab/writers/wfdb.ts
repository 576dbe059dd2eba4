/**
 * WFDB record writer: one header (.hea) and one signal file (.dat) in format 16 (16-bit two's complement,
 * little endian, samples interleaved frame by frame), gain in ADC units per mV, baseline 0.
 */
import type { EcgLead } from '../labTypes';

/** 1000 adu/mV = 1 µV per step, as PTB-XL stores its records: quantisation far below any ECG feature. */
export const WFDB_GAIN_ADU_PER_MV = 1000;

export interface WfdbFiles {
  header: string;
  signals: Uint8Array;
}

/** Digital value of one sample: µV → adu, rounded, clamped off WFDB's invalid marker (−32768). */
export function toAdu(uv: number): number {
  return Math.max(-32767, Math.min(32767, Math.round((uv / 1000) * WFDB_GAIN_ADU_PER_MV)));
}

export function encodeWfdb(recordName: string, samplingRateHz: number, leads: readonly EcgLead[], comments: readonly string[]): WfdbFiles {
  if (!/^[A-Za-z0-9_]+$/.test(recordName)) throw new Error(`WFDB record name '${recordName}' must be letters, digits, _`);
  const n = leads[0]?.samplesUv.length ?? 0;
  if (leads.some((l) => l.samplesUv.length !== n)) throw new Error('WFDB: leads differ in length');
  const signals = Buffer.alloc(n * leads.length * 2);
  const checksums = leads.map(() => 0);
  const first = leads.map(() => 0);
  for (let t = 0; t < n; t++) {
    leads.forEach((lead, j) => {
      const v = toAdu(lead.samplesUv[t]!);
      if (t === 0) first[j] = v;
      checksums[j] = (checksums[j]! + v) | 0;
      signals.writeInt16LE(v, (t * leads.length + j) * 2);
    });
  }
  const datName = `${recordName}.dat`;
  const lines = [`${recordName} ${leads.length} ${samplingRateHz} ${n}`];
  leads.forEach((lead, j) => {
    // WFDB's checksum is the 16-bit two's-complement sum of the samples.
    const checksum = (checksums[j]! << 16) >> 16;
    lines.push(`${datName} 16 ${WFDB_GAIN_ADU_PER_MV}(0)/mV 16 0 ${first[j]} ${checksum} 0 ${lead.name}`);
  });
  for (const c of comments) lines.push(`# ${c}`);
  return { header: `${lines.join('\n')}\n`, signals };
}
