import { describe, expect, it } from 'vitest';
import { normalizeClip } from '../../../src-main/ml/preprocess/normalizeClip';

describe('normalizeClip', () => {
  it('is (v/255 − mean)/std per channel, laid out channel-major', () => {
    // Two pixels: (255, 0, 128) and (0, 255, 0).
    const out = normalizeClip({ width: 2, height: 1, data: Uint8Array.from([255, 0, 128, 0, 255, 0]) });
    expect(out).toMatchObject({ channels: 3, height: 1, width: 2 });
    const v = Array.from(out.data);
    // R: (1 − 0.48145466)/0.26862954 = 1.930336; 0 → −0.48145466/0.26862954 = −1.792263
    expect(v[0]).toBeCloseTo(1.930336, 5);
    expect(v[1]).toBeCloseTo(-1.792263, 5);
    // G: 0 → −0.4578275/0.26130258 = −1.752097; 255 → (1 − 0.4578275)/0.26130258 = 2.074884
    expect(v[2]).toBeCloseTo(-1.752097, 5);
    expect(v[3]).toBeCloseTo(2.074884, 5);
    // B: 128/255 = 0.501961 → (0.501961 − 0.40821073)/0.27577711 = 0.339949; 0 → −0.40821073/0.27577711 = −1.480220
    expect(v[4]).toBeCloseTo(0.339949, 5);
    expect(v[5]).toBeCloseTo(-1.48022, 5);
  });
});
