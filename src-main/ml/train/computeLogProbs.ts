import type { DecoderConfig } from '../models/decoder/index.js';
import { TOKEN_LOG_PROBS } from '../losses/index.js';
import { buildLogProbGraph } from './buildLogProbGraph.js';
import { feedsFor, float32Output, paramFeeds } from './hostTensors.js';
import type { MultimodalSample } from './multimodalSample.js';
import { packMultimodalBatch } from './packMultimodalBatch.js';
import type { SessionCache } from './SessionCache.js';
import type { ParamTable } from './TrainerState.js';

export interface LogProbRequest {
  readonly sessions: SessionCache;
  readonly config: DecoderConfig;
  readonly weights: ParamTable;
  /** Text-only rows too (rolloutSample gives them text positions and no media). */
  readonly rows: readonly MultimodalSample[];
  readonly batch: number; // bucket batch: rows are processed `batch` at a time
  readonly seqLen: number;
  readonly padId: number;
  readonly temperature?: number; // the rollout's (default 1)
}

/**
 * (S) log-probs of every target position of each row, in packBatch's layout (row t = log p of token
 * t + 1), under the given weights: log π_old with the rollout weights, log π_ref with the reference.
 * The multimodal graph serves every row (for a text row its media mask is all zero: the same forward).
 */
export async function computeLogProbs(request: LogProbRequest): Promise<Float32Array[]> {
  const { config, batch, seqLen, rows } = request;
  const temperature = request.temperature ?? 1;
  const session = await request.sessions.get(`logp:b${batch}:s${seqLen}:t${temperature}`, () => buildLogProbGraph(config, batch, seqLen, temperature, true));
  const weights = paramFeeds(config, request.weights);
  const result: Float32Array[] = [];
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    const feeds = packMultimodalBatch(config, chunk, batch, seqLen, request.padId);
    const out = await session.run(feedsFor(session.inputNames, { ...feeds, ...weights }), [TOKEN_LOG_PROBS]);
    const logProbs = float32Output(out, TOKEN_LOG_PROBS); // (B, S)
    chunk.forEach((_, b) => result.push(logProbs.slice(b * seqLen, (b + 1) * seqLen)));
  }
  return result;
}
