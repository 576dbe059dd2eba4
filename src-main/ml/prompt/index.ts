/** Public surface of prompt assembly (notes §2, §7): chat text and multimodal RoPE positions. */
export { QWEN_TOKENS, IM_START } from './qwenTokens';
export { buildChatPrompt, DEFAULT_SYSTEM_PROMPT, type ChatPromptInput, type PromptItem } from './buildChatPrompt';
export { ropeIndex, type PositionIds, type RopeTokenIds } from './ropeIndex';
export { nextRopeDelta, decodePositionIds } from './nextRopeDelta';
