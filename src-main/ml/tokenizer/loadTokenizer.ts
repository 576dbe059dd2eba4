import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { TextTokenizer } from './TextTokenizer';

/**
 * Decoding defaults applied under any tokenizer_config.json. The library defaults
 * clean_up_tokenization_spaces to true, which rewrites " ." to "." and breaks exact round trips; Qwen2's
 * own config sets it to false.
 */
const CONFIG_DEFAULTS = { clean_up_tokenization_spaces: false };

/** Builds the tokenizer from already-parsed tokenizer.json (and optional tokenizer_config.json) objects. */
export function tokenizerFromJson(tokenizerJson: object, tokenizerConfig: object = {}): TextTokenizer {
  return new TextTokenizer(new Tokenizer(tokenizerJson, { ...CONFIG_DEFAULTS, ...tokenizerConfig }));
}

/**
 * Loads a tokenizer from local files only (never a hub). `path` is a tokenizer.json file or a folder
 * holding one; a tokenizer_config.json beside it is read when present.
 */
export async function loadTokenizer(path: string): Promise<TextTokenizer> {
  const file = (await stat(path)).isDirectory() ? join(path, 'tokenizer.json') : path;
  const tokenizerJson = JSON.parse(await readFile(file, 'utf8')) as object;
  const configText = await readFile(join(dirname(file), 'tokenizer_config.json'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  const config = configText === null ? {} : (JSON.parse(configText) as object);
  return tokenizerFromJson(tokenizerJson, config);
}
