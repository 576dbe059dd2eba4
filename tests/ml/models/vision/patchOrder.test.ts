import { describe, expect, it } from 'vitest';
import { patchOrder, visionTokenCount } from '../../../../src-main/ml/models/vision/index.js';
import { refPositions } from './reference/visionReference.js';

describe('patchOrder', () => {
  it('lays out a 4×4 grid window by window (hand-checked)', () => {
    // Raster index = row·4 + col. Windows: top-left, top-right, bottom-left, bottom-right.
    expect([...patchOrder(1, 4, 4, 2)]).toEqual([0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15]);
  });

  it('puts frames one after another', () => {
    expect([...patchOrder(2, 2, 2, 2)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...patchOrder(2, 2, 4, 2)]).toEqual([0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15]);
  });

  for (const [t, h, w] of [[1, 2, 2], [1, 4, 2], [2, 6, 4], [1, 10, 14]] as const) {
    it(`is a permutation whose 2×2 windows are contiguous for grid (${t}, ${h}, ${w})`, () => {
      const order = patchOrder(t, h, w, 2);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: t * h * w }, (_, i) => i));
      for (let k = 0; k < order.length; k += 4) {
        const cells = [...order.slice(k, k + 4)].map((r) => ({ f: Math.floor(r / (h * w)), row: Math.floor((r % (h * w)) / w), col: r % w }));
        const top = cells[0];
        expect(top && top.row % 2 === 0 && top.col % 2 === 0).toBe(true);
        expect(cells).toEqual([0, 1, 2, 3].map((j) => ({ f: top?.f, row: (top?.row ?? 0) + (j >> 1), col: (top?.col ?? 0) + (j & 1) })));
      }
      expect(visionTokenCount(t, h, w, 2)).toBe(order.length / 4);
    });

    it(`agrees with HF rot_pos_emb's position ids for grid (${t}, ${h}, ${w})`, () => {
      const order = patchOrder(t, h, w, 2);
      const { row, col } = refPositions(t, h, w, 2);
      expect([...order].map((r) => Math.floor((r % (h * w)) / w))).toEqual(row);
      expect([...order].map((r) => r % w)).toEqual(col);
    });
  }

  it('rejects a grid that is not a multiple of the merge size', () => {
    expect(() => patchOrder(1, 3, 4, 2)).toThrow(/multiple/);
  });
});
