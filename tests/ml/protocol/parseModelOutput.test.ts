import { describe, expect, it } from 'vitest';
import { parseModelOutput } from '../../../src-main/ml/protocol/parseModelOutput';

const LIST = '[{"bbox_2d": [10, 20, 30, 40], "label": "nodule"}, {"bbox_2d": [50, 60, 70, 80], "label": "effusion"}]';

describe('parseModelOutput: the well-formed protocol', () => {
  const text = `<think>A nodule in the right upper lobe.</think>\n\`\`\`json\n${LIST}\n\`\`\`\nAnswer: \\boxed{nodule, effusion}`;
  const out = parseModelOutput(text);

  it('reads think, the fenced json block, boxes and the boxed answer', () => {
    expect(out.think).toBe('A nodule in the right upper lobe.');
    expect(out.json).toMatchObject({ raw: LIST, fenced: true, markedJson: true, lenient: false });
    expect(out.json.error).toBeUndefined();
    expect(out.boxes).toEqual([
      { label: 'nodule', bbox: [10, 20, 30, 40] },
      { label: 'effusion', bbox: [50, 60, 70, 80] },
    ]);
    expect(out.answerRaw).toBe('nodule, effusion');
    expect(out.labels).toEqual(['nodule', 'effusion']);
  });
});

describe('parseModelOutput: accepted JSON shapes', () => {
  it('a single object with bbox_2d', () => {
    const out = parseModelOutput('```json\n{"bbox_2d": [1, 2, 3, 4], "label": "mass"}\n```');
    expect(out.boxes).toEqual([{ label: 'mass', bbox: [1, 2, 3, 4] }]);
  });

  it('{"objects_of_interest": [...]}', () => {
    const out = parseModelOutput('```json\n{"objects_of_interest": [{"bbox_2d": [1, 2, 3, 4], "label": "a"}, {"bbox_2d": [5, 6, 7, 8]}]}\n```');
    expect(out.boxes).toEqual([
      { label: 'a', bbox: [1, 2, 3, 4] },
      { label: null, bbox: [5, 6, 7, 8] },
    ]);
  });

  it('other objects yield no boxes but still count as parsed JSON', () => {
    const out = parseModelOutput('```json\n{"findings": [1, 2]}\n```');
    expect(out.json.parsed).toEqual({ findings: [1, 2] });
    expect(out.boxes).toEqual([]);
  });

  it('drops items whose bbox_2d is not four finite numbers, keeps the rest in order', () => {
    const out = parseModelOutput(
      '```json\n[{"bbox_2d": [1, 2, 3], "label": "short"}, {"bbox_2d": ["1", 2, 3, 4], "label": "string"}, ' +
        '{"bbox_2d": [1e999, 2, 3, 4], "label": "overflow"}, "text", {"bbox_2d": [-5, 0.5, 3, 4], "label": 7}]\n```',
    );
    expect(out.boxes).toEqual([{ label: null, bbox: [-5, 0.5, 3, 4] }]);
  });
});

