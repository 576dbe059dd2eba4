import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelManifest } from '../../src-main/ml/package/modelManifest';
import { buildChatPrompt } from '../../src-main/ml/prompt/index.js';
import { buildRandomTestPackage, TEST_PACKAGE_CORPUS } from '../../src-main/ml/testPackage/index.js';
import { loadTokenizer } from '../../src-main/ml/tokenizer/index.js';

/** The benchmark model: the environment notes' reference size (d 256, 4 layers, GQA 4:2, vocab 2k). */
export const BENCH_DECODER = { hiddenSize: 256, numLayers: 4, numHeads: 4, numKvHeads: 2, intermediateSize: 1024 } as const;
export const BENCH_VOCAB = 2048;

/**
 * The built-in test corpus is too small to learn 2k BPE tokens, so seeded pseudo-medical words (syllable
 * strings, each sentence 8–15 of them) are added: enough distinct pairs for the full vocabulary.
 */
function syntheticCorpus(seed: number, sentences: number): string[] {
  const syllables = ['ra', 'di', 'o', 'lo', 'gy', 'car', 'ac', 'pul', 'mo', 'na', 'ry', 'ne', 'ph', 'ro', 'he', 'pa', 'tic', 'os', 'te', 'um',
    'my', 'el', 'in', 'ga', 'stro', 'en', 'ter', 'al', 'vas', 'cu', 'lar', 'thy', 'roid', 'ab', 'do', 'men', 'cra', 'ni'];
  let state = seed >>> 0;
  const next = (n: number): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
  const words = Array.from({ length: 6000 }, () => Array.from({ length: 2 + next(3) }, () => syllables[next(syllables.length)]).join(''));
  return Array.from({ length: sentences }, () => `${Array.from({ length: 8 + next(8) }, () => words[next(words.length)]).join(' ')}.`);
}

/** Text-only request: with the chat template around it, 64 tokens with the bench tokenizer. */
export const BENCH_SYSTEM = 'You are a helpful assistant.';
export const BENCH_QUESTION = 'Chest radiograph: small left pleural effusion. Describe the findings and the diagnosis.';

export interface BenchPackage {
  readonly dir: string;
  readonly manifest: ModelManifest;
  readonly promptIds: number[];
  readonly buildMs: number;
}

/** Writes the benchmark package into a fresh temp folder and tokenises the prompt as the engine will. */
export async function buildBenchPackage(seed: number): Promise<BenchPackage> {
  const t0 = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qoq-bench-infer-'));
  const manifest = await buildRandomTestPackage(dir, {
    seed,
    vocabSize: BENCH_VOCAB,
    tokenizerCorpus: [...TEST_PACKAGE_CORPUS, ...syntheticCorpus(0x5eed, 3000)],
    decoder: BENCH_DECODER,
  });
  const tokenizer = await loadTokenizer(path.join(dir, 'tokenizer.json'));
  // What runtime/promptTokenIds does for a text-only request without the format instruction.
  const promptIds = tokenizer.encode(buildChatPrompt({ system: BENCH_SYSTEM, items: [], question: BENCH_QUESTION, formatInstruction: null }));
  return { dir, manifest, promptIds, buildMs: performance.now() - t0 };
}
