/**
 * Measured child (b): the floor — a bare KV-cache decode loop on the SAME two graph files
 * (the package's embed_tokens and decoder files): embed → decoder → argmax, presents fed
 * back as the next past, nothing else (no package verification, no tokenizer, no logits processors, no
 * NaN guard, no streaming). ONNX Runtime is reached through src-main/ml/ort (createSession / run): ESLint
 * lets only src-main/ml/ort import onnxruntime-node, and that wrapper only converts tensors at the call.
 * Driven by bench/infer-bench.ts over IPC (see protocol.ts).
 */
import {
  ATTENTION_MASK,
  INPUT_IDS,
  INPUTS_EMBEDS,
  LOGITS,
  pastKeyName,
  pastValueName,
  POSITION_IDS,
  presentKeyName,
  presentValueName,
} from '../../src-main/ml/models/decoder/decoderLayout.js';
import { createSession, run, type HostTensor } from '../../src-main/ml/ort/index.js';
import { msPerToken, parseJob, serve, type LoadedSide, type RunSample } from './protocol.js';

const job = parseJob(process.argv);

async function load(): Promise<LoadedSide> {
  const options = { intraOpThreads: job.intraOpThreads };
  const embedTokens = await createSession(job.embedTokensFile, options);
  const decoder = await createSession(job.decoderFile, options);

  const numLayers = decoder.inputNames.filter((n) => n.startsWith('past_key_values.') && n.endsWith('.key')).length;
  const ones = new BigInt64Array(job.promptIds.length + job.maxNewTokens).fill(1n);
  const eos = new Set(job.eosTokenIds);
  // The prefill's past: (1, KV, 0, Dh) per layer, KV heads and head dim from the manifest (via the job).
  const emptyPast: Record<string, HostTensor> = {};
  const empty: HostTensor = { type: 'float32', dims: [1, job.kvHeads, 0, job.headDim], data: new Float32Array(0) };
  for (let i = 0; i < numLayers; i++) emptyPast[pastKeyName(i)] = emptyPast[pastValueName(i)] = empty;

  /** One decoder call for `ids` after `pastLength` cached tokens: the argmax of the last position + the new cache. */
  const step = async (ids: BigInt64Array, past: Record<string, HostTensor>, pastLength: number): Promise<[number, Record<string, HostTensor>]> => {
    const seq = ids.length;
    const embedded = await run(embedTokens, { [INPUT_IDS]: { type: 'int64', dims: [1, seq], data: ids } });
    const positions = new BigInt64Array(3 * seq); // text only: the same position on all three M-RoPE axes
    for (let a = 0; a < 3; a++) for (let k = 0; k < seq; k++) positions[a * seq + k] = BigInt(pastLength + k);
    const out = await run(decoder, {
      [INPUTS_EMBEDS]: embedded[INPUTS_EMBEDS]!,
      [ATTENTION_MASK]: { type: 'int64', dims: [1, pastLength + seq], data: ones.subarray(0, pastLength + seq) },
      [POSITION_IDS]: { type: 'int64', dims: [3, 1, seq], data: positions },
      ...past,
    });
    const next: Record<string, HostTensor> = {};
    for (let i = 0; i < numLayers; i++) {
      next[pastKeyName(i)] = out[presentKeyName(i)]!;
      next[pastValueName(i)] = out[presentValueName(i)]!;
    }
    return [argmaxLastRow(out[LOGITS]!), next];
  };

  const once = async (): Promise<RunSample> => {
    const stamps: number[] = [];
    const tokens: number[] = [];
    const start = performance.now();
    let [id, past] = await step(BigInt64Array.from(job.promptIds, BigInt), emptyPast, 0);
    let length = job.promptIds.length;
    for (;;) {
      stamps.push(performance.now());
      tokens.push(id);
      if (eos.has(id) || tokens.length === job.maxNewTokens) break;
      [id, past] = await step(BigInt64Array.of(BigInt(id)), past, length);
      length++;
    }
    return { ttftMs: stamps[0]! - start, msPerToken: msPerToken(stamps), totalMs: performance.now() - start, promptTokens: job.promptIds.length, tokenIds: tokens };
  };
  return { once, release: async () => void (await Promise.all([embedTokens.release(), decoder.release()])) };
}

/** Greedy pick on the last position of logits (1, S, V); the lowest id wins a tie, as in the engine. */
function argmaxLastRow(logits: HostTensor): number {
  const [, s, v] = logits.dims as [number, number, number];
  const data = logits.data as Float32Array;
  const base = (s - 1) * v;
  let best = 0;
  for (let i = 1; i < v; i++) if (data[base + i]! > data[base + best]!) best = i;
  return best;
}

await serve(load);
