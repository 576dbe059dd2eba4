import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleDicomDir } from '../../../src-main/parsing/dicom/handleDicomDir';
import { validateFileId } from '../../../src-main/parsing/dicom/validateFileId';
import { DEFAULT_LIMITS, type DicomDirObject } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';
import { el, item, part10, sq } from './craftDicom';

const DICOMDIR_SOP = '1.2.840.10008.1.3.10';

/** A DICOMDIR whose directory records reference `fileIds` (backslash-separated, as stored). */
function craftDicomDir(fileIds: string[]): Uint8Array {
  const records = fileIds.map((id) => item([...el(0x0004, 0x1430, 'CS', 'IMAGE'), ...el(0x0004, 0x1500, 'CS', id)]));
  return part10([...el(0x0004, 0x1130, 'CS', 'CRAFTED'), ...sq(0x0004, 0x1220, records)], { sopClass: DICOMDIR_SOP });
}

async function dicomDir(filePath: string, bytes: Uint8Array): Promise<DicomDirObject> {
  const outcome = await handleDicomDir({ path: filePath, bytes }, DEFAULT_LIMITS);
  if (outcome === 'skip' || outcome.status !== 'parsed' || outcome.object.kind !== 'dicomdir') {
    throw new Error(`expected a DICOMDIR, got ${JSON.stringify(outcome)}`);
  }
  return outcome.object;
}

describe('handleDicomDir on the shared corpus', () => {
  it('lists the 50 images of TINY_ALPHA (pydicom: 53 records, 50 with ReferencedFileID)', async () => {
    const file = sharedData('dicomdir', 'TINY_ALPHA', 'DICOMDIR');
    const dir = await dicomDir(file, new Uint8Array(readFileSync(file)));
    expect(dir.refused).toEqual([]);
    expect(dir.referencedFiles).toHaveLength(50);
    const root = path.dirname(file);
    expect(dir.referencedFiles[0]).toBe(path.join(root, 'PT000000', 'ST000000', 'SE000000', 'IM000000'));
    expect(dir.referencedFiles).toContain(path.join(root, 'PT000000', 'ST000000', 'SE000000', 'IM00001D'));
  });

  it('lists the 31 images of the pydicom dicomdirtests DICOMDIR', async () => {
    const file = sharedData('dicomdir', 'DICOMDIR');
    const dir = await dicomDir(file, new Uint8Array(readFileSync(file)));
    expect(dir.refused).toEqual([]);
    expect(dir.referencedFiles).toHaveLength(31);
    expect(dir.referencedFiles[0]).toBe(path.join(path.dirname(file), '77654033', 'CR1', '6154'));
  });

  it('skips files that are not DICOMDIRs', async () => {
    const ct = sharedData('ct', 'CT_small.dcm');
    expect(await handleDicomDir({ path: ct, bytes: new Uint8Array(readFileSync(ct)) }, DEFAULT_LIMITS)).toBe('skip');
    const png = sharedData('pathology', 'ihc.png');
    expect(await handleDicomDir({ path: png, bytes: new Uint8Array(readFileSync(png)) }, DEFAULT_LIMITS)).toBe('skip');
  });
});

describe('handleDicomDir on crafted media', () => {
  let media: string;
  let outside: string;

  beforeAll(() => {
    media = mkdtempSync(path.join(tmpdir(), 'qoq-dicomdir-'));
    outside = mkdtempSync(path.join(tmpdir(), 'qoq-outside-'));
    writeFileSync(path.join(outside, 'SECRET'), 'not yours');
    mkdirSync(path.join(media, 'IMAGES'));
    writeFileSync(path.join(media, 'IMAGES', 'IM1'), 'x');
    mkdirSync(path.join(media, 'lower'));
    writeFileSync(path.join(media, 'lower', 'im2'), 'x');
    symlinkSync(path.join(outside, 'SECRET'), path.join(media, 'IMAGES', 'LINK'));
    symlinkSync(outside, path.join(media, 'DIRLINK'));
  });
  afterAll(() => {
    rmSync(media, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('accepts valid IDs and refuses traversal, absolute paths, symlinks and malformed IDs with reasons', async () => {
    const bytes = craftDicomDir([
      'IMAGES\\IM1',
      'LOWER\\IM2', // on disk as lower/im2: matched case-insensitively
      '..\\..\\etc\\passwd',
      'IMAGES\\..\\..\\SECRET',
      '/etc/passwd',
      '\\ETC\\PASSWD',
      'C:\\WINDOWS',
      'IMAGES\\LINK',
      'DIRLINK\\SECRET',
      'A\\B\\C\\D\\E\\F\\G\\H\\I',
      'IMAGES\\TOOLONGNAME',
      'IMAGES\\IM 1',
      'IMAGES\\MISSING',
      'IMAGES\\IM1', // duplicate record: listed once
    ]);
    const dir = await dicomDir(path.join(media, 'DICOMDIR'), bytes);
    expect(dir.referencedFiles).toEqual([path.join(media, 'IMAGES', 'IM1'), path.join(media, 'lower', 'im2')]);
    const reasons = Object.fromEntries(dir.refused.map((r) => [r.fileId, r.reason]));
    expect(reasons).toEqual({
      '..\\..\\etc\\passwd': "'..' or '.' component (path traversal)",
      'IMAGES\\..\\..\\SECRET': "'..' or '.' component (path traversal)",
      '/etc/passwd': 'absolute path',
      '\\ETC\\PASSWD': 'absolute path',
      'C:\\WINDOWS': 'absolute path',
      'IMAGES\\LINK': `symbolic link: ${path.join(media, 'IMAGES', 'LINK')}`,
      'DIRLINK\\SECRET': `symbolic link: ${path.join(media, 'DIRLINK')}`,
      'A\\B\\C\\D\\E\\F\\G\\H\\I': '9 components (at most 8)',
      'IMAGES\\TOOLONGNAME': 'component "TOOLONGNAME" is longer than 8 characters',
      'IMAGES\\IM 1': 'component "IM 1" has characters outside A-Z, 0-9 and _',
      'IMAGES\\MISSING': `not found on the media: ${path.join(media, 'IMAGES', 'MISSING')}`,
    });
  });

  it('reports lower-case file IDs as tolerated', async () => {
    const dir = await dicomDir(path.join(media, 'DICOMDIR'), craftDicomDir(['lower\\im2']));
    expect(dir.referencedFiles).toEqual([path.join(media, 'lower', 'im2')]);
    expect(dir.warnings).toContain('1 Referenced File ID(s) use lower case (tolerated)');
  });

  it('rejects a damaged DICOMDIR with a reason', async () => {
    const good = craftDicomDir(['IMAGES\\IM1']);
    const cut = good.subarray(0, good.length - 20);
    const outcome = await handleDicomDir({ path: path.join(media, 'DICOMDIR'), bytes: cut }, DEFAULT_LIMITS);
    expect(outcome).toMatchObject({ status: 'rejected' });
  });
});

describe('validateFileId', () => {
  it.each([
    ['PT000000\\ST000000\\SE000000\\IM000000', true],
    ['A_1', true],
    ['', false],
    ['A\\\\B', false],
    ['.', false],
    ['A/B', false],
  ])('%j → ok=%s', (id, ok) => {
    expect(validateFileId(id).ok).toBe(ok);
  });
});
