import { describe, expect, it } from 'vitest';
import { f1Score } from '../../../src-main/ml/rewards/f1Score';

describe('f1Score', () => {
  it('exact set match: 1', () => {
    expect(f1Score(['effusion', 'pneumonia'], ['pneumonia', 'effusion'])).toBe(1);
  });

  it('one right, one wrong, one missed', () => {
    // TP=1 (pneumonia), FP=1 (effusion), FN=1 (edema): P=1/2, R=1/2, F1 = 2·(1/4)/(1) = 0.5
    expect(f1Score(['Pneumonia', 'Effusion'], ['pneumonia', 'edema'])).toBeCloseTo(0.5, 12);
  });

  it('an extra wrong label lowers precision only', () => {
    // TP=2, FP=1, FN=0: P=2/3, R=1, F1 = 2·(2/3)/(5/3) = 4/5 = 0.8
    expect(f1Score(['a', 'b', 'c'], ['a', 'b'])).toBeCloseTo(0.8, 12);
  });

  it('a missed label lowers recall only', () => {
    // TP=1, FP=0, FN=2: P=1, R=1/3, F1 = 2·(1/3)/(4/3) = 1/2
    expect(f1Score(['a'], ['a', 'b', 'c'])).toBeCloseTo(0.5, 12);
  });

  it('normalises case, Unicode width and whitespace; duplicates collapse', () => {
    // {"pleural effusion"} vs {"pleural effusion"}: TP=1 → 1
    expect(f1Score(['  Pleural \t Effusion ', 'PLEURAL EFFUSION', 'ｐｌｅｕｒａｌ effusion'], ['pleural effusion'])).toBe(1);
  });

  it('punctuation is not normalised away', () => {
    // "pneumonia." ≠ "pneumonia": TP=0 → 0
    expect(f1Score(['pneumonia.'], ['pneumonia'])).toBe(0);
  });

  it('no \\boxed answer (null): 0, even against an empty ground truth', () => {
    expect(f1Score(null, ['pneumonia'])).toBe(0);
    expect(f1Score(null, [])).toBe(0);
  });

  it('empty prediction or empty ground truth: 0 (TP = 0)', () => {
    expect(f1Score([], ['a'])).toBe(0);
    expect(f1Score(['a'], [])).toBe(0);
    expect(f1Score([''], [''])).toBe(0);
  });
});
