import { describe, expect, it } from 'vitest';
import { findingsFromOutput } from '../../../src-main/ml/protocol/findingsFromOutput';
import { parseModelOutput } from '../../../src-main/ml/protocol/parseModelOutput';
import { computeReward } from '../../../src-main/ml/rewards/computeReward';
import { PAPER_WEIGHTS } from '../../../src-main/ml/rewards/rewardWeights';

/** mulberry32: a tiny seeded PRNG so a failing string can be reproduced from its index. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  '<think>', '</think>', '<think', 'think>', '```json\n', '```', '```JSON', '\n```\n', '\\boxed{', '\\boxed', '}', '{',
  '[', ']', '"bbox_2d"', "'bbox_2d'", 'bbox_2d', '"label"', ': ', ':', ',', ', ', ' and ', ' & ', '&', '"', "'", '\\',
  '\\"', '\\u00', '\\u12G4', 'objects_of_interest', '1e999', '-1e999', 'NaN', 'Infinity', '-0', '0.5', '3.', '.5e-3',
  '9'.repeat(400), 'True', 'None', 'null', '__proto__', 'constructor', '😀', '\uD800', '\uDC00', '\u0000', '\u200B',
  'ｐｎｅｕｍｏｎｉａ', 'pneumonia', 'Effusion.', ' ', '\n', '\t', '\r\n', '[1, 2, 3, 4]', '{"bbox_2d": [1, 2, 3, 4], "label": "a"}',
];

const VALID =
  '<think>The left lower lobe shows an opacity. Effusion is absent.</think>\n```json\n' +
  '[{"bbox_2d": [12, 40, 88, 120], "label": "opacity"}, {"bbox_2d": [0, 0, 5, 5], "label": "marker"}]\n```\n' +
  'Final: \\boxed{pneumonia, opacity}';

function randomString(next: () => number, index: number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  switch (index % 4) {
    case 0: // protocol fragments in random order
      return Array.from({ length: 1 + Math.floor(next() * 40) }, () => pick(FRAGMENTS)).join('');
    case 1: // a valid response truncated anywhere
      return VALID.slice(0, Math.floor(next() * (VALID.length + 1)));
    case 2: {
      // a valid response with random characters replaced by random code units (garbling)
      const chars = VALID.split('');
      for (let k = 0; k < 1 + next() * 10; k++) chars[Math.floor(next() * chars.length)] = String.fromCharCode(Math.floor(next() * 0x10000));
      return chars.join('');
    }
    default: // random code units, including lone surrogates and control characters
      return Array.from({ length: Math.floor(next() * 200) }, () => String.fromCharCode(Math.floor(next() * 0x10000))).join('');
  }
}

const PATHOLOGICAL = [
  '',
  '['.repeat(100_000),
  '{'.repeat(50_000),
  '```'.repeat(5_000),
  '\\boxed{'.repeat(10_000),
  '\\boxed{' + '{'.repeat(10_000) + '}'.repeat(10_001),
  '```json\n' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n```',
  `\`\`\`json\n[{"bbox_2d": [${'9'.repeat(5000)}, 0, 1, 1], "label": "huge"}]\n\`\`\``,
  '```json\n[{"bbox_2d": [NaN, 0, 1, 1], "label": "nan"}]\n```',
  '```json\n{"__proto__": {"bbox_2d": [1, 2, 3, 4]}, "bbox_2d": [1, 2, 3, 4]}\n```',
  '<think>'.repeat(1000) + '</think>'.repeat(3),
  "'".repeat(10_000),
  '"'.repeat(10_001),
];

const MASK = { width: 16, height: 16, data: new Uint8Array(256).fill(1, 40, 120) };

/** Returns the parse so the caller can check the corpus exercised more than the empty path. */
function checkInvariants(text: string): ReturnType<typeof parseModelOutput> {
  const out = parseModelOutput(text);
  expect(out.json.error ?? '').not.toMatch(/^internal/);
  for (const box of out.boxes) expect(box.bbox.every(Number.isFinite)).toBe(true);
  for (const label of out.labels) expect(label).toBe(label.trim());
  expect(out.labels.every((l) => l.length > 0)).toBe(true);
  if (out.answerRaw === null) expect(out.labels).toEqual([]);
  expect(() => findingsFromOutput(out)).not.toThrow();
  for (const gt of [{ answer: 'pneumonia', mask: MASK }, { answer: ['opacity'], box: [10, 10, 90, 90] as const }]) {
    const reward = computeReward(text, gt, PAPER_WEIGHTS);
    for (const part of [reward.total, reward.f1, reward.iou, reward.format, reward.length]) {
      expect(part).toBeGreaterThanOrEqual(0);
      expect(part).toBeLessThanOrEqual(1 + 1e-12);
    }
  }
  return out;
}

describe('parseModelOutput never throws', () => {
  it('on 1,200 seeded random, garbled and truncated strings', () => {
    const next = rng(20250601);
    let withBoxes = 0;
    let withAnswer = 0;
    let withJsonError = 0;
    for (let i = 0; i < 1200; i++) {
      const text = randomString(next, i);
      try {
        const out = checkInvariants(text);
        if (out.boxes.length > 0) withBoxes++;
        if (out.answerRaw !== null) withAnswer++;
        if (out.json.error !== undefined) withJsonError++;
      } catch (err) {
        throw new Error(`string #${i} ${JSON.stringify(text.slice(0, 200))}: ${String(err)}`);
      }
    }
    // The corpus must reach the interesting paths, not only "nothing found".
    expect(withBoxes).toBeGreaterThan(100);
    expect(withAnswer).toBeGreaterThan(100);
    expect(withJsonError).toBeGreaterThan(100);
  });

  it('on pathological inputs (deep nesting, fence storms, huge numbers, lone quotes)', () => {
    for (const text of PATHOLOGICAL) checkInvariants(text);
  });

  it('on non-string input from untyped callers', () => {
    for (const bad of [undefined, null, 42, {}, ['```json']]) {
      expect(parseModelOutput(bad as unknown as string).answerRaw).toBeNull();
    }
  });

  it('keeps a "__proto__" key as data, not as a prototype', () => {
    const out = parseModelOutput("```json\n{'__proto__': {'polluted': 1}, bbox_2d: [1, 2, 3, 4]}\n```");
    expect(Object.getPrototypeOf(out.json.parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(out.boxes).toEqual([{ label: null, bbox: [1, 2, 3, 4] }]);
  });
});
