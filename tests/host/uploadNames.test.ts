import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName, stagedPaths } from '../../src-main/host/uploadNames';

describe('upload names', () => {
  it('keeps only the last segment of a name, whichever separator it uses', () => {
    expect(safeFileName('../../x.dcm')).toBe('x.dcm');
    expect(safeFileName('..\\..\\Windows\\evil.dcm')).toBe('evil.dcm');
    expect(safeFileName('/etc/passwd')).toBe('passwd');
    expect(safeFileName('series/IM0001')).toBe('IM0001');
  });

  it('never yields a directory name or an empty name', () => {
    for (const bad of ['', '.', '..', '../..', 'a/..', '   ', '. .']) expect(safeFileName(bad), JSON.stringify(bad)).toBe('file');
  });

  it('replaces control and reserved characters', () => {
    expect(safeFileName('a\u0000b\nc:d*e?.dcm')).toBe('a_b_c_d_e_.dcm');
    expect(safeFileName('x'.repeat(500))).toHaveLength(200);
  });

  it('keeps a long name under 200 bytes of UTF-8, not 200 characters', () => {
    // 100 CJK characters are 300 bytes: 65 of them fit beside the extension, which is kept.
    expect(safeFileName(`${'影'.repeat(100)}.dcm`)).toBe(`${'影'.repeat(65)}.dcm`);
  });

  it('puts repeated names (case-insensitively) in numbered sub-folders instead of overwriting', () => {
    expect(stagedPaths(['a/IM1', 'b/IM1', 'rec.hea', 'rec.dat', 'im1'])).toEqual([
      'IM1',
      path.join('1', 'IM1'),
      'rec.hea',
      'rec.dat',
      path.join('2', 'im1'),
    ]);
  });
});
