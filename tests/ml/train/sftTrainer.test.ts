import { describe, expect, it } from 'vitest';
import { sftTrainer, type SftStepMetrics } from '../../../src-main/ml/train/index.js';
import { SFT_DATA, toyState } from './harness/toyTasks.js';

describe('sftTrainer', () => {
  it('learns a fixed 4-token answer per prompt: response cross-entropy falls ≥ 20× in 30 steps', async () => {
    const state = toyState();
    const records: SftStepMetrics[] = [];
    const result = await sftTrainer({ state, data: SFT_DATA, steps: 30, lr: 1e-2, batchSize: 4, onMetrics: (m) => m.type === 'sft-step' && records.push(m) });
    expect(result).toMatchObject({ cancelled: false, stepsRun: 30 });
    expect(state.step).toBe(30);
    const losses = records.map((r) => r.loss);
    // Measured: 3.49 → 0.03 (ln 32 = 3.47 at the start: the untrained model is uniform).
    expect(losses[0]).toBeGreaterThan(3);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) / 20);
    expect(Math.max(...losses.slice(20))).toBeLessThan(Math.min(...losses.slice(0, 10)));
    expect(records[0]).toMatchObject({ step: 1, lr: 1e-2, tokens: 16 });
  });
});
