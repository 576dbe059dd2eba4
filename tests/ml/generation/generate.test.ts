import { describe, expect, it } from 'vitest';
import { generate } from '../../../src-main/ml/generation/generate';
import type { StepFn, StepInput } from '../../../src-main/ml/generation/types';

/**
 * A deterministic toy "model" with a KV cache of one token per row: the logits of row r depend only on
 * (r, the row's latest token). `next` returns the logits row; the model records every input it gets.
 */
function toyModel(rows: number, next: (row: number, last: number) => number[]): { step: StepFn; inputs: StepInput[] } {
  const inputs: StepInput[] = [];
  const step: StepFn = async (input) => {
    inputs.push({ tokenIds: input.tokenIds && [...input.tokenIds], isPrefill: input.isPrefill });
    const lasts = input.isPrefill
      ? new Array<number>(rows).fill(input.tokenIds![input.tokenIds!.length - 1]!)
      : input.tokenIds!;
    return Float32Array.from(lasts.flatMap((last, r) => next(r, last)));
  };
  return { step, inputs };
}

/** Logits over V tokens with a clear winner. */
const peaked = (V: number, winner: number): number[] => Array.from({ length: V }, (_, i) => (i === winner ? 5 : 0));

describe('generate: greedy', () => {
  it('follows the toy model "next = last + 1" and stops at eos, eos included', async () => {
    const { step, inputs } = toyModel(1, (_, last) => peaked(8, (last + 1) % 8));
    const streamed: [number, number][] = [];
    const result = await generate({
      step,
      prefillInputs: { tokenIds: [0, 3] },
      config: { eosTokenIds: [7], padTokenId: 0, maxNewTokens: 20 },
      onToken: (row, id) => streamed.push([row, id]),
    });
    expect(result.tokenIds).toEqual([[4, 5, 6, 7]]);
    expect(result.finishReasons).toEqual(['eos']);
    expect(result.steps).toBe(4);
    expect(streamed).toEqual([[0, 4], [0, 5], [0, 6], [0, 7]]);
    expect(inputs).toEqual([
      { tokenIds: [0, 3], isPrefill: true },
      { tokenIds: [4], isPrefill: false },
      { tokenIds: [5], isPrefill: false },
      { tokenIds: [6], isPrefill: false },
    ]);
  });

  it('respects maxNewTokens exactly', async () => {
    const { step } = toyModel(1, (_, last) => peaked(8, (last + 1) % 8));
    const result = await generate({ step, prefillInputs: { tokenIds: [0] }, config: { eosTokenIds: [7], maxNewTokens: 3 } });
    expect(result.tokenIds).toEqual([[1, 2, 3]]);
    expect(result.finishReasons).toEqual(['length']);
    expect(result.steps).toBe(3);
  });

  it('eos on the last allowed token reports eos, not length', async () => {
    const { step } = toyModel(1, (_, last) => peaked(8, (last + 1) % 8));
    const result = await generate({ step, prefillInputs: { tokenIds: [4] }, config: { eosTokenIds: [7], maxNewTokens: 3 } });
    expect(result.tokenIds).toEqual([[5, 6, 7]]);
    expect(result.finishReasons).toEqual(['eos']);
  });

  it('maxNewTokens 0 calls no step', async () => {
    const { step, inputs } = toyModel(2, () => peaked(4, 0));
    const result = await generate({ step, prefillInputs: { tokenIds: [1] }, config: { numSequences: 2, maxNewTokens: 0 } });
    expect(result).toEqual({ tokenIds: [[], []], finishReasons: ['length', 'length'], steps: 0 });
    expect(inputs).toEqual([]);
  });

  it('the repetition penalty counts the prompt and can change the greedy choice', async () => {
    // Constant logits [1.0, 1.04]; prompt [1] → token 1 penalised: 1.04 / 1.05 = 0.9905 < 1.0 → picks 0.
    const { step } = toyModel(1, () => [1.0, 1.04]);
    const run = (repetitionPenalty: number) =>
      generate({ step, prefillInputs: { tokenIds: [1] }, config: { eosTokenIds: [], repetitionPenalty, maxNewTokens: 1 } });
    expect((await run(1.05)).tokenIds).toEqual([[0]]);
    expect((await run(1)).tokenIds).toEqual([[1]]);
  });

  it('prefill with tokenIds null (the step holds its prompt) still penalises penaltyContextIds', async () => {
    const inputs: StepInput[] = [];
    const step: StepFn = async (input) => {
      inputs.push(input);
      return Float32Array.from([1.0, 1.04]);
    };
    const result = await generate({
      step,
      prefillInputs: { tokenIds: null, penaltyContextIds: [1] },
      config: { eosTokenIds: [], maxNewTokens: 1 },
    });
    expect(inputs).toEqual([{ tokenIds: null, isPrefill: true }]);
    expect(result.tokenIds).toEqual([[0]]); // 1.04 / 1.05 < 1.0
  });

  it('finished rows feed the pad id while other rows go on', async () => {
    // Row r steps by r + 1: row 0: 1, 2, 3, 4, 5, 6(eos); row 1: 2, 4, 6(eos) after 3 steps.
    const { step, inputs } = toyModel(2, (r, last) => peaked(8, (last + r + 1) % 8));
    const result = await generate({
      step,
      prefillInputs: { tokenIds: [0] },
      config: { numSequences: 2, eosTokenIds: [6], padTokenId: 7, maxNewTokens: 10 },
    });
    expect(result.tokenIds).toEqual([[1, 2, 3, 4, 5, 6], [2, 4, 6]]);
    expect(result.finishReasons).toEqual(['eos', 'eos']);
    expect(inputs.map((i) => i.tokenIds)).toEqual([[0], [1, 2], [2, 4], [3, 7], [4, 7], [5, 7]]);
  });

  it('rejects logits that are not (G, V) or change V', async () => {
    const bad: StepFn = async () => new Float32Array(5);
    await expect(
      generate({ step: bad, prefillInputs: { tokenIds: [0] }, config: { numSequences: 2, maxNewTokens: 2 } }),
    ).rejects.toThrow(/not a multiple of 2 rows/);
    let calls = 0;
    const shrinking: StepFn = async () => new Float32Array(calls++ === 0 ? 4 : 3);
    await expect(
      generate({ step: shrinking, prefillInputs: { tokenIds: [0] }, config: { eosTokenIds: [], maxNewTokens: 3 } }),
    ).rejects.toThrow(/rows of 3 logits after rows of 4/);
  });
});

