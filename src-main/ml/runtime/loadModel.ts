import path from 'node:path';
import { createSession, type ExecutionProvider, type ModelSession } from '../ort/index.js';
import type { ModelManifest } from '../package/modelManifest';
import { ModelPackageError } from '../package/ModelPackageError';
import { packageHash, verifyModelPackage } from '../package/verifyModelPackage';
import { loadTokenizer, type TextTokenizer } from '../tokenizer/index.js';
import type { LoadedModel, ModelSessions } from './LoadedModel.js';
import { readArchitecture, type RuntimeArchitecture } from './readArchitecture.js';
import { QOQ_MED_SESSIONS, type SessionKey } from './sessionTable.js';

export interface LoadOptions {
  /** Preference order; 'cpu' is always the last resort (see ort/executionProviders). */
  readonly executionProviders?: readonly ExecutionProvider[];
  /** Threads inside one op; unset = ORT's default (all cores). */
  readonly intraOpThreads?: number;
}

/**
 * Opens a model package for inference: verifies it first (manifest schema, every file's size and
 * SHA-256 — a mismatch refuses the whole package), reads the architecture, loads the tokenizer and
 * checks its special-token ids against the manifest, then opens one ONNX session per graph in
 * QOQ_MED_SESSIONS and checks its I/O names.
 */
export async function loadModel(packageDir: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const manifest = await verifyModelPackage(packageDir);
  const hash = packageHash(packageDir);
  const architecture = readArchitecture(manifest);
  const tokenizer = await loadTokenizer(filePath(packageDir, manifest, 'tokenizer'));
  checkTokenizer(packageDir, manifest, architecture, tokenizer);

  const opened: Partial<Record<SessionKey, ModelSession>> = {};
  const releaseAll = async (): Promise<void> => {
    await Promise.all(Object.values(opened).map((s) => s.release()));
  };
  try {
    for (const [key, spec] of Object.entries(QOQ_MED_SESSIONS) as [SessionKey, (typeof QOQ_MED_SESSIONS)[SessionKey]][]) {
      const file = manifest.files.find((f) => f.role === spec.role);
      if (!file) {
        if (spec.required) throw new ModelPackageError(`no file with role '${spec.role}'`, packageDir);
        continue;
      }
      const session = await createSession(path.join(packageDir, ...file.path.split('/')), {
        ...(options.executionProviders ? { executionProviders: options.executionProviders } : {}),
        ...(options.intraOpThreads === undefined ? {} : { intraOpThreads: options.intraOpThreads }),
      });
      opened[key] = session;
      checkIo(packageDir, file.path, session, spec.io(architecture));
    }
  } catch (err) {
    await releaseAll();
    throw err;
  }
  const { embedTokens, decoder, vision, ecg } = opened;
  if (!embedTokens || !decoder) throw new ModelPackageError('embed_tokens and decoder graphs are required', packageDir);
  if (architecture.vision && !vision) throw new ModelPackageError('the manifest describes a vision encoder but ships none', packageDir);
  if (architecture.ecg && !ecg) throw new ModelPackageError('the manifest describes an ECG encoder but ships none', packageDir);
  const sessions: ModelSessions = { embedTokens, decoder, ...(vision ? { vision } : {}), ...(ecg ? { ecg } : {}) };
  return { dir: packageDir, manifest, packageHash: hash, architecture, tokenizer, sessions, release: releaseAll };
}

function filePath(packageDir: string, manifest: ModelManifest, role: ModelManifest['files'][number]['role']): string {
  const file = manifest.files.find((f) => f.role === role);
  if (!file) throw new ModelPackageError(`no file with role '${role}'`, packageDir);
  return path.join(packageDir, ...file.path.split('/'));
}

const SPECIAL_TEXT: Readonly<Record<keyof ModelManifest['specialTokens'], string>> = {
  endOfText: '<|endoftext|>',
  imStart: '<|im_start|>',
  imEnd: '<|im_end|>',
  visionStart: '<|vision_start|>',
  visionEnd: '<|vision_end|>',
  imagePad: '<|image_pad|>',
  timeSeriesPad: '<|time_series_pad|>',
};

/**
 * The prompt is built as text and tokenised, then features are placed by the ids in the manifest: a
 * tokenizer that disagrees would put image features at the wrong positions without any error.
 */
function checkTokenizer(packageDir: string, manifest: ModelManifest, arch: RuntimeArchitecture, tokenizer: TextTokenizer): void {
  for (const [key, text] of Object.entries(SPECIAL_TEXT) as [keyof ModelManifest['specialTokens'], string][]) {
    const id = tokenizer.tokenId(text);
    if (id !== manifest.specialTokens[key]) {
      throw new ModelPackageError(`tokenizer maps ${text} to ${id}, the manifest says ${manifest.specialTokens[key]}`, packageDir);
    }
  }
  if (tokenizer.vocabSize > arch.decoder.vocabSize) {
    throw new ModelPackageError(`tokenizer has ${tokenizer.vocabSize} ids, the decoder embeds only ${arch.decoder.vocabSize}`, packageDir);
  }
}

function checkIo(packageDir: string, file: string, session: ModelSession, io: { inputs: readonly string[]; outputs: readonly string[] }): void {
  const sameInputs = session.inputNames.length === io.inputs.length && io.inputs.every((n) => session.inputNames.includes(n));
  const missingOutputs = io.outputs.filter((n) => !session.outputNames.includes(n));
  if (!sameInputs || missingOutputs.length > 0) {
    throw new ModelPackageError(
      `${file} has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}]; expected inputs [${io.inputs.join(', ')}] and outputs including [${io.outputs.join(', ')}]`,
      packageDir,
    );
  }
}
