import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { assertSafeExternalData, listExternalTensors } from '../graph/serialize/assertSafeExternalData.js';
import { decodeModel } from '../graph/serialize/modelCodec.js';
import { providerList, type ExecutionProvider } from './executionProviders.js';
import { fromOrt, toOrt, type HostTensor } from './hostTensor.js';

export interface SessionOptions {
  /** Preference order; default ['cpu']. See executionProviders.ts for what each needs. */
  readonly executionProviders?: readonly ExecutionProvider[];
  /** Threads inside one op. Single-stream decoding is measured faster with 1 than 2 on the 2-core box. */
  readonly intraOpThreads?: number;
  /**
   * ORT graph optimisation level, default 'all'. Use 'basic' for float64 graphs: ORT 1.30's extended
   * fusions rewrite x·sigmoid(x) into com.microsoft.QuickGelu, which has only a float kernel, and the
   * session then fails to load.
   */
  readonly optimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** When a GPU provider cannot be registered, retry on CPU instead of failing (default true). */
  readonly fallbackToCpu?: boolean;
}

/** A loaded model. Holds the runtime session privately so callers never touch ONNX Runtime types. */
export class ModelSession {
  readonly #session: ort.InferenceSession;

  constructor(session: ort.InferenceSession, readonly providers: readonly ExecutionProvider[]) {
    this.#session = session;
  }

  get inputNames(): readonly string[] {
    return this.#session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.#session.outputNames;
  }

  async run(feeds: Readonly<Record<string, HostTensor>>, outputNames?: readonly string[]): Promise<Record<string, HostTensor>> {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrt(t);
    const results = await (outputNames ? this.#session.run(ortFeeds, outputNames) : this.#session.run(ortFeeds));
    const out: Record<string, HostTensor> = {};
    for (const [name, value] of Object.entries(results)) out[name] = fromOrt(value as ort.Tensor);
    return out;
  }

  release(): Promise<void> {
    return this.#session.release();
  }
}

/**
 * Loads a model from bytes or a file. A file is parsed first and its external-data references checked
 * (assertSafeExternalData) before ORT opens it, because ORT would follow them anywhere. Bytes may not
 * reference external data at all: ORT would resolve it against the process's working directory.
 */
export async function createSession(model: Uint8Array | string, options: SessionOptions = {}): Promise<ModelSession> {
  if (typeof model === 'string') {
    assertSafeExternalData(decodeModel(await readFile(model)), path.dirname(path.resolve(model)));
  } else if (listExternalTensors(decodeModel(model)).length > 0) {
    throw new Error('Model bytes reference external data; load the model from its file path instead');
  }
  const providers = providerList(options.executionProviders);
  const open = (eps: readonly ExecutionProvider[]): Promise<ort.InferenceSession> => {
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: [...eps],
      graphOptimizationLevel: options.optimizationLevel ?? 'all',
      ...(options.intraOpThreads === undefined ? {} : { intraOpNumThreads: options.intraOpThreads }),
    };
    // Two calls because ORT's overloads do not accept the union type.
    return typeof model === 'string'
      ? ort.InferenceSession.create(model, sessionOptions)
      : ort.InferenceSession.create(model, sessionOptions);
  };
  try {
    return new ModelSession(await open(providers), providers);
  } catch (err) {
    if (providers.length === 1 || options.fallbackToCpu === false) throw err;
    return new ModelSession(await open(['cpu']), ['cpu']);
  }
}