describe('parseModelOutput: lenient JSON', () => {
  it('single quotes: parsed leniently', () => {
    const out = parseModelOutput("```json\n[{'bbox_2d': [1, 2, 3, 4], 'label': \"it's a mass\"}]\n```");
    expect(out.json).toMatchObject({ fenced: true, markedJson: true, lenient: true });
    expect(out.boxes).toEqual([{ label: "it's a mass", bbox: [1, 2, 3, 4] }]);
  });

  it('trailing commas', () => {
    const out = parseModelOutput('```json\n[{"bbox_2d": [1, 2, 3, 4,], "label": "a",},]\n```');
    expect(out.json.lenient).toBe(true);
    expect(out.boxes).toEqual([{ label: 'a', bbox: [1, 2, 3, 4] }]);
  });

  it('unquoted keys and Python literals', () => {
    const out = parseModelOutput('```\n[{bbox_2d: [1, 2, 3, 4], label: "a", certain: True}]\n```');
    expect(out.json).toMatchObject({ fenced: true, markedJson: false, lenient: true });
    expect(out.json.parsed).toEqual([{ bbox_2d: [1, 2, 3, 4], label: 'a', certain: true }]);
  });

  it('text after the value inside the fence', () => {
    const out = parseModelOutput('```json\n[{"bbox_2d": [1, 2, 3, 4], "label": "a"}]\nThese are the regions.\n```');
    expect(out.json.lenient).toBe(true);
    expect(out.boxes).toHaveLength(1);
  });

  it('missing fence: a bare list after the think block, counted as lenient', () => {
    const out = parseModelOutput(`<think>see [ref] {x}</think>\n${LIST}\n\\boxed{nodule}`);
    expect(out.json).toMatchObject({ raw: LIST, fenced: false, markedJson: false, lenient: true });
    expect(out.boxes).toHaveLength(2);
  });

  it('missing fence: prose brackets and the boxed answer are not taken for JSON', () => {
    const out = parseModelOutput('Findings [see figure 1] suggest {mild} change. \\boxed{normal}');
    expect(out.json).toEqual({ raw: null, fenced: false, markedJson: false, parsed: undefined, lenient: false });
  });

  it('a fence that does not parse is reported with its error and no boxes', () => {
    const out = parseModelOutput('```json\n[{"bbox_2d": [1, 2\n```');
    expect(out.json).toMatchObject({ raw: '[{"bbox_2d": [1, 2', fenced: true, markedJson: true, parsed: undefined });
    expect(out.json.error).toEqual(expect.any(String));
    expect(out.boxes).toEqual([]);
  });

  it('an unclosed fence (truncated generation) runs to the end of the text', () => {
    const out = parseModelOutput('```json\n[{"bbox_2d": [1, 2, 3, 4], "label": "a"}]\n\\boxed{a}');
    expect(out.json.fenced).toBe(true);
    expect(out.boxes).toEqual([{ label: 'a', bbox: [1, 2, 3, 4] }]);
    expect(out.answerRaw).toBe('a');
  });

  it('prefers the first strictly parsing fence over an earlier lenient one', () => {
    const out = parseModelOutput("```\n['x',]\n```\n```json\n[1]\n```");
    expect(out.json).toMatchObject({ markedJson: true, lenient: false, parsed: [1] });
  });
});

describe('parseModelOutput: think block', () => {
  it('unclosed think: the rest of the text', () => {
    expect(parseModelOutput('<think> still thinking').think).toBe('still thinking');
  });

  it('template-prefilled think: only the closing tag is generated', () => {
    expect(parseModelOutput('reasoning here</think>\\boxed{a}').think).toBe('reasoning here');
  });

  it('no think tags: null', () => {
    expect(parseModelOutput('\\boxed{a}').think).toBeNull();
  });
});

describe('parseModelOutput: boxed answer', () => {
  it('missing \\boxed: answerRaw null, no labels', () => {
    const out = parseModelOutput('The answer is pneumonia.');
    expect(out.answerRaw).toBeNull();
    expect(out.labels).toEqual([]);
  });

  it('several \\boxed: the last one', () => {
    expect(parseModelOutput('\\boxed{edema} no wait \\boxed{pneumonia}').answerRaw).toBe('pneumonia');
  });

  it('nested braces stay balanced', () => {
    expect(parseModelOutput('\\boxed{ \\text{a {b} c} }').answerRaw).toBe('\\text{a {b} c}');
  });

  it('an unclosed last \\boxed means no answer, not the earlier draft', () => {
    expect(parseModelOutput('\\boxed{edema} then \\boxed{pneu').answerRaw).toBeNull();
  });

  it('label separators, first matching separator in priority order (reference rule)', () => {
    expect(parseModelOutput('\\boxed{a, b}').labels).toEqual(['a', 'b']);
    expect(parseModelOutput('\\boxed{a and b}').labels).toEqual(['a', 'b']);
    expect(parseModelOutput('\\boxed{a & b}').labels).toEqual(['a', 'b']);
    expect(parseModelOutput('\\boxed{a,b}').labels).toEqual(['a', 'b']);
    expect(parseModelOutput('\\boxed{a&b}').labels).toEqual(['a', 'b']);
    // No ", " in "a,,b,": "," splits into a, "", b, "" and the empties are dropped.
    expect(parseModelOutput('\\boxed{a,,b,}').labels).toEqual(['a', 'b']);
    // Only the first separator present splits: ", " leaves "a ," and "b ," whole (the reference does the same).
    expect(parseModelOutput('\\boxed{ a ,, b , }').labels).toEqual(['a ,', 'b ,']);
    expect(parseModelOutput('\\boxed{a, b and c}').labels).toEqual(['a', 'b and c']);
    expect(parseModelOutput('\\boxed{}').labels).toEqual([]);
  });

  it('every-separator mode splits on all of them', () => {
    expect(parseModelOutput('\\boxed{a, b and c & d}', { labelSplit: 'every-separator' }).labels).toEqual(['a', 'b', 'c', 'd']);
  });
});
