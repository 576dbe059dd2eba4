/**
 * Entry of the inference process. Model inference runs here, never in the main process: ONNX Runtime can
 * run out of memory or crash on a bad graph, and a stuck session.run cannot be interrupted from JavaScript
 * — in all those cases this process is ended and the app and its database carry on.
 *
 * Keeps the last loaded model warm (loading verifies every file's SHA-256 and opens four sessions).
 */
import { loadModel, runModel, type LoadedModel } from '../ml/runtime/index';
import type { RequestItem } from '../ml/runtime/types';
import { loadModelInput } from './loadModelInput';
import type { AnalyzeRequest, InferenceReply, InferenceRequest } from './protocol';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (m: InferenceReply): void => {
  if (parentPort) parentPort.postMessage(m);
  else process.send?.(m);
};

let loaded: LoadedModel | undefined;
const running = new Map<string, AbortController>();

async function modelFor(packageDir: string): Promise<LoadedModel> {
  if (loaded?.dir === packageDir) return loaded;
  loaded?.release();
  loaded = undefined;
  loaded = await loadModel(packageDir, { intraOpThreads: 1 });
  return loaded;
}

async function analyze(req: AnalyzeRequest): Promise<void> {
  const abort = new AbortController();
  running.set(req.jobId, abort);
  const started = performance.now();
  try {
    const model = await modelFor(req.packageDir);
    const items: RequestItem[] = [];
    for (const input of req.inputs) {
      const item = await loadModelInput(input, { ctWindow: req.ctWindow });
      items.push(item.type === 'image' ? { type: 'image', rgb: item.rgb, ref: item.ref } : { type: 'ecg', record: item.record });
    }
    if (req.clinicalText) items.push({ type: 'text', text: req.clinicalText });
    const result = await runModel(
      model,
      { items, question: req.question },
      {
        seed: req.seed,
        ...(req.maxNewTokens !== undefined ? { maxNewTokens: req.maxNewTokens } : {}),
        signal: abort.signal,
        onToken: (t) => {
          if (t.row === 0 && t.text) send({ type: 'token', jobId: req.jobId, text: t.text });
        },
      },
    );
    send({
      type: 'done',
      jobId: req.jobId,
      output: {
        raw: result.text,
        finishReason: result.finishReason,
        images: result.images.map((i) => i.resize),
        model: { name: model.manifest.name, version: model.manifest.version, sha256: model.packageHash },
        timings: { ttftMs: result.timings.ttftMs, tokensPerS: result.timings.tokensPerS, totalMs: performance.now() - started },
      },
    });
  } catch (err) {
    send({ type: 'failed', jobId: req.jobId, reason: (err as Error).message });
  } finally {
    running.delete(req.jobId);
  }
}

function onMessage(data: unknown): void {
  const req = data as InferenceRequest;
  if (req?.type === 'analyze') void analyze(req);
  else if (req?.type === 'cancel') running.get(req.jobId)?.abort();
}

if (parentPort) parentPort.on('message', (e) => onMessage(e.data));
else process.on('message', onMessage);
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
