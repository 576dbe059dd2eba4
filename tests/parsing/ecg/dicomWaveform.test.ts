import { readFileSync } from 'node:fs';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { readDicomWaveform, readDicomWaveformGroups } from '../../../src-main/parsing/ecg/dicomWaveform';
import { sharedData } from '../../helpers/sharedData';

const STD12 = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

function parse(...parts: string[]): dicomParser.DataSet {
  return dicomParser.parseDicom(new Uint8Array(readFileSync(sharedData(...parts))));
}

describe('readDicomWaveform', () => {
  it('decodes the Mortara rhythm group (Explicit VR LE) and matches pydicom waveform_array', () => {
    const r = readDicomWaveform(parse('ecg', 'dicom', 'waveform_ecg.dcm'));
    expect(r.summary).toMatchObject({ format: 'dicom', samplingRateHz: 1000, samplesPerLead: 10000, durationS: 10, units: 'uV' });
    expect(r.summary.leads).toEqual(STD12);
    expect(r.summary.filterInfo).toBe('0.05-300 Hz');
    expect(r.patient).toEqual({ patientId: '642341', name: 'Anonymous', birthDate: '19710123', sex: 'F' });
    expect(r.acquisitionDateTime).toBe('2013-01-25T10:59:19');
    // Reference values printed by pydicom 2.x `ds.waveform_array(0)` (sensitivity 1.25 uV, baseline 0).
    const expected: Record<number, number[]> = {
      0: [100.0, 112.5, 12.5, -106.25, 43.75, 62.5, 50.0, 18.75, -12.5, -25.0, -68.75, -50.0],
      2500: [603.75, 912.5, 308.75, -757.5, 147.5, 610.0, -812.5, -625.0, -831.25, 893.75, 1662.5, 1206.25],
      9999: [25.0, 137.5, 112.5, -81.25, -43.75, 125.0, 25.0, -12.5, -112.5, -137.5, -150.0, -112.5],
    };
    for (const [s, values] of Object.entries(expected)) {
      expect(r.leads.map((l) => l.samplesUv[Number(s)])).toEqual(values);
    }
  });

  it('every sample equals raw int16 × ChannelSensitivity, read by hand from the interleaved bytes', () => {
    const ds = parse('ecg', 'dicom', 'waveform_ecg.dcm');
    const r = readDicomWaveform(ds);
    const group = ds.elements.x54000100!.items![0]!.dataSet!;
    const data = group.elements.x54001010!;
    const buf = Buffer.from(ds.byteArray.buffer, ds.byteArray.byteOffset, ds.byteArray.byteLength);
    for (const s of [0, 1, 777, 5000, 9999]) {
      for (let c = 0; c < 12; c++) {
        const raw = buf.readInt16LE(data.dataOffset + (s * 12 + c) * 2);
        expect(r.leads[c]!.samplesUv[s]).toBe(raw * 1.25);
      }
    }
  });

  it('exposes the median-beat group separately and keeps it out of the main record', () => {
    const groups = readDicomWaveformGroups(parse('ecg', 'dicom', 'waveform_ecg.dcm'));
    expect(groups.map((g) => [g.label, g.originality, g.samplesPerChannel])).toEqual([
      ['RHYTHM', 'ORIGINAL', 10000],
      ['MEDIAN BEAT', 'DERIVED', 1200],
    ]);
    // pydicom waveform_array(1)[600]
    expect(groups[1]!.leads.map((l) => l.samplesUv[600])).toEqual([
      25.0, 62.5, 37.5, -43.75, -6.25, 50.0, -25.0, 50.0, 150.0, 100.0, 62.5, 50.0,
    ]);
  });

  it('decodes the Implicit VR LE ECG Toolkit example (2.5 uV units, 500 Hz)', () => {
    const r = readDicomWaveform(parse('ecg', 'dicom', 'Example_12lead.dcm'));
    expect(r.summary).toMatchObject({ samplingRateHz: 500, samplesPerLead: 5000, durationS: 10 });
    expect(r.summary.leads).toEqual(STD12);
    expect(r.patient).toEqual({ patientId: 'SBJ-123', name: 'Clark', birthDate: '19530508', sex: 'M' });
    // pydicom waveform_array(0)[1234]
    expect(r.leads.map((l) => l.samplesUv[1234])).toEqual([
      92.5, -17.5, -110.0, -37.5, 100.0, -62.5, -27.5, -32.5, -50.0, -40.0, -72.5, -110.0,
    ]);
  });
});

