/**
 * Measured child (a): the engine as the app runs it — loadModel (verify the package, tokenizer, one
 * session per graph) and runModel (chat template, tokenise, embed, prefill, KV-cache decoding through
 * generate(), streamed text). Driven by bench/infer-bench.ts over IPC (see protocol.ts).
 */
import { loadModel, runModel, type RunRequest } from '../../src-main/ml/runtime/index.js';
import { msPerToken, parseJob, serve, type LoadedSide, type RunSample } from './protocol.js';

const job = parseJob(process.argv);

async function load(): Promise<LoadedSide> {
  const model = await loadModel(job.packageDir, { intraOpThreads: job.intraOpThreads });
  const request: RunRequest = { items: [], system: job.system, question: job.question, formatInstruction: null };
  const once = async (): Promise<RunSample> => {
    const stamps: number[] = [];
    const start = performance.now();
    const result = await runModel(model, request, {
      seed: 0,
      temperature: 0,
      maxNewTokens: job.maxNewTokens,
      repetitionPenalty: job.repetitionPenalty,
      onToken: () => stamps.push(performance.now()),
    });
    return {
      ttftMs: stamps[0]! - start,
      msPerToken: msPerToken(stamps),
      totalMs: performance.now() - start,
      promptTokens: result.promptTokens,
      tokenIds: result.tokenIds,
      engine: { ...result.timings },
    };
  };
  return { once, release: () => model.release() };
}

await serve(load);
