import { describe, expect, it } from 'vitest';
import { truncateFileName, truncateUtf8 } from '../../src-main/util/truncateUtf8';

describe('truncateUtf8', () => {
  it('keeps a name that fits, and cuts one that does not between characters', () => {
    expect(truncateUtf8('IM0001', 160)).toBe('IM0001');
    expect(truncateUtf8('abcdef', 4)).toBe('abcd');
    expect(truncateUtf8('ééé', 5)).toBe('éé'); // 2 bytes each: a third would make 6
    expect(truncateUtf8('影影', 4)).toBe('影'); // 3 bytes each
    // An emoji is a surrogate pair (2 UTF-16 units, 4 bytes): kept whole or not at all.
    expect(truncateUtf8('a😀b', 4)).toBe('a');
    expect(truncateUtf8('a😀b', 5)).toBe('a😀');
  });
});

describe('truncateFileName', () => {
  it('cuts the stem and keeps the extension, ".nii.gz" as one', () => {
    expect(truncateFileName('IM0001.dcm', 160)).toBe('IM0001.dcm');
    expect(truncateFileName(`${'a'.repeat(20)}.hea`, 10)).toBe('aaaaaa.hea');
    expect(truncateFileName(`${'é'.repeat(20)}.nii.gz`, 12)).toBe('éé.nii.gz'); // 4 + 7 bytes
    expect(truncateFileName(`${'b'.repeat(20)}.gz`, 8)).toBe('bbbbb.gz');
  });

  it('cuts a name without a usable extension like any text', () => {
    expect(truncateFileName('n'.repeat(20), 8)).toBe('n'.repeat(8));
    expect(truncateFileName(`x.${'e'.repeat(30)}`, 8)).toBe(`x.${'e'.repeat(6)}`); // a 31-byte "extension" is not one
  });
});
