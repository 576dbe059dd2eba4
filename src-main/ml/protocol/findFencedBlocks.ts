const FENCE = '```';
const INFO = /[A-Za-z0-9_+.-]*/y;

/** Enough for any real response; bounds the work on text made of thousands of backticks. */
const MAX_BLOCKS = 32;

export interface FencedBlock {
  /** The fence's info string (language tag), e.g. "json"; "" when bare. */
  info: string;
  content: string;
  /** False when the text ended before a closing fence (truncated generation). */
  closed: boolean;
}

/**
 * ``` fenced blocks in order. The info string is only the word right after the backticks, so a one-line
 * "```json [...]```" still yields its content. An unclosed fence runs to the end of the text.
 */
export function findFencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let pos = 0;
  while (blocks.length < MAX_BLOCKS) {
    const open = text.indexOf(FENCE, pos);
    if (open < 0) break;
    INFO.lastIndex = open + FENCE.length;
    const info = INFO.exec(text)?.[0] ?? '';
    const from = open + FENCE.length + info.length;
    const close = text.indexOf(FENCE, from);
    const closed = close >= 0;
    blocks.push({ info, content: text.slice(from, closed ? close : text.length), closed });
    pos = closed ? close + FENCE.length : text.length;
  }
  return blocks;
}
