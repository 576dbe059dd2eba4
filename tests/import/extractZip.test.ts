/**
 * ZIP extraction: an entry that cannot be read or written here is left out with its reason while the rest
 * of the archive is extracted; what marks the archive itself as hostile refuses all of it. Archives are
 * written by python3's zipfile (tests/helpers/writeZip.ts), the CT slice is a real file of ../shared/data.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ZIP_LIMITS, extractZip, ZipRefusedError } from '../../src-main/import/extractZip';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { writeZip, type ZipEntrySpec } from '../helpers/writeZip';

const tmp = makeTempDir('extract-zip');
afterAll(() => tmp.cleanup());

const ct = sharedData('ct', 'CT1_UNC.explicit_little_endian.dcm');
let archives = 0;

/** Writes `entries` to a new archive and extracts it into a new folder. */
async function extract(entries: ZipEntrySpec[], limits = DEFAULT_ZIP_LIMITS) {
  const n = ++archives;
  const zip = path.join(tmp.dir, `a${n}.zip`);
  const dest = path.join(tmp.dir, `out${n}`);
  writeZip(zip, entries);
  const result = await extractZip(zip, dest, limits);
  const names = result.files.map((f) => path.relative(dest, f).split(path.sep).join('/'));
  return { ...result, names, dest };
}

describe('extractZip', () => {
  it('extracts every entry, keeping the folder tree', async () => {
    const r = await extract([{ name: 'study/ct.dcm', file: ct }, { name: 'README.txt', text: 'notes' }]);
    expect(r.names).toEqual(['study/ct.dcm', 'README.txt']);
    expect(readFileSync(path.join(r.dest, 'study', 'ct.dcm'))).toEqual(readFileSync(ct));
    expect(r.skipped).toEqual([]);
  });

  it('leaves out an entry whose folder is another entry’s file, and extracts the rest (this crashed the process)', async () => {
    const r = await extract([
      { name: 'a', text: 'a file named a' },
      { name: 'a/b.dcm', file: ct },
      { name: 'ok.dcm', file: ct },
    ]);
    expect(r.names).toEqual(['a', 'ok.dcm']);
    expect(r.skipped).toEqual([{ entry: 'a/b.dcm', reason: 'not extracted: the archive has a file and a folder of the same name on its path' }]);
  });

  it('keeps the first of two entries with the same name', async () => {
    const r = await extract([
      { name: 'x.dcm', file: ct },
      { name: 'x.dcm', text: 'second' },
      { name: 'y.txt', text: 'y' },
    ]);
    expect(r.names).toEqual(['x.dcm', 'y.txt']);
    expect(readFileSync(path.join(r.dest, 'x.dcm'))).toEqual(readFileSync(ct));
    expect(r.skipped).toEqual([{ entry: 'x.dcm', reason: expect.stringMatching(/^not extracted: another entry of the archive has the same name/) }]);
  });

  it('leaves out an entry whose name is too long for the file system', async () => {
    const long = `${'n'.repeat(300)}.dcm`;
    const r = await extract([{ name: long, file: ct }, { name: 'ok.dcm', file: ct }]);
    expect(r.names).toEqual(['ok.dcm']);
    expect(r.skipped).toEqual([{ entry: long, reason: 'not extracted: its name is longer than this file system allows' }]);
  });

  it('leaves out an encrypted entry and one whose data is damaged, removing the partial file', async () => {
    const r = await extract([
      { name: 'secret.dcm', file: ct, encrypted: true },
      { name: 'scratched.dcm', file: ct, damaged: true },
      { name: 'ok.dcm', file: ct },
    ]);
    expect(r.names).toEqual(['ok.dcm']);
    expect(r.skipped.map((s) => s.entry)).toEqual(['secret.dcm', 'scratched.dcm']);
    expect(r.skipped[0]!.reason).toBe('encrypted: not extracted (no password is asked for)');
    expect(r.skipped[1]!.reason).toMatch(/^not extracted: damaged data \(.*invalid block type/);
    expect(readdirSync(r.dest)).toEqual(['ok.dcm']);
  });

  it('lists symbolic links without writing them', async () => {
    const r = await extract([{ name: 'link.dcm', symlinkTo: '/etc/passwd' }, { name: 'ok.dcm', file: ct }]);
    expect(r.names).toEqual(['ok.dcm']);
    expect(r.links).toEqual(['link.dcm']);
    expect(existsSync(path.join(r.dest, 'link.dcm'))).toBe(false);
  });

  it('leaves out an entry over the per-entry size limit, refuses the archive over the total', async () => {
    const size = readFileSync(ct).length;
    const small = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: size - 1 };
    const r = await extract([{ name: 'big.dcm', file: ct }, { name: 'small.txt', text: 'small' }], small);
    expect(r.names).toEqual(['small.txt']);
    expect(r.skipped).toEqual([{ entry: 'big.dcm', reason: `${size} bytes, over the ${size - 1}-byte limit for one entry` }]);
    const total = { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: size + 1 };
    await expect(extract([{ name: 'a.dcm', file: ct }, { name: 'b.dcm', file: ct }], total)).rejects.toThrow(
      new ZipRefusedError(`ZIP archive unpacks to more than ${size + 1} bytes`),
    );
  });

  it('refuses the whole archive for a name escaping the folder or a bomb-like ratio', async () => {
    await expect(extract([{ name: 'ok.dcm', file: ct }, { name: '../../evil.dcm', file: ct }])).rejects.toThrow(ZipRefusedError);
    const zeros = path.join(tmp.dir, 'zeros.bin');
    writeFileSync(zeros, Buffer.alloc(4 << 20));
    await expect(extract([{ name: 'zeros.bin', file: zeros }], { ...DEFAULT_ZIP_LIMITS, maxRatio: 100 })).rejects.toThrow(
      'ZIP entry zeros.bin has a compression ratio over 100:1 (zip bomb?)',
    );
  });
});
