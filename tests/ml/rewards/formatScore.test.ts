import { describe, expect, it } from 'vitest';
import { formatScore } from '../../../src-main/ml/rewards/formatScore';

const ITEM_A = '{"bbox_2d": [1, 2, 3, 4], "label": "a"}';
const ITEM_B = '{"bbox_2d": [5, 6, 7, 8], "label": "b"}';

describe('formatScore', () => {
  it('the full protocol: 1.0', () => {
    // fence 0.2 + json 0.1 + strict parse 0.2 + list 0.1 + 0.4·(2/2) = 1.0
    expect(formatScore(`<think>x</think>\n\`\`\`json\n[${ITEM_A}, ${ITEM_B}]\n\`\`\`\n\\boxed{a}`)).toBeCloseTo(1.0, 12);
  });

  it('a fence not marked json', () => {
    // 0.2 + 0 + 0.2 + 0.1 + 0.4 = 0.9
    expect(formatScore(`\`\`\`\n[${ITEM_A}]\n\`\`\``)).toBeCloseTo(0.9, 12);
  });

  it('single quotes need lenient parsing: 0.1 instead of 0.2', () => {
    // 0.2 + 0.1 + 0.1 + 0.1 + 0.4 = 0.9
    expect(formatScore("```json\n[{'bbox_2d': [1, 2, 3, 4], 'label': 'a'}]\n```")).toBeCloseTo(0.9, 12);
  });

  it('trailing commas need lenient parsing', () => {
    // 0.2 + 0.1 + 0.1 + 0.1 + 0.4 = 0.9
    expect(formatScore('```json\n[{"bbox_2d": [1, 2, 3, 4], "label": "a"},]\n```')).toBeCloseTo(0.9, 12);
  });

  it('missing fence: no fence points, lenient parse', () => {
    // 0 + 0 + 0.1 + 0.1 + 0.4 = 0.6
    expect(formatScore(`<think>x</think>\n[${ITEM_A}]\n\\boxed{a}`)).toBeCloseTo(0.6, 12);
  });

  it('a single object or objects_of_interest earns no list or item points', () => {
    // 0.2 + 0.1 + 0.2 = 0.5 for both
    expect(formatScore(`\`\`\`json\n${ITEM_A}\n\`\`\``)).toBeCloseTo(0.5, 12);
    expect(formatScore(`\`\`\`json\n{"objects_of_interest": [${ITEM_A}]}\n\`\`\``)).toBeCloseTo(0.5, 12);
  });

  it('item points are the fraction of well-formed items', () => {
    // items: ok / no label / 3-number bbox / string coordinate → 1 of 4 well formed
    // 0.2 + 0.1 + 0.2 + 0.1 + 0.4·(1/4) = 0.7
    const list = `[${ITEM_A}, {"bbox_2d": [1, 2, 3, 4]}, {"bbox_2d": [1, 2, 3], "label": "c"}, {"bbox_2d": ["1", 2, 3, 4], "label": "d"}]`;
    expect(formatScore(`\`\`\`json\n${list}\n\`\`\``)).toBeCloseTo(0.7, 12);
  });

  it('an empty label, a null label and a non-object item are not well formed', () => {
    // 1 of 4 well formed: 0.6 + 0.4·(1/4) = 0.7
    const list = `[${ITEM_B}, {"bbox_2d": [1, 2, 3, 4], "label": "  "}, {"bbox_2d": [1, 2, 3, 4], "label": null}, 7]`;
    expect(formatScore(`\`\`\`json\n${list}\n\`\`\``)).toBeCloseTo(0.7, 12);
  });

  it('an empty list: no item fraction', () => {
    // 0.2 + 0.1 + 0.2 + 0.1 = 0.6
    expect(formatScore('```json\n[]\n```')).toBeCloseTo(0.6, 12);
  });

  it('a fence that does not parse keeps its fence points', () => {
    // 0.2 + 0.1 = 0.3
    expect(formatScore('```json\nnot json at all\n```')).toBeCloseTo(0.3, 12);
    // 0.2 (bare fence, truncated JSON) = 0.2
    expect(formatScore('```\n[{"bbox_2d": [1, 2')).toBeCloseTo(0.2, 12);
  });

  it('no JSON at all: 0', () => {
    expect(formatScore('<think>x</think> \\boxed{a}')).toBe(0);
    expect(formatScore('')).toBe(0);
  });
});