// ---- A hand-built Implicit VR LE data set: 8-bit samples, mV units, correction factor and baseline ----

function el(group: number, element: number, value: Uint8Array): Uint8Array {
  const out = Buffer.alloc(8 + value.length);
  out.writeUInt16LE(group, 0);
  out.writeUInt16LE(element, 2);
  out.writeUInt32LE(value.length, 4);
  out.set(value, 8);
  return out;
}
const str = (s: string): Uint8Array => Buffer.from(s.length % 2 ? `${s} ` : s, 'latin1');
const us = (v: number): Uint8Array => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};
const ul = (v: number): Uint8Array => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
};
function seq(group: number, element: number, itemsContent: Uint8Array[]): Uint8Array {
  const items = itemsContent.map((c) => el(0xfffe, 0xe000, c));
  return el(group, element, Buffer.concat(items));
}

describe('readDicomWaveform on a synthetic 8-bit waveform', () => {
  it('applies raw × sensitivity × correction + baseline and converts mV to uV', () => {
    const channel = (code: string, meaning: string): Uint8Array =>
      Buffer.concat([
        seq(0x003a, 0x0208, [Buffer.concat([el(0x0008, 0x0100, str(code)), el(0x0008, 0x0104, str(meaning))])]),
        el(0x003a, 0x0210, str('0.01')), // sensitivity, mV per LSB
        seq(0x003a, 0x0211, [el(0x0008, 0x0100, str('mV'))]),
        el(0x003a, 0x0212, str('2')), // correction factor
        el(0x003a, 0x0213, str('0.5')), // baseline, mV
      ]);
    const samples = Int8Array.from([1, -1, 10, -10, 127, -128]); // 3 samples × 2 channels, interleaved
    const group = Buffer.concat([
      el(0x003a, 0x0005, us(2)),
      el(0x003a, 0x0010, ul(3)),
      el(0x003a, 0x001a, str('250')),
      seq(0x003a, 0x0200, [channel('2:1', 'Lead I'), channel('2:62', 'Lead aVR')]),
      el(0x5400, 0x1004, us(8)),
      el(0x5400, 0x1006, str('SB')),
      el(0x5400, 0x1010, new Uint8Array(samples.buffer)),
    ]);
    const bytes = new Uint8Array(Buffer.concat([seq(0x5400, 0x0100, [group])]));
    const ds = dicomParser.parseDicom(bytes, { TransferSyntaxUID: '1.2.840.10008.1.2' });
    const r = readDicomWaveform(ds);
    expect(r.summary.leads).toEqual(['I', 'aVR']);
    expect(r.summary.samplingRateHz).toBe(250);
    // (raw × 0.01 × 2 + 0.5) mV × 1000
    const uv = (raw: number): number => (raw * 0.01 * 2 + 0.5) * 1000;
    expect(Array.from(r.leads[0]!.samplesUv)).toEqual([1, 10, 127].map(uv).map(Math.fround));
    expect(Array.from(r.leads[1]!.samplesUv)).toEqual([-1, -10, -128].map(uv).map(Math.fround));
  });

  it('rejects WaveformData shorter than channels × samples', () => {
    const group = Buffer.concat([
      el(0x003a, 0x0005, us(1)),
      el(0x003a, 0x0010, ul(100)),
      el(0x003a, 0x001a, str('500')),
      seq(0x003a, 0x0200, [Buffer.concat([el(0x003a, 0x0210, str('1'))])]),
      el(0x5400, 0x1004, us(16)),
      el(0x5400, 0x1006, str('SS')),
      el(0x5400, 0x1010, new Uint8Array(10)),
    ]);
    const ds = dicomParser.parseDicom(new Uint8Array(seq(0x5400, 0x0100, [group])), { TransferSyntaxUID: '1.2.840.10008.1.2' });
    expect(() => readDicomWaveform(ds)).toThrow(/WaveformData holds 10 bytes/);
  });
});
