/**
 * The worker's copy into the content-addressed object store (`<objects>/<sha[0:2]>/<sha>-<name>`, or
 * `<objects>/<sha[0:2]>/<sha>/<name>` for an object with companions): where a new object lands, that an
 * existing one is not rewritten, that leftovers of a killed import do not stop the copy, and that
 * companions share their object's folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrefixFolders, storeCompanion, storeObject } from '../../src-main/parsing/worker/objectStore';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function tempDir(): string {
  const t = makeTempDir('object-store');
  cleanups.push(t.cleanup);
  return t.dir;
}

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('storeObject', () => {
  it('copies a new object to <sha[0:2]>/<sha>-<original name> and hashes its bytes', () => {
    const objects = tempDir();
    const bytes = bytesOf('a CT slice, as far as this test cares');
    const stored = storeObject(objects, '/media/cd/IMG0001', bytes);
    const expected = sha(bytes);
    expect(stored).toEqual({
      sha256: expected,
      size: bytes.length,
      storedPath: path.join(objects, expected.slice(0, 2), `${expected}-IMG0001`),
      originalPath: '/media/cd/IMG0001',
    });
    expect(readFileSync(stored.storedPath)).toEqual(Buffer.from(bytes));
  });

  it('gives an object with companions a folder of its own: <sha[0:2]>/<sha>/<original name>', () => {
    const objects = tempDir();
    const bytes = bytesOf('100 2 360 650000');
    const stored = storeObject(objects, '/media/mitdb/100.hea', bytes, { ownFolder: true });
    const expected = sha(bytes);
    expect(stored.storedPath).toBe(path.join(objects, expected.slice(0, 2), expected, '100.hea'));
    expect(readFileSync(stored.storedPath)).toEqual(Buffer.from(bytes));
  });

  it('keeps a flat name under the file-name limit (255 bytes) when the original name is very long', () => {
    const objects = tempDir();
    const stored = storeObject(objects, `/m/${'n'.repeat(250)}`, bytesOf('long name'));
    // 64 hex digits, a dash and at most 160 characters of the original name.
    expect(path.basename(stored.storedPath)).toBe(`${sha(bytesOf('long name'))}-${'n'.repeat(160)}`);
    expect(readFileSync(stored.storedPath, 'latin1')).toBe('long name');
  });

  it('counts the 255-byte name limit in bytes: a long Chinese name is cut to 160 bytes of UTF-8', () => {
    const objects = tempDir();
    // 80 CJK characters + ".dcm" = 244 bytes: a legal name, which the old 160-character cut left at 309 bytes.
    const name = `${'影'.repeat(80)}.dcm`;
    const bytes = bytesOf('a CT slice from a folder named in Chinese');
    const stored = storeObject(objects, `/media/cd/${name}`, bytes);
    expect(path.basename(stored.storedPath)).toBe(`${sha(bytes)}-${'影'.repeat(52)}.dcm`); // 52 × 3 + 4 = 160 bytes
    expect(Buffer.byteLength(path.basename(stored.storedPath))).toBeLessThanOrEqual(255);
    expect(readFileSync(stored.storedPath)).toEqual(Buffer.from(bytes));
  });

  it('stores a companion whose own name already uses the full 255 bytes', () => {
    const objects = tempDir();
    const main = storeObject(objects, '/m/rec.hea', bytesOf('rec 1 360 10'), { ownFolder: true });
    const name = `${'é'.repeat(125)}.dat`; // 254 bytes
    const companion = storeObject(objects, `/m/${name}`, bytesOf('signal'), { folderSha: main.sha256 });
    expect(companion.storedPath).toBe(path.join(path.dirname(main.storedPath), name));
    expect(readFileSync(companion.storedPath, 'latin1')).toBe('signal');
    expect(readdirSync(path.dirname(main.storedPath)).sort()).toEqual(['rec.hea', name].sort()); // no temporary left
  });

  it('creates the hash-prefix folder when it is the first object under it, and reuses it after', () => {
    const objects = tempDir();
    // Two contents whose hashes share no folder, then a second file in an existing prefix folder.
    const a = storeObject(objects, '/m/a', bytesOf('a'));
    const b = storeObject(objects, '/m/b', bytesOf('b'));
    for (const s of [a, b]) expect(readFileSync(s.storedPath, 'latin1')).toBe(path.basename(s.originalPath));
    const prefix = path.join(objects, 'zz');
    mkdirSync(prefix);
    const c = storeObject(objects, '/m/c', bytesOf('c'), { sha256: `zz${'0'.repeat(62)}` });
    expect(c.storedPath).toBe(path.join(prefix, `zz${'0'.repeat(62)}-c`));
    expect(readFileSync(c.storedPath, 'latin1')).toBe('c');
  });

  it('does not rewrite an object that is already stored', () => {
    const objects = tempDir();
    const bytes = bytesOf('stored once');
    const first = storeObject(objects, '/m/x.dcm', bytes);
    // A marker of the same size in place of the stored bytes shows whether the second call wrote again.
    writeFileSync(first.storedPath, 'marker-11ch');
    const second = storeObject(objects, '/other/x.dcm', bytes);
    expect(second.storedPath).toBe(first.storedPath);
    expect(readFileSync(first.storedPath, 'latin1')).toBe('marker-11ch');
  });

  it('rewrites an object left empty or short (a power cut before its import made it durable)', () => {
    const objects = tempDir();
    const bytes = bytesOf('complete object');
    const first = storeObject(objects, '/m/y.dcm', bytes);
    writeFileSync(first.storedPath, ''); // what ext4 can leave of a file renamed into place without a sync
    storeObject(objects, '/m/y.dcm', bytes);
    expect(readFileSync(first.storedPath, 'latin1')).toBe('complete object');
    writeFileSync(first.storedPath, 'complete');
    storeObject(objects, '/m/y.dcm', bytes);
    expect(readFileSync(first.storedPath, 'latin1')).toBe('complete object');
  });

  it('writes the file into a folder that a killed import left without it', () => {
    const objects = tempDir();
    const bytes = bytesOf('half-imported');
    const h = sha(bytes);
    const folder = path.join(objects, h.slice(0, 2), h);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'y.hea.999.tmp'), 'partial');
    const stored = storeObject(objects, '/m/y.hea', bytes, { ownFolder: true });
    expect(stored.storedPath).toBe(path.join(folder, 'y.hea'));
    expect(readFileSync(stored.storedPath)).toEqual(Buffer.from(bytes));
  });

  it('stores a flat object beside the temporary file a killed import left', () => {
    const objects = tempDir();
    const bytes = bytesOf('half-imported, flat');
    const h = sha(bytes);
    mkdirSync(path.join(objects, h.slice(0, 2)));
    writeFileSync(path.join(objects, h.slice(0, 2), `${h}-y.dcm.999.tmp`), 'partial');
    const stored = storeObject(objects, '/m/y.dcm', bytes);
    expect(stored.storedPath).toBe(path.join(objects, h.slice(0, 2), `${h}-y.dcm`));
    expect(readFileSync(stored.storedPath)).toEqual(Buffer.from(bytes));
  });

  it('zeroes an executable preamble in the copy but records the hash of the original bytes', () => {
    const objects = tempDir();
    const bytes = new Uint8Array(200).fill(0x4d);
    const stored = storeObject(objects, '/m/polyglot.dcm', bytes, { zeroPreamble: true });
    expect(stored.sha256).toBe(sha(bytes));
    const copy = readFileSync(stored.storedPath);
    expect([...copy.subarray(0, 128)].every((b) => b === 0)).toBe(true);
    expect([...copy.subarray(128)].every((b) => b === 0x4d)).toBe(true);
  });

  it('stores a companion in the folder of its main object, under its own name', () => {
    const objects = tempDir();
    const source = tempDir();
    const dat = path.join(source, '100.dat');
    writeFileSync(dat, 'signal');
    const main = storeObject(objects, path.join(source, '100.hea'), bytesOf('100 2 360 650000'), { ownFolder: true });
    const companion = storeCompanion(objects, main.sha256, dat);
    expect(path.dirname(companion.storedPath)).toBe(path.dirname(main.storedPath));
    expect(companion.sha256).toBe(sha(bytesOf('signal')));
    expect(existsSync(path.join(path.dirname(main.storedPath), '100.dat'))).toBe(true);
  });
});

describe('createPrefixFolders', () => {
  it('creates the 256 folders 00…ff once, restores missing ones, and leaves stored objects alone', () => {
    const objects = path.join(tempDir(), 'objects');
    createPrefixFolders(objects);
    const names = readdirSync(objects).sort();
    expect(names).toHaveLength(256);
    expect(names[0]).toBe('00');
    expect(names[255]).toBe('ff');
    expect(names).toContain('a7');
    const stored = storeObject(objects, '/m/kept', bytesOf('kept'));
    rmSync(path.join(objects, '3c'), { recursive: true });
    createPrefixFolders(objects);
    expect(readdirSync(objects)).toHaveLength(256);
    expect(readFileSync(stored.storedPath, 'latin1')).toBe('kept');
  });
});
