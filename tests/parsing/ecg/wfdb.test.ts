import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleWfdbCompanion } from '../../../src-main/parsing/ecg/handleWfdbCompanion';
import { handleWfdbHeader } from '../../../src-main/parsing/ecg/handleWfdbHeader';
import { readWfdbRecord } from '../../../src-main/parsing/ecg/readWfdbRecord';
import { DEFAULT_LIMITS, type EcgObject, type ParseOutcome } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

const wfdb = (name: string): string => sharedData('ecg', 'wfdb', name);

/** Format 212 by hand: sample n of the interleaved stream, from its 3-byte pair. */
function hand212(bytes: Buffer, n: number): number {
  const p = Math.floor(n / 2) * 3;
  const v = n % 2 === 0 ? bytes[p]! + ((bytes[p + 1]! & 0x0f) << 8) : bytes[p + 2]! + ((bytes[p + 1]! >> 4) << 8);
  return v >= 2048 ? v - 4096 : v; // 12-bit two's complement
}

function asEcg(o: ParseOutcome | 'skip'): EcgObject {
  if (o === 'skip' || o.status !== 'parsed' || o.object.kind !== 'ecg') throw new Error(`not parsed: ${JSON.stringify(o)}`);
  return o.object;
}

describe('WFDB record 100 (format 212)', () => {
  it('decodes MLII and V5 as (digital − baseline)/gain mV, in uV, for all 650000 samples', async () => {
    const r = await readWfdbRecord(wfdb('100.hea'));
    expect(r.summary).toMatchObject({ format: 'wfdb', leads: ['MLII', 'V5'], samplingRateHz: 360, samplesPerLead: 650000 });
    expect(r.summary.durationS).toBeCloseTo(650000 / 360, 9);
    expect(r.leads.map((l) => l.samplesUv.length)).toEqual([650000, 650000]);
    // Well-known first values of MIT-BIH 100: MLII −0.145 mV, V5 −0.065 mV.
    expect(r.leads[0]!.samplesUv[0]).toBeCloseTo(-145, 4);
    expect(r.leads[1]!.samplesUv[0]).toBeCloseTo(-65, 4);
    const dat = readFileSync(wfdb('100.dat'));
    // Header: gain 200, baseline (= ADC zero) 1024 for both signals.
    for (const t of [0, 1, 2, 17, 100_001, 324_999, 649_999]) {
      for (const sig of [0, 1]) {
        const digital = hand212(dat, t * 2 + sig);
        expect(r.leads[sig]!.samplesUv[t]).toBeCloseTo(((digital - 1024) / 200) * 1000, 3);
      }
    }
    expect(r.patient).toEqual({ sex: 'M' });
  });
});

describe('WFDB record s0010_re (format 16, two signal files)', () => {
  it('reads the 12 leads from .dat and Frank vx/vy/vz from .xyz', async () => {
    const r = await readWfdbRecord(wfdb('s0010_re.hea'));
    expect(r.summary.leads).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'vx', 'vy', 'vz']);
    expect(r.summary).toMatchObject({ samplingRateHz: 1000, samplesPerLead: 38400, durationS: 38.4 });
    const dat = readFileSync(wfdb('s0010_re.dat'));
    const xyz = readFileSync(wfdb('s0010_re.xyz'));
    // Gain 2000 /mV, baseline 0: uV = digital / 2000 × 1000 = digital / 2.
    for (const t of [0, 1, 999, 20_000, 38_399]) {
      for (let s = 0; s < 12; s++) expect(r.leads[s]!.samplesUv[t]).toBe(dat.readInt16LE((t * 12 + s) * 2) / 2);
      for (let s = 0; s < 3; s++) expect(r.leads[12 + s]!.samplesUv[t]).toBe(xyz.readInt16LE((t * 3 + s) * 2) / 2);
    }
    // The header's initial values (−489 for lead i, −3 for vx) are the first digital samples.
    expect(r.leads[0]!.samplesUv[0]).toBe(-489 / 2);
    expect(r.leads[12]!.samplesUv[0]).toBe(-3 / 2);
    expect(r.patient).toEqual({ sex: 'F' });
    expect(r.acquisitionDateTime).toBe('1990-10-01');
  });
});

