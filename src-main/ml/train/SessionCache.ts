import { createSession, type ModelSession, type SessionOptions } from '../ort/index.js';

/**
 * One ONNX Runtime session per graph key (e.g. "sft:b8:s16"), built on first use. Graphs take the
 * weights as inputs, so a session lives for the whole run; a new bucket costs one build + load.
 */
export class SessionCache {
  readonly #sessions = new Map<string, Promise<ModelSession>>();

  // One intra-op thread by default: reductions then always add in the same order, which is what makes
  // a resumed run bit-identical, and the trainer's tiny graphs gain nothing from more threads.
  constructor(private readonly options: SessionOptions = { intraOpThreads: 1 }) {}

  get(key: string, build: () => Uint8Array): Promise<ModelSession> {
    let session = this.#sessions.get(key);
    if (session === undefined) {
      session = createSession(build(), this.options);
      this.#sessions.set(key, session);
    }
    return session;
  }

  async release(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    for (const s of sessions) await (await s).release();
  }
}
