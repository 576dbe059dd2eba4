import { describe, expect, it } from 'vitest';
import { QWEN_TOKENS } from '../../../src-main/ml/prompt/qwenTokens';
import { decodePositionIds, nextRopeDelta } from '../../../src-main/ml/prompt/nextRopeDelta';
import { ropeIndex } from '../../../src-main/ml/prompt/ropeIndex';

// Small stand-in ids keep the sequences readable; the real ones are tested once at the end.
const VS = 10;
const PAD = 11;
const VE = 12;
const TS = 13;
const ids = { visionStart: VS, imagePad: PAD, timeSeriesPad: TS };
const pads = (n: number): number[] => new Array<number>(n).fill(PAD);

/** Columns (t, h, w) of a [3][S] position array. */
const columns = (p: number[][]): number[][] => p[0]!.map((_, i) => [p[0]![i]!, p[1]![i]!, p[2]![i]!]);

describe('ropeIndex (Qwen2-VL get_rope_index)', () => {
  it('3 text tokens, one image grid (1,4,4) → 4 tokens at (3,3,3),(3,3,4),(3,4,3),(3,4,4), then text from 5', () => {
    const p = ropeIndex([1, 2, VS, ...pads(4), VE, 3], [[1, 4, 4]], ids);
    expect(columns(p)).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
      [3, 3, 4],
      [3, 4, 3],
      [3, 4, 4],
      [5, 5, 5],
      [6, 6, 6],
    ]);
    // S = 9, max = 6: delta = 6 + 1 − 9 = −2, so the first generated token (cache position 9) sits at 7.
    expect(nextRopeDelta(p)).toBe(-2);
    expect(decodePositionIds(9, -2)).toEqual([[7], [7], [7]]);
  });

  it('two images with an ECG pad between: the pad is text; a (1,4,6) grid is 2×3 merged', () => {
    const seq = [1, VS, ...pads(4), VE, TS, VS, ...pads(6), VE, 2];
    const p = ropeIndex(seq, [[1, 4, 4], [1, 4, 6]], ids);
    expect(columns(p)).toEqual([
      [0, 0, 0], // 1
      [1, 1, 1], // <|vision_start|>
      [2, 2, 2], // image 1 from st = 2: (2,2,2)…(2,3,3)
      [2, 2, 3],
      [2, 3, 2],
      [2, 3, 3],
      [4, 4, 4], // <|vision_end|> at 2 + max(1, 2, 2)
      [5, 5, 5], // <|time_series_pad|>
      [6, 6, 6], // <|vision_start|>
      [7, 7, 7], // image 2 from st = 7, h 0..1, w 0..2
      [7, 7, 8],
      [7, 7, 9],
      [7, 8, 7],
      [7, 8, 8],
      [7, 8, 9],
      [10, 10, 10], // <|vision_end|> at 7 + max(1, 2, 3)
      [11, 11, 11],
    ]);
    expect(nextRopeDelta(p)).toBe(11 + 1 - 17);
  });

  it('t > 1 steps the temporal axis (Qwen2-VL arange(t))', () => {
    const p = ropeIndex([VS, ...pads(8), VE], [[2, 4, 4]], ids);
    expect(columns(p).slice(1, 9)).toEqual([
      [1, 1, 1],
      [1, 1, 2],
      [1, 2, 1],
      [1, 2, 2],
      [2, 1, 1],
      [2, 1, 2],
      [2, 2, 1],
      [2, 2, 2],
    ]);
    expect(columns(p)[9]).toEqual([3, 3, 3]); // 1 + max(2, 2, 2)
  });

  it('text only is 0..S−1 on every axis with delta 0', () => {
    const p = ropeIndex([5, 6, TS, 7], [], ids);
    expect(p).toEqual([[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]]);
    expect(nextRopeDelta(p)).toBe(0);
  });

  it('refuses pad runs that disagree with the grids', () => {
    expect(() => ropeIndex([VS, ...pads(3), VE], [[1, 4, 4]], ids)).toThrow(/needs 4/);
    expect(() => ropeIndex([VS, ...pads(5), VE], [[1, 4, 4]], ids)).toThrow(/more than 4/);
    expect(() => ropeIndex([VS, ...pads(4), VE], [], ids)).toThrow(/more images/);
    expect(() => ropeIndex([1, 2], [[1, 4, 4]], ids)).toThrow(/1 grids given but 0/);
    expect(() => ropeIndex([1, PAD], [], ids)).toThrow(/does not follow/);
  });

  it('works with the released token ids', () => {
    const { visionStart, imagePad, visionEnd, timeSeriesPad } = QWEN_TOKENS;
    const realIds = { visionStart: visionStart.id, imagePad: imagePad.id, timeSeriesPad: timeSeriesPad.id };
    const seq = [100, visionStart.id, imagePad.id, imagePad.id, imagePad.id, imagePad.id, visionEnd.id, timeSeriesPad.id];
    expect(columns(ropeIndex(seq, [[1, 4, 4]], realIds)).map((c) => c.join(','))).toEqual([
      '0,0,0',
      '1,1,1',
      '2,2,2',
      '2,2,3',
      '2,3,2',
      '2,3,3',
      '4,4,4',
      '5,5,5',
    ]);
  });
});