describe('generate: batch of G samples', () => {
  // A flat toy model: 8 equally likely tokens, no eos reachable.
  const flat = () => toyModel(4, () => new Array<number>(8).fill(0));
  const sampled = { numSequences: 4, doSample: true, temperature: 1, eosTokenIds: [99], maxNewTokens: 16, seed: 42 };

  it('rows differ with temperature 1, and the same seed reproduces them', async () => {
    const first = await generate({ step: flat().step, prefillInputs: { tokenIds: [0] }, config: sampled });
    for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) expect(first.tokenIds[a]).not.toEqual(first.tokenIds[b]);
    const again = await generate({ step: flat().step, prefillInputs: { tokenIds: [0] }, config: sampled });
    expect(again.tokenIds).toEqual(first.tokenIds);
    const otherSeed = await generate({ step: flat().step, prefillInputs: { tokenIds: [0] }, config: { ...sampled, seed: 43 } });
    expect(otherSeed.tokenIds).not.toEqual(first.tokenIds);
  });

  it('a row depends only on (seed, row): row 0 of G=4 equals the single row of G=1', async () => {
    const four = await generate({ step: flat().step, prefillInputs: { tokenIds: [0] }, config: sampled });
    const one = await generate({
      step: toyModel(1, () => new Array<number>(8).fill(0)).step,
      prefillInputs: { tokenIds: [0] },
      config: { ...sampled, numSequences: 1 },
    });
    expect(one.tokenIds[0]).toEqual(four.tokenIds[0]);
  });

  it('rows are identical with greedy', async () => {
    const { step } = toyModel(4, (_, last) => peaked(8, (last * 3 + 1) % 8));
    const result = await generate({ step, prefillInputs: { tokenIds: [0] }, config: { ...sampled, doSample: false, maxNewTokens: 6 } });
    // 0 → 1 → 4 → 13%8=5 → 16%8=0 → 1 → 4
    for (const row of result.tokenIds) expect(row).toEqual([1, 4, 5, 0, 1, 4]);
  });

  it('streams every token of every row in step order', async () => {
    const streamed: number[][] = [[], [], [], []];
    const result = await generate({
      step: flat().step,
      prefillInputs: { tokenIds: [0] },
      config: sampled,
      onToken: (row, id) => streamed[row]!.push(id),
    });
    expect(streamed).toEqual(result.tokenIds);
  });
});

describe('generate: cancellation', () => {
  it('cancel after k tokens stops at k, not later', async () => {
    const k = 3;
    const controller = new AbortController();
    let emitted = 0;
    const { step, inputs } = toyModel(2, () => new Array<number>(8).fill(0));
    const result = await generate({
      step,
      prefillInputs: { tokenIds: [0] },
      config: { numSequences: 2, doSample: true, eosTokenIds: [99], maxNewTokens: 50 },
      signal: controller.signal,
      onToken: (row, _id) => {
        if (row === 0 && ++emitted === k) controller.abort();
      },
    });
    expect(result.tokenIds.map((ids) => ids.length)).toEqual([k, k]);
    expect(result.finishReasons).toEqual(['cancelled', 'cancelled']);
    expect(result.steps).toBe(k);
    expect(inputs).toHaveLength(k);
  });

  it('a cancel during a step drops that step and makes no further call', async () => {
    const controller = new AbortController();
    const inner = toyModel(1, (_, last) => peaked(8, (last + 1) % 8));
    let calls = 0;
    const step: StepFn = async (input) => {
      if (++calls === 3) controller.abort(); // the user presses Stop while the 3rd forward pass runs
      return inner.step(input);
    };
    const result = await generate({
      step,
      prefillInputs: { tokenIds: [0] },
      config: { eosTokenIds: [], maxNewTokens: 50 },
      signal: controller.signal,
    });
    expect(result.tokenIds).toEqual([[1, 2]]);
    expect(result.finishReasons).toEqual(['cancelled']);
    expect(calls).toBe(3);
  });

  it('an already aborted signal makes no step call', async () => {
    const { step, inputs } = toyModel(1, () => [0, 1]);
    const result = await generate({ step, prefillInputs: { tokenIds: [0] }, config: { maxNewTokens: 5 }, signal: AbortSignal.abort() });
    expect(result).toEqual({ tokenIds: [[]], finishReasons: ['cancelled'], steps: 0 });
    expect(inputs).toEqual([]);
  });
});

describe('generate: the step output', () => {
  it('is never edited, so a step may return (and reuse) its own buffer', async () => {
    const buffer = Float32Array.from([1, 3, 2, -1]); // one row, V = 4
    const before = Float32Array.from(buffer);
    const step: StepFn = async () => buffer;
    for (const config of [{}, { repetitionPenalty: 1.5 }, { doSample: true, temperature: 0.7, topK: 2, topP: 0.9, seed: 1 }]) {
      await generate({ step, prefillInputs: { tokenIds: [1] }, config: { eosTokenIds: [], maxNewTokens: 3, ...config } });
      expect(buffer).toEqual(before);
    }
  });
});
