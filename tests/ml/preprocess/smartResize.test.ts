import { describe, expect, it } from 'vitest';
import { roundHalfEven } from '../../../src-main/ml/preprocess/roundHalfEven';
import { QOQ_SMART_RESIZE, smartResize } from '../../../src-main/ml/preprocess/smartResize';

/** Qwen2-VL's own defaults (56·56 .. 14·14·4·1280), for cases that must not hit the QoQ limits. */
const QWEN_DEFAULT = { factor: 28, minPixels: 3136, maxPixels: 1003520 };

describe('roundHalfEven (Python round)', () => {
  it('ties go to even', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3]);
  });
});

describe('smartResize with QoQ-Med limits 65536..524288, factor 28', () => {
  it('512×512 CT: 512/28 = 18.29 → 18·28 = 504; 504² = 254016 is inside the limits', () => {
    expect(smartResize(512, 512, QOQ_SMART_RESIZE)).toEqual([504, 504]);
  });

  it('480×640: 17.14 → 476, 22.86 → 644; 476·644 = 306544 inside', () => {
    expect(smartResize(480, 640, QOQ_SMART_RESIZE)).toEqual([476, 644]);
  });

  it('64×64 MR is scaled UP: 56² = 3136 < 65536, β = √(65536/4096) = 4, ⌈256/28⌉ = ⌈9.14⌉ = 10 → 280', () => {
    expect(smartResize(64, 64, QOQ_SMART_RESIZE)).toEqual([280, 280]);
  });

  it('10×10: rounds to 0 but is held at 28, then β = 25.6, ⌈256/28⌉·28 = 280', () => {
    expect(smartResize(10, 10, QOQ_SMART_RESIZE)).toEqual([280, 280]);
  });

  it('2048×2048 is scaled DOWN: β = √(2048²/524288) = √8, 2048/√8 = 724.08, ⌊724.08/28⌋ = 25 → 700', () => {
    expect(smartResize(2048, 2048, QOQ_SMART_RESIZE)).toEqual([700, 700]);
  });

  it('3000×4000: β = √(12e6/524288) = 4.7842; 627.07/28 → 22 → 616; 836.09/28 → 29 → 812', () => {
    const [h, w] = smartResize(3000, 4000, QOQ_SMART_RESIZE);
    expect([h, w]).toEqual([616, 812]);
    expect(h * w).toBeLessThanOrEqual(524288);
  });
});

describe('smartResize edge cases', () => {
  it('uses Python tie rounding: 70/28 = 2.5 → 2 (56), 98/28 = 3.5 → 4 (112)', () => {
    expect(smartResize(70, 98, QWEN_DEFAULT)).toEqual([56, 112]);
  });

  it('aspect ratio exactly 200 is accepted; above 200 is an error', () => {
    expect(smartResize(28, 5600, QWEN_DEFAULT)).toEqual([28, 5600]);
    expect(() => smartResize(10, 2010, QWEN_DEFAULT)).toThrow(/aspect ratio/);
  });

  it('rejects non-integer or empty sizes', () => {
    expect(() => smartResize(0, 10, QWEN_DEFAULT)).toThrow(RangeError);
    expect(() => smartResize(10.5, 10, QWEN_DEFAULT)).toThrow(RangeError);
  });
});
