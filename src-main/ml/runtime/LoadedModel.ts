import type { ModelSession } from '../ort/index.js';
import type { ModelManifest } from '../package/modelManifest';
import type { TextTokenizer } from '../tokenizer/index.js';
import type { RuntimeArchitecture } from './readArchitecture.js';

export interface ModelSessions {
  readonly embedTokens: ModelSession;
  readonly decoder: ModelSession;
  /** Absent when the package has no vision encoder; an image request is then refused. */
  readonly vision?: ModelSession;
  /** Absent when the package has no ECG encoder; an ECG request is then refused. */
  readonly ecg?: ModelSession;
}

/** A verified package with its sessions open. Call release() when done: sessions hold native memory. */
export interface LoadedModel {
  /** The package folder as given to loadModel. */
  readonly dir: string;
  readonly manifest: ModelManifest;
  /** SHA-256 of manifest.json (which pins every file): the model identity findings must store. */
  readonly packageHash: string;
  readonly architecture: RuntimeArchitecture;
  readonly tokenizer: TextTokenizer;
  readonly sessions: ModelSessions;
  release(): Promise<void>;
}
