import { readFileSync } from 'node:fs';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { readDicomWaveform } from '../../../src-main/parsing/ecg/dicomWaveform';
import { readHl7Aecg } from '../../../src-main/parsing/ecg/readHl7Aecg';
import { readScpEcg } from '../../../src-main/parsing/ecg/readScpEcg';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

/**
 * Example_aECG.xml, Example_12lead.dcm and Example.scp hold the same 10-s recording (ECG Toolkit converted
 * between them). All three quantise at 2.5 uV (aECG scale 2.5 uV, DICOM ChannelSensitivity 2.5 uV, SCP AVM
 * 2500 nV), so faithful decoders must agree to within one quantisation step; the test allows exactly
 * that, 2.5 uV (in practice they agree exactly).
 */
const xml = readHl7Aecg(new Uint8Array(readFileSync(sharedData('ecg', 'hl7-aecg', 'Example_aECG.xml'))), DEFAULT_LIMITS);
const others = {
  dicom: () => readDicomWaveform(dicomParser.parseDicom(new Uint8Array(readFileSync(sharedData('ecg', 'dicom', 'Example_12lead.dcm'))))),
  scp: () => readScpEcg(new Uint8Array(readFileSync(sharedData('ecg', 'scp', 'Example.scp'))), DEFAULT_LIMITS),
};

describe.each(Object.entries(others))('cross-format: aECG vs %s of the same recording', (_name, read) => {
  it('agrees sample by sample on every common lead', () => {
    const dcm = read();
    expect(dcm.summary.samplingRateHz).toBe(xml.summary.samplingRateHz);
    const common = xml.leads.filter((l) => dcm.leads.some((d) => d.name === l.name));
    expect(common.map((l) => l.name).sort()).toEqual(['I', 'II', 'III', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'aVF', 'aVL', 'aVR']);
    const TOLERANCE_UV = 2.5;
    for (const a of common) {
      const b = dcm.leads.find((d) => d.name === a.name)!.samplesUv;
      const n = Math.min(a.samplesUv.length, b.length);
      expect(n).toBeGreaterThan(4000);
      let worst = 0;
      for (let k = 0; k < n; k++) worst = Math.max(worst, Math.abs(a.samplesUv[k]! - b[k]!));
      expect(worst, `lead ${a.name}`).toBeLessThanOrEqual(TOLERANCE_UV);
    }
  });
});
