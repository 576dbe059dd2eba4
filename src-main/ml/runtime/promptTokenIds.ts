import { QOQ_SPECIAL_TOKENS } from '../tokenizer/index.js';
import { buildChatPrompt, type PromptItem } from '../prompt/index.js';
import type { LoadedModel } from './LoadedModel.js';
import type { RunRequest } from './types.js';

/**
 * Step (2): the chat-template text, tokenised. The template writes its special tokens as text and the
 * tokenizer turns them into ids, so caller text that contains one (e.g. a pasted `<|image_pad|>`) would
 * become a structural token and misplace or forge features: such text is refused.
 */
export function promptTokenIds(model: LoadedModel, request: RunRequest, items: readonly PromptItem[]): number[] {
  const texts = [request.question, request.system ?? '', request.formatInstruction ?? '', ...items.flatMap((i) => (i.type === 'text' ? [i.text] : []))];
  for (const text of texts) {
    const found = QOQ_SPECIAL_TOKENS.find((token) => text.includes(token));
    if (found) throw new Error(`Request text contains the reserved token ${found}`);
  }
  const prompt = buildChatPrompt({
    system: request.system ?? model.manifest.chatTemplate.defaultSystem,
    items: [...items],
    question: request.question,
    ...(request.formatInstruction === undefined ? {} : { formatInstruction: request.formatInstruction }),
  });
  return model.tokenizer.encode(prompt);
}
