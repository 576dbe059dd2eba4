import { describe, expect, it } from 'vitest';
import { StudyDetailSchema } from '../../src-main/contract/schemas';
import { ctSlice, ctStudyItems, item, mixedBatch } from './fixtures/parsedObjects';
import { testStore } from './fixtures/tempStore';

describe('getStudy', () => {
  it('returns every stored kind in the contract shape', () => {
    const store = testStore();
    const { studyIds } = store.ingest(mixedBatch());
    expect(studyIds).toHaveLength(4);
    for (const id of studyIds) {
      const detail = store.getStudy(id);
      expect(() => StudyDetailSchema.parse(detail)).not.toThrow();
    }
    const kinds = studyIds.map((id) => {
      const s = store.getStudy(id)!.series[0]!;
      return [s.instances.length, s.waveforms.length, s.images.length, s.volumes.length];
    });
    expect(kinds).toEqual([
      [1, 0, 0, 0], // CT: series 1 (scout) comes first
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('orders series by number and instances by instance number', () => {
    const store = testStore();
    const batch = ctStudyItems();
    const { studyIds } = store.ingest(batch);
    const detail = store.getStudy(studyIds[0]!)!;

    expect(detail.series.map((s) => [s.seriesNumber, s.description])).toEqual([
      [1, 'SCOUT'],
      [2, 'AXIAL 2.5mm'],
    ]);
    const axial = detail.series[1]!;
    expect(axial.instances.map((i) => i.instanceNumber)).toEqual([1, 2, 3]);
    const first = axial.instances[0]!;
    const slice1 = batch[1]!;
    expect(first).toEqual({
      id: expect.any(Number),
      sopInstanceUid: ctSlice(1).sopInstanceUid,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      objectType: 'image',
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      instanceNumber: 1,
      path: slice1.file.storedPath,
      size: slice1.file.size,
      sha256: slice1.file.sha256,
      rows: 512,
      columns: 512,
      frames: 1,
      pixelSpacing: [0.703125, 0.703125],
      sliceThickness: 2.5,
      imagePosition: [-180, -180, -2.5],
      imageOrientation: [1, 0, 0, 0, 1, 0],
      pixelState: 'ok',
      pixelError: null,
      flags: [],
    });
    expect(detail.series[0]!.instances[0]!.imagePosition).toBeNull();
  });

  it('falls back to z position when instance numbers are missing', () => {
    const store = testStore();
    const slices = [5, 1, 3].map((z) => {
      const s = ctSlice(z);
      s.instanceNumber = undefined;
      s.geometry!.imagePosition = [0, 0, z];
      return item(s, `z${z}`);
    });
    const numbered = ctSlice(9);
    numbered.instanceNumber = 1;
    const { studyIds } = store.ingest([...slices, item(numbered, 'numbered')]);

    const instances = store.getStudy(studyIds[0]!)!.series[0]!.instances;
    expect(instances.map((i) => i.imagePosition?.[2])).toEqual([-22.5, 1, 3, 5]);
  });

  it('keeps undecodable pixels and flags visible', () => {
    const store = testStore();
    const s = ctSlice(1);
    s.pixels = { state: 'undecodable', reason: 'JPEG 2000 codestream truncated' };
    s.flags = ['suspicious-preamble', 'no-part10-header'];
    const { studyIds } = store.ingest([item(s, 'a')]);
    const inst = store.getStudy(studyIds[0]!)!.series[0]!.instances[0]!;
    expect(inst).toMatchObject({
      pixelState: 'undecodable',
      pixelError: 'JPEG 2000 codestream truncated',
      flags: ['suspicious-preamble', 'no-part10-header'],
    });
  });

  it('returns undefined for an unknown id', () => {
    expect(testStore().getStudy(12345)).toBeUndefined();
  });
});
