import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleEcgXml } from '../../../src-main/parsing/ecg/handleEcgXml';
import { readPhilipsXml } from '../../../src-main/parsing/ecg/readPhilipsXml';
import { lzwDecode } from '../../../src-main/parsing/ecg/xliDecompress';
import { DEFAULT_LIMITS, type EcgRecord } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

const STD12 = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
const philips = (name: string): Uint8Array => new Uint8Array(readFileSync(sharedData('ecg', 'philips-xml', name)));
const lead = (r: EcgRecord, n: string): Float32Array => r.leads.find((l) => l.name === n)!.samplesUv;

/** Packs 10-bit codes MSB first, as the XLI stream stores them. */
function pack10(codes: number[]): Uint8Array {
  const bits = codes.map((c) => c.toString(2).padStart(10, '0')).join('');
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  return Uint8Array.from(padded.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}

describe('lzwDecode', () => {
  it('decodes a hand-encoded stream including the KwKwK case', () => {
    // "ABABABA" → A(65) B(66) AB(256) ABA(258, defined by the code itself).
    const out = lzwDecode(pack10([65, 66, 256, 258]), 7);
    expect(new TextDecoder().decode(out)).toBe('ABABABA');
    expect(() => lzwDecode(pack10([65, 66, 256, 258]), 5)).toThrow(/larger than the declared/);
    expect(() => lzwDecode(pack10([65, 600]), 10)).toThrow(/invalid LZW code/);
  });
});

describe('readPhilipsXml', () => {
  const cases = [
    // v1.03 stores small non-zero residuals in III: Einthoven holds to 2 LSB (10 uV); v1.04 exactly.
    { file: '129DYPRG.XML', einthovenUv: 10, patient: { patientId: '1112010721168bdc', sex: 'M' }, acq: '2011-12-01T07:27:34' },
    {
      file: '3191723_ZZDEMOPTONLY_1-04_orig.xml',
      einthovenUv: 0,
      patient: { patientId: '9999', name: 'ZZDEMOPTONLY^ADULT', sex: 'M', birthDate: '19500101' },
      acq: '2010-01-19T15:19:22',
    },
  ];
  for (const c of cases) {
    it(`${c.file}: 12 leads × 5500 samples at 500 Hz, limb leads rebuilt, plausible uV`, () => {
      const r = readPhilipsXml(philips(c.file), DEFAULT_LIMITS);
      expect(r.summary).toMatchObject({ format: 'philips-xml', samplingRateHz: 500, samplesPerLead: 5500, durationS: 11 });
      expect(r.summary.leads).toEqual(STD12);
      expect(r.summary.filterInfo).toBe('0.05-150 Hz');
      expect(r.patient).toEqual(c.patient);
      expect(r.acquisitionDateTime).toBe(c.acq);
      const [I, II, III, aVR, aVL, aVF] = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'].map((n) => lead(r, n));
      // The first 10 s are the ECG (the last second holds a calibration pulse): check the laws there.
      for (let k = 0; k < 5000; k++) {
        expect(Math.abs(III![k]! - (II![k]! - I![k]!))).toBeLessThanOrEqual(c.einthovenUv);
        // Goldberger: aVR + aVL + aVF = 0, to the rounding of the three halves (≤ 1 LSB each side).
        expect(Math.abs(aVR![k]! + aVL![k]! + aVF![k]!)).toBeLessThanOrEqual(10);
        expect(Math.abs(aVR![k]! + (I![k]! + II![k]!) / 2)).toBeLessThanOrEqual(10);
      }
      for (const l of r.leads) {
        const s = l.samplesUv.subarray(0, 5000);
        const mean = s.reduce((a, b) => a + b, 0) / s.length;
        expect(Math.abs(mean)).toBeLessThan(200); // baseline near 0
        expect(Math.max(...s.map(Math.abs))).toBeLessThan(5000); // within ±5 mV
        expect(Math.max(...s) - Math.min(...s)).toBeGreaterThan(200); // a real signal, not zeros
        expect(s.every((v) => Number.isInteger(v / 5))).toBe(true); // 5 uV resolution
        // The 1 mV calibration pulse (samples 5350–5449) reads +1000 uV in every lead, which pins the
        // sign convention of the residual leads (a wrong sign would give −1000 or 0 in III/aVR/aVL/aVF).
        expect(l.samplesUv[5400]! - l.samplesUv[5300]!).toBeCloseTo(1000, -1);
      }
    });
  }

  it('handleEcgXml dispatches Philips XML, including UTF-16LE', async () => {
    const bytes = philips('3191723_ZZDEMOPTONLY_1-04_orig.xml');
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const o = await handleEcgXml({ path: '/x/a.xml', bytes }, DEFAULT_LIMITS);
    expect(o).toMatchObject({
      status: 'parsed',
      object: { kind: 'ecg', patient: { patientId: '9999' }, waveform: { format: 'philips-xml', leads: STD12 } },
    });
  });

  it('rejects a damaged waveform payload', async () => {
    const text = new TextDecoder().decode(philips('129DYPRG.XML'));
    const damaged = text.replace(/(<parsedwaveforms[^>]*>)([A-Za-z0-9+/]{40})/, '$1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const o = await handleEcgXml({ path: '/x/d.xml', bytes: new TextEncoder().encode(damaged) }, DEFAULT_LIMITS);
    expect(o).toMatchObject({ status: 'rejected' });
  });
});
