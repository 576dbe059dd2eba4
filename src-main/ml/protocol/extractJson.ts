import { isBoxShaped } from './boxesFromJson';
import { findFencedBlocks, type FencedBlock } from './findFencedBlocks';
import { parseLenientJson } from './parseLenientJson';
import type { ParsedJson } from './types';

/** Bracket positions tried when looking for unfenced JSON; each try is linear, so keep it small. */
const MAX_BARE_CANDIDATES = 16;

const NOT_FOUND: ParsedJson = { raw: null, fenced: false, markedJson: false, parsed: undefined, lenient: false };

type BlockParse = { ok: true; value: unknown; lenient: boolean } | { ok: false; error: string };

/**
 * Finds the objects-of-interest JSON. When the text has fenced blocks, only they are read (as the
 * reference does): the first block that parses strictly wins, else the first that parses leniently, else
 * the first block is reported with its error so the format score still sees the fence. Salvaging a
 * fragment from a broken fence is deliberately not tried: it would trade the fence's points for a
 * partial parse and make the score depend on where the truncation fell.
 * Only when there is no fence at all is a bare box-shaped value looked for, after the think block, then
 * anywhere; it always counts as lenient because the protocol's fence is missing.
 */
export function extractJson(text: string, afterThink: number): ParsedJson {
  const blocks = findFencedBlocks(text);
  const parses = blocks.map((block) => parseBlock(block.content));
  const strict = parses.findIndex((p) => p.ok && !p.lenient);
  const chosen = strict >= 0 ? strict : parses.findIndex((p) => p.ok);
  const chosenParse = parses[chosen];
  const chosenBlock = blocks[chosen];
  if (chosenParse?.ok && chosenBlock) return fencedResult(chosenBlock, chosenParse.value, chosenParse.lenient);

  const first = blocks[0];
  const firstParse = parses[0];
  if (first && firstParse && !firstParse.ok) {
    return { ...fencedResult(first, undefined, false), error: firstParse.error };
  }
  return findBareJson(text, afterThink) ?? (afterThink > 0 ? findBareJson(text, 0) : null) ?? NOT_FOUND;
}

function fencedResult(block: FencedBlock, parsed: unknown, lenient: boolean): ParsedJson {
  return { raw: block.content.trim(), fenced: true, markedJson: block.info.toLowerCase() === 'json', parsed, lenient };
}

/** Strict JSON.parse of the trimmed block, else a lenient read of the first value in it. */
function parseBlock(content: string): BlockParse {
  const trimmed = content.trim();
  let strictError: string;
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown, lenient: false };
  } catch (err) {
    // JSON.parse throws SyntaxError, or RangeError on pathological nesting; both mean "not strict JSON".
    strictError = err instanceof Error ? err.message : String(err);
  }
  const start = trimmed.search(/[[{]/);
  if (start < 0) return { ok: false, error: strictError };
  const lenient = parseLenientJson(trimmed, start);
  return lenient.ok ? { ok: true, value: lenient.value, lenient: true } : { ok: false, error: strictError };
}

function findBareJson(text: string, from: number): ParsedJson | null {
  const candidate = /[[{]/g;
  candidate.lastIndex = from;
  for (let tries = 0; tries < MAX_BARE_CANDIDATES; tries++) {
    const m = candidate.exec(text);
    if (m === null) return null;
    const result = parseLenientJson(text, m.index);
    if (result.ok && isBoxShaped(result.value)) {
      const raw = text.slice(m.index, result.end);
      return { raw, fenced: false, markedJson: false, parsed: result.value, lenient: true };
    }
  }
  return null;
}
