import { describe, expect, it } from 'vitest';
import { planUploadBatches, type PlannedFile } from '../../../src-shared/upload/planUploadBatches';
import { MULTIPART_BYTES_PER_FILE, type UploadLimits } from '../../../src-shared/upload/uploadLimits';

const MB = 1024 ** 2;
const names = (files: readonly PlannedFile[], batches: number[][]) => batches.map((b) => b.map((i) => files[i]!.name));

describe('planUploadBatches', () => {
  it('keeps a drop that fits in one request', () => {
    const files = [{ name: 'a.dcm', size: 1 * MB }, { name: 'b.dcm', size: 2 * MB }];
    expect(planUploadBatches(files, { maxBytes: 256 * MB, maxFiles: 2000 })).toEqual({ batches: [[0, 1]], tooLarge: [] });
  });

  it('splits by file count: 5,000 slices under a 2,000-file limit are 2,000 + 2,000 + 1,000', () => {
    const files = Array.from({ length: 5000 }, (_, i) => ({ name: `IM-0001-${String(i).padStart(4, '0')}.dcm`, size: 500_000 }));
    const { batches } = planUploadBatches(files, { maxBytes: 16 * 1024 * MB, maxFiles: 2000 });
    expect(batches.map((b) => b.length)).toEqual([2000, 2000, 1000]);
    expect(batches.flat()).toEqual(files.map((_, i) => i)); // every file once, in order
  });

  it('splits by bytes, counting each part’s multipart headers, and never goes over', () => {
    const limits: UploadLimits = { maxBytes: 10 * MB, maxFiles: 2000 };
    const files = Array.from({ length: 9 }, (_, i) => ({ name: `s${i}.dcm`, size: 3 * MB }));
    const { batches } = planUploadBatches(files, limits);
    // 3 files are 9 MB + 3 KB of headers: under 10 MB; a 4th would be 12 MB.
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3]);
    for (const b of batches) expect(b.length * 3 * MB + b.length * MULTIPART_BYTES_PER_FILE).toBeLessThanOrEqual(limits.maxBytes);
  });

  it('keeps files that name each other in one request', () => {
    const files = [
      { name: '100.hea', size: 1000 },
      { name: 'a.dcm', size: 6 * MB },
      { name: '100.dat', size: 3 * MB },
      { name: 'ISIC_1.jpg', size: 2 * MB },
      { name: 'b.dcm', size: 6 * MB },
      { name: 'ISIC_1_segmentation.png', size: 100_000 },
      { name: 'ISIC_10.jpg', size: 2 * MB },
      { name: 'ISIC_1.json', size: 500 },
      { name: 'sub-01_T1w.nii.gz', size: 4 * MB },
      { name: 'sub-01_T1w.json', size: 800 },
    ];
    const { batches } = planUploadBatches(files, { maxBytes: 8 * MB, maxFiles: 2000 });
    const together = (...group: string[]) => expect(names(files, batches).some((b) => group.every((n) => b.includes(n))), group.join(' + ')).toBe(true);
    together('100.hea', '100.dat');
    together('ISIC_1.jpg', 'ISIC_1_segmentation.png', 'ISIC_1.json');
    together('sub-01_T1w.nii.gz', 'sub-01_T1w.json');
    // ISIC_10 is not a file of ISIC_1 (no separator after the stem): it may travel apart.
    expect(batches.flat().sort((x, y) => x - y)).toEqual(files.map((_, i) => i));
    for (const b of batches) expect(b.reduce((s, i) => s + files[i]!.size, 0) + b.length * MULTIPART_BYTES_PER_FILE).toBeLessThanOrEqual(8 * MB);
  });

  it('sets aside a file too large for any request, and plans the rest', () => {
    const files = [{ name: 'huge.nii', size: 300 * MB }, { name: 'ok.dcm', size: MB }];
    expect(planUploadBatches(files, { maxBytes: 256 * MB, maxFiles: 2000 })).toEqual({ batches: [[1]], tooLarge: [0] });
  });
});
