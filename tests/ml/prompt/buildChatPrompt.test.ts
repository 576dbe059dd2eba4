import { describe, expect, it } from 'vitest';
import { FORMAT_INSTRUCTION } from '../../../src-main/ml/protocol/formatInstruction';
import { buildChatPrompt } from '../../../src-main/ml/prompt/buildChatPrompt';

describe('buildChatPrompt', () => {
  it('renders the Qwen2-VL template with items in order, the ECG pad, and the instruction after the question', () => {
    const text = buildChatPrompt({
      items: [{ type: 'image', tokens: 2 }, { type: 'time-series' }, { type: 'text', text: 'History: chest pain.\n' }],
      question: 'What is the diagnosis?',
      formatInstruction: 'Answer in \\boxed{}.',
    });
    expect(text).toBe(
      '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' +
        '<|im_start|>user\n<|vision_start|><|image_pad|><|image_pad|><|vision_end|><|time_series_pad|>' +
        'History: chest pain.\nWhat is the diagnosis? Answer in \\boxed{}.<|im_end|>\n' +
        '<|im_start|>assistant\n',
    );
  });

  it('keeps the given order (text before two images) and uses a custom system text', () => {
    const text = buildChatPrompt({
      system: 'You are a radiologist.',
      items: [{ type: 'text', text: 'Indication: cough. ' }, { type: 'image', tokens: 1 }, { type: 'image', tokens: 3 }],
      question: 'Findings?',
      formatInstruction: null,
    });
    expect(text).toBe(
      '<|im_start|>system\nYou are a radiologist.<|im_end|>\n<|im_start|>user\nIndication: cough. ' +
        '<|vision_start|><|image_pad|><|vision_end|><|vision_start|><|image_pad|><|image_pad|><|image_pad|><|vision_end|>' +
        'Findings?<|im_end|>\n<|im_start|>assistant\n',
    );
  });

  it("appends the protocol's format instruction by default", () => {
    const text = buildChatPrompt({ items: [], question: 'Q?' });
    expect(text).toBe(
      `<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nQ? ${FORMAT_INSTRUCTION}<|im_end|>\n<|im_start|>assistant\n`,
    );
  });

  it('refuses an image without a positive integer token count', () => {
    expect(() => buildChatPrompt({ items: [{ type: 'image', tokens: 0 }], question: 'Q' })).toThrow(RangeError);
    expect(() => buildChatPrompt({ items: [{ type: 'image', tokens: 2.5 }], question: 'Q' })).toThrow(RangeError);
  });
});
