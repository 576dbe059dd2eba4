import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLab } from '../../src-main/lab';
import { makeTempDir } from '../helpers/tempDir';
import { listFiles } from './labFixture';

const counts = { cxr: 5, mammography: 2, skin: 2, fundus: 2, ultrasound: 2, pathology: 1, ct: 1, mri: 1, ecg: 2 };
const tmp = makeTempDir('lab-determinism');
const dirs = { a: path.join(tmp.dir, 'a'), b: path.join(tmp.dir, 'b'), c: path.join(tmp.dir, 'c') };

beforeAll(async () => {
  await generateLab({ seed: 42, outDir: dirs.a, split: 'train', counts });
  await generateLab({ seed: 42, outDir: dirs.b, split: 'train', counts });
  await generateLab({ seed: 43, outDir: dirs.c, split: 'train', counts });
});
afterAll(() => tmp.cleanup());

describe('phantom lab determinism', () => {
  it('the same seed writes byte-identical files, manifest included', () => {
    const files = listFiles(dirs.a);
    expect(files).toEqual(listFiles(dirs.b));
    expect(files).toContain('lab-manifest.jsonl');
    for (const f of files) {
      expect(Buffer.compare(readFileSync(path.join(dirs.a, f)), readFileSync(path.join(dirs.b, f))), f).toBe(0);
    }
  });

  it('a different seed changes the image and signal files', () => {
    const content = listFiles(dirs.a).filter((f) => /\.(dcm|png|dat)$/.test(f));
    const shared = content.filter((f) => listFiles(dirs.c).includes(f));
    expect(shared.length).toBeGreaterThan(10);
    const same = shared.filter((f) => Buffer.compare(readFileSync(path.join(dirs.a, f)), readFileSync(path.join(dirs.c, f))) === 0);
    expect(same).toEqual([]);
  });
});
