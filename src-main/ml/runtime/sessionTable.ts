import { decoderInputNames, decoderOutputNames, INPUT_IDS, INPUTS_EMBEDS } from '../models/decoder/index.js';
import { ECG_ENCODER_IO } from '../models/ecg/index.js';
import { VISION_ENCODER_IO } from '../models/vision/index.js';
import type { ModelFile } from '../package/modelManifest';
import type { RuntimeArchitecture } from './readArchitecture.js';

/** The sessions a QoQ-Med package opens, by the name the runtime uses for them. */
export type SessionKey = 'vision' | 'ecg' | 'embedTokens' | 'decoder';

export interface SessionSpec {
  /** The manifest file role that holds this graph. */
  readonly role: ModelFile['role'];
  /** Absent from a package that lacks the modality (e.g. an image-only model has no ECG encoder). */
  readonly required: boolean;
  /** I/O names the runtime feeds and reads, checked when the session opens. */
  readonly io: (arch: RuntimeArchitecture) => { inputs: readonly string[]; outputs: readonly string[] };
}

/**
 * The architecture's ONNX graphs as data (transformers.js `MODEL_RUNTIME_CONFIG` style, code-style item
 * 10): adding a graph to the runtime is a row here plus the code that feeds it.
 */
export const QOQ_MED_SESSIONS: Readonly<Record<SessionKey, SessionSpec>> = {
  vision: {
    role: 'vision_encoder',
    required: false,
    io: () => ({ inputs: [VISION_ENCODER_IO.pixelValues, VISION_ENCODER_IO.gridThw], outputs: [VISION_ENCODER_IO.imageFeatures] }),
  },
  ecg: {
    role: 'ecg_encoder',
    required: false,
    io: () => ({ inputs: [ECG_ENCODER_IO.ecg], outputs: [ECG_ENCODER_IO.ecgFeatures] }),
  },
  embedTokens: {
    role: 'embed_tokens',
    required: true,
    io: () => ({ inputs: [INPUT_IDS], outputs: [INPUTS_EMBEDS] }),
  },
  decoder: {
    role: 'decoder',
    required: true,
    io: (arch) => ({ inputs: decoderInputNames(arch.decoder.numLayers), outputs: decoderOutputNames(arch.decoder.numLayers) }),
  },
};
