import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATION_CONFIG, resolveGenerationConfig } from '../../../src-main/ml/generation/GenerationConfig';

describe('GenerationConfig', () => {
  it('defaults follow the released QoQ-Med generation config (notes §2)', () => {
    expect(DEFAULT_GENERATION_CONFIG.eosTokenIds).toEqual([151645, 151643]);
    expect(DEFAULT_GENERATION_CONFIG.repetitionPenalty).toBe(1.05);
    expect(DEFAULT_GENERATION_CONFIG.padTokenId).toBe(151643);
  });

  it('fills defaults and keeps overrides', () => {
    const c = resolveGenerationConfig({ numSequences: 5, doSample: true });
    expect(c.numSequences).toBe(5);
    expect(c.doSample).toBe(true);
    expect(c.temperature).toBe(1);
  });

  it('lists every invalid field at once', () => {
    expect(() => resolveGenerationConfig({ maxNewTokens: -1, numSequences: 0, temperature: 0, topK: 1.5, topP: 0 })).toThrow(
      /maxNewTokens.*numSequences.*temperature.*topK.*topP/,
    );
  });
});