describe('handleWfdbHeader', () => {
  it('returns an ecg object with companions and deterministic UIDs', async () => {
    const file = { path: wfdb('s0010_re.hea'), bytes: new Uint8Array(readFileSync(wfdb('s0010_re.hea'))) };
    const a = asEcg(await handleWfdbHeader(file, DEFAULT_LIMITS));
    const b = asEcg(await handleWfdbHeader(file, DEFAULT_LIMITS));
    expect(a.domain).toBe('ecg');
    expect(a.companions).toEqual([wfdb('s0010_re.dat'), wfdb('s0010_re.xyz')]);
    expect(a.study.studyInstanceUid).toMatch(/^2\.25\.\d+$/);
    expect(a.series.modality).toBe('ECG');
    expect([b.study.studyInstanceUid, b.series.seriesInstanceUid, b.recordId]).toEqual([
      a.study.studyInstanceUid,
      a.series.seriesInstanceUid,
      a.recordId,
    ]);
    expect(a.patient).toEqual({ patientId: 'WFDB-s0010_re', sex: 'F' });
    expect(a.warnings).toEqual([]);
  });

  it('keeps a 30-minute record (100) in the ecg domain', async () => {
    const file = { path: wfdb('100.hea'), bytes: new Uint8Array(readFileSync(wfdb('100.hea'))) };
    const o = asEcg(await handleWfdbHeader(file, DEFAULT_LIMITS));
    expect(o.domain).toBe('ecg');
    expect(o.waveform.samplesPerLead).toBe(650000);
    expect(o.companions).toEqual([wfdb('100.dat')]);
  });

  it('skips non-.hea files', async () => {
    expect(await handleWfdbHeader({ path: wfdb('100.dat'), bytes: new Uint8Array(4) }, DEFAULT_LIMITS)).toBe('skip');
  });

  it('rejects a truncated signal file, an oversize one, and signal paths outside the folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wfdb-'));
    const header = readFileSync(wfdb('100.hea'));
    writeFileSync(path.join(dir, '100.hea'), header);
    writeFileSync(path.join(dir, '100.dat'), readFileSync(wfdb('100.dat')).subarray(0, 3000));
    const file = { path: path.join(dir, '100.hea'), bytes: new Uint8Array(header) };
    const truncated = await handleWfdbHeader(file, DEFAULT_LIMITS);
    expect(truncated).toMatchObject({ status: 'rejected' });
    expect((truncated as { reason: string }).reason).toMatch(/declares 650000 samples \(1950000 bytes\), file holds 3000 bytes/);

    copyFileSync(wfdb('100.dat'), path.join(dir, '100.dat'));
    const big = await handleWfdbHeader(file, { ...DEFAULT_LIMITS, maxFileBytes: 1_000_000 });
    expect((big as { reason: string }).reason).toMatch(/exceeds maxFileBytes/);

    const evil = new TextEncoder().encode('evil 1 360 10\n../../etc/passwd 16 200 16 0 0 0 0 x\n');
    const o = await handleWfdbHeader({ path: path.join(dir, 'evil.hea'), bytes: evil }, DEFAULT_LIMITS);
    expect((o as { reason: string }).reason).toMatch(/not a plain file name/);

    const missing = new TextEncoder().encode('gone 1 360 10\ngone.dat 16 200 16 0 0 0 0 x\n');
    const m = await handleWfdbHeader({ path: path.join(dir, 'gone.hea'), bytes: missing }, DEFAULT_LIMITS);
    expect((m as { reason: string }).reason).toMatch(/missing/);
  });

  it('leaves non-voltage signals out with a warning and decodes formats 80 and 61', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wfdb-'));
    // 3 frames: format 80 (offset binary) ECG + BP in one file; format 61 (big-endian int16) in another.
    writeFileSync(path.join(dir, 'mix.dat'), Uint8Array.from([128 + 10, 128, 128 - 20, 130, 128, 140]));
    writeFileSync(path.join(dir, 'mix.be'), Uint8Array.from([0x01, 0x00, 0xff, 0x00, 0x00, 0x00]));
    const text =
      'mix 3 100 3\nmix.dat 80 10(0)/mV 8 0 0 0 0 II\nmix.dat 80 1/mmHg 8 0 0 0 0 ABP\nmix.be 61 100(0)/uV 16 0 0 0 0 V1\n';
    writeFileSync(path.join(dir, 'mix.hea'), text);
    const o = asEcg(await handleWfdbHeader({ path: path.join(dir, 'mix.hea'), bytes: new TextEncoder().encode(text) }, DEFAULT_LIMITS));
    expect(o.waveform.leads).toEqual(['II', 'V1']);
    expect(o.warnings.join()).toMatch(/ABP.*mmHg.*left out/);
    const r = await readWfdbRecord(path.join(dir, 'mix.hea'));
    // II: bytes 138, 108, 128 at frames 0..2 → digital 10, −20, 0 → /10 mV → 1000, −2000, 0 uV.
    expect(Array.from(r.leads[0]!.samplesUv)).toEqual([1000, -2000, 0]);
    // V1: 0x0100 = 256, 0xff00 = −256, 0 → /100 uV.
    expect(Array.from(r.leads[1]!.samplesUv)).toEqual([2.56, -2.56, 0].map(Math.fround));
  });
});

describe('handleWfdbCompanion', () => {
  it('marks files of a record with a sibling .hea as not-medical', async () => {
    for (const name of ['100.dat', '100.atr', 's0010_re.dat', 's0010_re.xyz']) {
      const o = await handleWfdbCompanion({ path: wfdb(name), bytes: new Uint8Array(0) }, DEFAULT_LIMITS);
      expect(o).toMatchObject({ status: 'not-medical' });
      expect((o as { reason: string }).reason).toMatch(/read through its \.hea header/);
    }
  });

  it('skips headers and files without a sibling header', async () => {
    expect(await handleWfdbCompanion({ path: wfdb('100.hea'), bytes: new Uint8Array(0) }, DEFAULT_LIMITS)).toBe('skip');
    const lone = sharedData('ecg', 'scp', 'Example.scp');
    expect(await handleWfdbCompanion({ path: lone, bytes: new Uint8Array(0) }, DEFAULT_LIMITS)).toBe('skip');
    const dat = path.join(mkdtempSync(path.join(tmpdir(), 'wfdb-')), 'orphan.dat');
    expect(await handleWfdbCompanion({ path: dat, bytes: new Uint8Array(0) }, DEFAULT_LIMITS)).toBe('skip');
  });
});
