import { describe, expect, it } from 'vitest';
import { findingsFromOutput } from '../../../src-main/ml/protocol/findingsFromOutput';
import { formatInstruction } from '../../../src-main/ml/protocol/formatInstruction';
import { parseModelOutput } from '../../../src-main/ml/protocol/parseModelOutput';
import { splitTraceSentences } from '../../../src-main/ml/protocol/splitTraceSentences';

describe('splitTraceSentences', () => {
  it('splits after . ! ? and at line breaks, keeping decimals whole', () => {
    expect(splitTraceSentences('A 3.5 cm mass is seen. Is it benign? Unclear!\nNext line\n\n  ')).toEqual([
      'A 3.5 cm mass is seen.',
      'Is it benign?',
      'Unclear!',
      'Next line',
    ]);
  });

  it('no trace: no sentences', () => {
    expect(splitTraceSentences(null)).toEqual([]);
    expect(splitTraceSentences('   ')).toEqual([]);
  });
});

describe('findingsFromOutput', () => {
  const text =
    '<think>Consolidation in the right lower lobe suggests PNEUMONIA. There are no pleural effusions.\n' +
    'Pleural   effusion would blunt the angle. A pneumonia-like pattern. Nodule? none.</think>\n' +
    '```json\n[{"bbox_2d": [1, 2, 3, 4], "label": "Pneumonia"}, {"bbox_2d": [5, 6, 7, 8], "label": "consolidation"},' +
    ' {"bbox_2d": [9, 9, 9, 9]}]\n```\n\\boxed{pneumonia, pleural effusion}';
  const findings = findingsFromOutput(parseModelOutput(text));

  it('answer labels first, then box-only labels; unlabelled boxes belong to none', () => {
    expect(findings.map((f) => [f.label, f.inAnswer])).toEqual([
      ['pneumonia', true],
      ['pleural effusion', true],
      ['consolidation', false],
    ]);
  });

  it('boxes join their finding by normalised label', () => {
    expect(findings[0]!.boxes).toEqual([[1, 2, 3, 4]]);
    expect(findings[1]!.boxes).toEqual([]);
    expect(findings[2]!.boxes).toEqual([[5, 6, 7, 8]]);
  });

  it('sentences mention the label as a whole word, any case, any whitespace between words', () => {
    // "pneumonia-like": the hyphen is not a letter, so it is a word boundary and the sentence counts.
    expect(findings[0]!.sentences).toEqual([
      'Consolidation in the right lower lobe suggests PNEUMONIA.',
      'A pneumonia-like pattern.',
    ]);
    // "effusions" is a different word; "Pleural   effusion" matches across the run of spaces.
    expect(findings[1]!.sentences).toEqual(['Pleural   effusion would blunt the angle.']);
    expect(findings[2]!.sentences).toEqual(['Consolidation in the right lower lobe suggests PNEUMONIA.']);
  });

  it('labels with regex characters are matched literally', () => {
    const out = parseModelOutput('<think>Grade (2+) changes. Grade 22 changes.</think>\\boxed{grade (2+)}');
    expect(findingsFromOutput(out)[0]!.sentences).toEqual(['Grade (2+) changes.']);
  });
});

describe('formatInstruction', () => {
  it('asks for the think block, a fenced json list of bbox_2d/label, and a boxed answer', () => {
    const text = formatInstruction();
    for (const part of ['<think>', '</think>', '```json', '"bbox_2d": [x1, y1, x2, y2]', '"label"', '\\boxed{}']) {
      expect(text).toContain(part);
    }
  });
});
