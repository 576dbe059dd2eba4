import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReusableReader } from '../../src-main/parsing/worker/reusableReader';

describe('ReusableReader (parse worker file reads)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qoq-reader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes: number[]) => {
    const p = path.join(dir, name);
    writeFileSync(p, Uint8Array.from(bytes));
    return p;
  };

  it('returns exactly each file’s bytes, reusing one buffer for successive files', () => {
    const reader = new ReusableReader();
    const a = reader.read(file('a', [1, 2, 3, 4, 5]), 100);
    expect('bytes' in a && [...a.bytes]).toEqual([1, 2, 3, 4, 5]);
    const first = 'bytes' in a ? a.bytes.buffer : undefined;
    const b = reader.read(file('b', [9, 8]), 100);
    expect('bytes' in b && [...b.bytes]).toEqual([9, 8]);
    expect('bytes' in b && b.bytes.buffer).toBe(first); // same memory: the previous file's bytes are gone
    const empty = reader.read(file('empty', []), 100);
    expect('bytes' in empty && empty.bytes.length).toBe(0);
  });

  it('refuses a file over the limit without reading it', () => {
    expect(new ReusableReader().read(file('big', [1, 2, 3]), 2)).toEqual({ tooLarge: 3 });
  });
});
