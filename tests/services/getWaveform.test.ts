/** ECG samples for the reader: decoded in the worker, windowed, sent as plain numbers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWfdbRecord } from '../../src-main/parsing/ecg/readWfdbRecord';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { dispatch } from '../../src-main/services/dispatch';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;

beforeAll(async () => {
  tmp = makeTempDir('waveform');
  service = createWorkstationService({ dataDir: tmp.dir, actor: 'test', workers: 1 });
  await service.api.importPaths({ paths: [sharedData('ecg', 'wfdb', '100.hea'), sharedData('ecg', 'dicom', 'Example_12lead.dcm')] });
}, 60_000);
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

async function waveformIds(): Promise<{ id: number; format: string }[]> {
  const { studies } = await service.api.listStudies({ domain: 'ecg' });
  const details = await Promise.all(studies.map((s) => service.api.getStudy({ studyId: s.id })));
  return details.flatMap((d) => d.series.flatMap((s) => s.waveforms.map((w) => ({ id: w.id, format: w.format }))));
}

describe('getWaveform', () => {
  it('returns the first 10 s of a 12-lead ECG by default', async () => {
    const dicom = (await waveformIds()).find((w) => w.format === 'dicom')!;
    const r = await service.api.getWaveform({ waveformId: dicom.id });
    expect(r.samplingRateHz).toBe(500);
    expect(r.leads).toHaveLength(12);
    expect(r.leads.every((l) => l.samplesUv.length === 5000)).toBe(true);
  });

  it('returns a window of a long Holter record, sample-exact', async () => {
    const wfdb = (await waveformIds()).find((w) => w.format === 'wfdb')!;
    const r = await service.api.getWaveform({ waveformId: wfdb.id, startS: 60, durationS: 5 });
    expect(r.startS).toBe(60);
    expect(r.leads.map((l) => l.name)).toEqual(['MLII', 'V5']);
    expect(r.leads[0]!.samplesUv).toHaveLength(1800); // 5 s × 360 Hz
    const direct = await readWfdbRecord(sharedData('ecg', 'wfdb', '100.hea'));
    expect(r.leads[0]!.samplesUv).toEqual(Array.from(direct.leads[0]!.samplesUv.subarray(21600, 23400)));
  });

  it('refuses unknown ids and windows over a minute through the contract', async () => {
    await expect(dispatch(service.api, 'getWaveform', { waveformId: 999 })).rejects.toThrow(/no waveform with id 999/);
    await expect(dispatch(service.api, 'getWaveform', { waveformId: 1, durationS: 600 })).rejects.toThrow(/durationS/);
  });
});
