import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleScpEcg } from '../../../src-main/parsing/ecg/handleScpEcg';
import { decodeDefaultHuffman, readScpEcg } from '../../../src-main/parsing/ecg/readScpEcg';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

const bitsToBytes = (bits: string): Uint8Array =>
  Uint8Array.from(bits.padEnd(Math.ceil(bits.length / 8) * 8, '0').match(/.{8}/g)!.map((b) => parseInt(b, 2)));

describe('SCP-ECG default Huffman table', () => {
  it('decodes hand-written codes: 0, ±k, 8-bit and 16-bit escapes', () => {
    // 0 | 100 (+1) | 101 (−1) | 111111110 1 (−8) | 1111111110 11111110 (−2) | 1111111111 0000000100000000 (256)
    const bits = '0' + '100' + '101' + '1111111101' + '1111111110' + '11111110' + '1111111111' + '0000000100000000';
    expect(Array.from(decodeDefaultHuffman(bitsToBytes(bits), 6))).toEqual([0, 1, -1, -8, -2, 256]);
    expect(() => decodeDefaultHuffman(bitsToBytes('11111111'), 1)).toThrow(/ends early/);
  });
});

describe('readScpEcg', () => {
  it('decodes Example.scp: 12 leads × 5000 at 500 Hz, AVM 2500 nV, patient from section 1', () => {
    const r = readScpEcg(new Uint8Array(readFileSync(sharedData('ecg', 'scp', 'Example.scp'))), DEFAULT_LIMITS);
    expect(r.summary).toMatchObject({ format: 'scp', samplingRateHz: 500, samplesPerLead: 5000, durationS: 10 });
    expect(r.summary.leads).toEqual(['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'III', 'aVR', 'aVL', 'aVF']);
    expect(r.patient).toEqual({ patientId: 'SBJ-123', name: 'Clark', birthDate: '19530508', sex: 'M' });
    expect(r.acquisitionDateTime).toBe('2002-11-22T09:10:00');
    // Every value is a multiple of the 2.5 uV AVM.
    for (const l of r.leads) expect(l.samplesUv.every((v) => Number.isInteger(v / 2.5))).toBe(true);
  });

  it('handleScpEcg recognises the SCPECG signature and rejects a truncated file', async () => {
    const bytes = new Uint8Array(readFileSync(sharedData('ecg', 'scp', 'Example.scp')));
    expect(await handleScpEcg({ path: '/x/Example.scp', bytes }, DEFAULT_LIMITS)).toMatchObject({
      status: 'parsed',
      object: { kind: 'ecg', waveform: { format: 'scp', samplesPerLead: 5000 } },
    });
    const cut = await handleScpEcg({ path: '/x/cut.scp', bytes: bytes.subarray(0, 20000) }, DEFAULT_LIMITS);
    expect(cut).toMatchObject({ status: 'rejected' });
    expect(await handleScpEcg({ path: '/x/a.scp', bytes: new Uint8Array(100) }, DEFAULT_LIMITS)).toBe('skip');
  });
});
