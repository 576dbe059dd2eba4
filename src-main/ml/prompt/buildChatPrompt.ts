import { FORMAT_INSTRUCTION } from '../protocol/formatInstruction';
import { IM_START, QWEN_TOKENS } from './qwenTokens';

export type PromptItem =
  | { type: 'image'; tokens: number }
  | { type: 'time-series' }
  | { type: 'text'; text: string };

export interface ChatPromptInput {
  /** System message; "You are a helpful assistant." (Qwen2-VL's default) when omitted. */
  system?: string;
  /** Content before the question, emitted in the given order. */
  items: PromptItem[];
  question: string;
  /** Appended after the question; the protocol's paraphrase by default, null to leave it out. */
  formatInstruction?: string | null;
  /** Between the question and the format instruction (a single space, as EasyR1-style prompt templates do). */
  instructionSeparator?: string;
}

export const DEFAULT_SYSTEM_PROMPT = 'You are a helpful assistant.';

const { imEnd, visionStart, visionEnd, imagePad, timeSeriesPad } = QWEN_TOKENS;

/**
 * Renders one user turn with Qwen2-VL's chat template (add_generation_prompt = true) plus QoQ-Med's
 * time-series item:
 *   <|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{items…}{question}{sep}{instruction}<|im_end|>\n<|im_start|>assistant\n
 * The template concatenates content items with nothing between them, so neither does this; a caller that
 * wants a line break after a text item puts it in the text. Images are emitted already expanded to their
 * `tokens` `<|image_pad|>` copies (the processor's job in transformers), so the tokenizer output can be
 * fed straight to ropeIndex and the embedding merge.
 */
export function buildChatPrompt(input: ChatPromptInput): string {
  const system = input.system ?? DEFAULT_SYSTEM_PROMPT;
  let user = '';
  for (const item of input.items) {
    switch (item.type) {
      case 'image':
        if (!(Number.isInteger(item.tokens) && item.tokens > 0)) {
          throw new RangeError(`buildChatPrompt: image needs a positive integer token count, got ${item.tokens}`);
        }
        user += visionStart.text + imagePad.text.repeat(item.tokens) + visionEnd.text;
        break;
      case 'time-series':
        // One pad: the ECG encoder's single pooled vector fills exactly this position (notes §6).
        user += timeSeriesPad.text;
        break;
      case 'text':
        user += item.text;
        break;
      default:
        throw new Error(`buildChatPrompt: unknown item ${JSON.stringify(item satisfies never)}`);
    }
  }
  const instruction = input.formatInstruction === undefined ? FORMAT_INSTRUCTION : input.formatInstruction;
  user += instruction === null ? input.question : input.question + (input.instructionSeparator ?? ' ') + instruction;
  return `${IM_START}system\n${system}${imEnd.text}\n${IM_START}user\n${user}${imEnd.text}\n${IM_START}assistant\n`;
}
