import { describe, expect, it } from 'vitest';
import type { Instance, Series } from '../../../src-main/contract/schemas';
import { hasStackImages } from '../../../src-shared/hangingProtocol/firstView';
import { stackSource } from '../../../src-renderer/src/viewer/stackSource';

const instance = (id: number, frames: number | null, instanceNumber: number): Instance => ({
  id,
  sopInstanceUid: `1.2.${id}`,
  sopClassUid: '1.2.840.10008.5.1.4.1.1.12.1',
  objectType: 'image',
  transferSyntaxUid: '1.2.840.10008.1.2.4.50',
  instanceNumber,
  path: `/x/${id}.dcm`,
  size: 1,
  sha256: 'a',
  rows: 10,
  columns: 10,
  frames,
  pixelSpacing: null,
  sliceThickness: null,
  imagePosition: null,
  imageOrientation: null,
  pixelState: 'ok',
  pixelError: null,
  flags: [],
});

const series = (over: Partial<Series>): Series => ({
  id: 1,
  seriesInstanceUid: '1.2',
  modality: 'XA',
  domain: 'other',
  seriesNumber: 1,
  description: null,
  instances: [],
  waveforms: [],
  images: [],
  volumes: [],
  ...over,
});

const photo = (id: number, pixelState: 'ok' | 'undecodable') => ({
  id,
  path: `/x/${id}.png`,
  sha256: 'b',
  format: 'png' as const,
  width: 4,
  height: 3,
  channels: 3,
  domain: 'skin' as const,
  sidecar: null,
  pixelState,
  pixelError: null,
});

describe('stack source', () => {
  it('gives one id per frame of a multi-frame object, each owned by its instance', () => {
    const s = stackSource(series({ instances: [instance(7, 3, 1)] }), 'http://h');
    expect(s.imageIds).toEqual([1, 2, 3].map((f) => `wadouri:http://h/files/instances/7?frame=${f}`));
    expect(s.owners.map((o) => o?.id)).toEqual([7, 7, 7]);
    expect(s.multiFrame).toBe(true);
  });

  it('adds decodable photos with the photo scheme and no owner', () => {
    const s = stackSource(series({ images: [photo(4, 'ok'), photo(5, 'undecodable')] }), 'app://workstation');
    expect(s.imageIds).toEqual(['qoqphoto:app://workstation/files/images/4']);
    expect(s.owners).toEqual([undefined]);
    expect(hasStackImages(series({ images: [photo(5, 'undecodable')] }))).toBe(false);
    expect(hasStackImages(series({ images: [photo(4, 'ok')] }))).toBe(true);
  });
});
