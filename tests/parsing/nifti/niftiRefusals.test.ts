import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { handleNifti } from '../../../src-main/parsing/nifti/handleNifti';
import { readNiftiVolume } from '../../../src-main/parsing/nifti/readNiftiVolume';
import { DEFAULT_LIMITS, type ParseOutcome } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

const tmp = mkdtempSync(path.join(tmpdir(), 'nifti-refusals-'));

async function offer(name: string, bytes: Uint8Array): Promise<ParseOutcome | 'skip'> {
  const p = path.join(tmp, name);
  writeFileSync(p, bytes);
  return handleNifti({ path: p, bytes }, DEFAULT_LIMITS);
}

/** A little-endian single-file NIfTI-1 header (352 bytes incl. extension flag), per nifti1.h offsets. */
function nifti1Header(dims: number[], datatype: number, bitpix: number): Uint8Array {
  const bytes = new Uint8Array(352);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, 348, true);
  v.setInt16(40, dims.length, true);
  dims.forEach((d, i) => v.setInt16(42 + 2 * i, d, true));
  v.setInt16(70, datatype, true);
  v.setInt16(72, bitpix, true);
  for (let i = 0; i < 4; i++) v.setFloat32(76 + 4 * i, 1, true);
  v.setFloat32(108, 352, true);
  bytes.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0"
  return bytes;
}

describe('handleNifti refusals', () => {
  it('rejects a truncated .nii copy, naming what the header declares', async () => {
    const full = readFileSync(sharedData('nifti/anatomical.nii'));
    const outcome = await offer('cut.nii', full.subarray(0, full.length - 1000));
    expect(outcome).toMatchObject({ status: 'rejected' });
    const reason = (outcome as { reason: string }).reason;
    expect(reason).toMatch(/^truncated/);
    // 33·41·25 int16 = 67650 bytes at offset 352 → 68002 needed, 67002 present
    expect(reason).toContain('67650');
    expect(reason).toContain('67002');
    await expect(readNiftiVolume(path.join(tmp, 'cut.nii'))).rejects.toThrow(/truncated/);
  });

  it('rejects a truncated .nii.gz copy', async () => {
    const full = readFileSync(sharedData('nifti/example_nifti2.nii.gz'));
    const outcome = await offer('cut.nii.gz', full.subarray(0, Math.floor(full.length / 2)));
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^truncated/) });
  });

  it('refuses huge declared dims from the header alone, fast, without allocating', async () => {
    const header = nifti1Header([30000, 30000, 30000], 4, 16); // 5.4e13 bytes of int16
    const started = performance.now();
    const outcome = await offer('huge.nii', header);
    expect(performance.now() - started).toBeLessThan(500);
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/maxPixelBytes/) });
    expect((outcome as { reason: string }).reason).toContain('30000×30000×30000 int16');
  });

  it('refuses absurd dims (negative size, dim[0] out of range)', async () => {
    expect(await offer('neg.nii', nifti1Header([10, -5, 10], 2, 8))).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/dim\[2\] is -5/),
    });
    const bad = nifti1Header([4, 4, 4], 2, 8);
    new DataView(bad.buffer).setInt16(40, 9, true);
    expect(await offer('dim0.nii', bad)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/dim\[0\] is 9/) });
  });

  it('refuses a gzip bomb: the inflate stops at the size the header declares', async () => {
    const header = nifti1Header([10, 10, 10], 2, 8); // 1000 bytes of voxels
    const bomb = gzipSync(Buffer.concat([header, Buffer.alloc(16 * 1024 ** 2)]));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const outcome = await offer('bomb.nii.gz', bomb);
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/gzip bomb/) });
  });

  it('accepts the crafted header once its voxels are present (the refusals above are specific)', async () => {
    const header = nifti1Header([10, 10, 10], 2, 8);
    const outcome = await offer('ok.nii', Buffer.concat([header, Buffer.alloc(1000)]));
    expect(outcome).toMatchObject({ status: 'parsed', object: { dims: [10, 10, 10], datatype: 'uint8' } });
  });

  it('rejects a .nii that is not NIfTI, and skips other formats', async () => {
    expect(await offer('text.nii', new TextEncoder().encode('hello world, not a volume'))).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/not a NIfTI file/),
    });
    const zipMr = sharedData('malformed/zipMR.gz');
    expect(await handleNifti({ path: zipMr, bytes: readFileSync(zipMr) }, DEFAULT_LIMITS)).toBe('skip');
    const jpg = sharedData('dermoscopy/ISIC_0000000.jpg');
    expect(await handleNifti({ path: jpg, bytes: readFileSync(jpg) }, DEFAULT_LIMITS)).toBe('skip');
  });
});
