import { describe, expect, it } from 'vitest';
import { lengthScore } from '../../../src-main/ml/rewards/lengthScore';

describe('lengthScore', () => {
  it('min(1, chars/600)', () => {
    expect(lengthScore('')).toBe(0);
    expect(lengthScore('x'.repeat(150))).toBe(0.25); // 150/600
    expect(lengthScore('x'.repeat(300))).toBe(0.5); // 300/600
    expect(lengthScore('x'.repeat(600))).toBe(1); // 600/600
    expect(lengthScore('x'.repeat(5000))).toBe(1); // capped
  });

  it('counts code points, not UTF-16 units', () => {
    // 300 emoji = 300 code points (600 UTF-16 units): 300/600 = 0.5
    expect(lengthScore('😀'.repeat(300))).toBe(0.5);
  });
});
