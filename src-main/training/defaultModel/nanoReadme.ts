import { LAB_DOMAIN_NAMES } from '../../lab/index';
import type { LabEvaluation } from './evaluateOnLab.js';
import { NANO_INTENDED_USE, NANO_NAME } from './nanoManifest.js';

export interface NanoReadmeInfo {
  readonly version: string;
  readonly parameters: { readonly decoder: number; readonly vision: number; readonly ecg: number };
  readonly trainingData: string;
  readonly recipe: string;
  readonly seed: number;
  readonly trainMinutes: number;
  readonly buildMinutes: number;
  readonly machine: string;
  /** The pre-trained encoders came from the --work folder's cache (pretrainedEncoderCache.ts), so buildMinutes leaves their pre-training out. */
  readonly pretrainReused?: boolean;
}

const pct = (v: number): string => v.toFixed(2);

/** The package's README.md: what it is, how it was made, and its held-out metrics table. */
export function nanoReadme(evaluation: LabEvaluation, info: NanoReadmeInfo): string {
  const rows = LAB_DOMAIN_NAMES.filter((d) => evaluation.domains[d]).map((d) => {
    const s = evaluation.domains[d]!;
    const [low, high] = s.f1Interval;
    const verdict = low > s.chanceF1 ? 'above' : high < s.chanceF1 ? 'below' : 'not distinguishable';
    return `| ${d} | ${s.n} | ${pct(s.format)} | ${pct(s.f1)} | ${pct(low)}–${pct(high)} | ${pct(s.chanceF1)} | ${verdict} | ${s.iou === null ? '—' : `${pct(s.iou)} (${s.withBox})`} |`;
  });
  const m = evaluation.macro;
  return `# ${NANO_NAME} ${info.version}

**${NANO_INTENDED_USE}.** A few-million-parameter QoQ-Med (Qwen2-VL-layout decoder, Qwen2.5-VL-style
vision encoder, ECG-JEPA-style ECG encoder) trained only on the synthetic phantom lab of this project.
Nothing it says may be used for patient care.

- Parameters: decoder ${info.parameters.decoder.toLocaleString('en')}, vision encoder ${info.parameters.vision.toLocaleString('en')}, ECG encoder ${info.parameters.ecg.toLocaleString('en')} (float32).
- Training data: ${info.trainingData}
- Recipe: ${info.recipe}
- Seed ${info.seed}; built by \`npm run model:build\` (${info.buildMinutes.toFixed(1)} min in all, of which ${info.trainMinutes.toFixed(1)} min training, on ${info.machine}${info.pretrainReused ? '; the pre-trained encoders were reused from an earlier build with the same settings, in the same --work folder: a build from scratch adds their pre-training' : ', from scratch'}).

## Held-out metrics

Balanced held-out phantom split (a different lab seed), run through the same path as \`qoq analyze\`
(import → input selection → preprocessing → encoders → greedy decoding) with the default question.
Format = the reference format score (0–1); F1 = label-set F1 of the \`\\boxed{}\` answer; chance = expected F1
of naming one label of the domain's vocabulary at random; 95 % interval = Wilson score interval of the F1
over the domain's n studies (how much a split of this size can say); "vs chance" = whether that interval
lies above chance, below it, or includes it; IoU = mean IoU of the predicted boxes with the ground-truth
lesion box, over the studies that have one (their count in brackets).

| domain | n | format | F1 | 95 % interval | chance F1 | vs chance | IoU |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
| **mean** | | **${pct(m.format)}** | **${pct(m.f1)}** | | ${pct(m.chanceF1)} | | ${pct(m.iou)} |

## Limits

The encoders were pre-trained on a pre-training split of the lab — the vision encoder on its ground-truth
lesion masks (each image token taught which lesion its area shows), the ECG encoder on its labels; both
encoders' final linear layers were then fitted once on the training split, in closed form: rescaled to standardised features, and their
last outputs (one per label of each domain) replaced by ridge-regression linear-probe scores of the labels.
The decoder was trained by gradient descent on frozen encoders, so what the encoders cannot tell apart the
model cannot either; \`npm run experiment:probes\` measures what they carry. The
lab's findings are simple, high-contrast phantoms: these numbers say nothing about real images.
`;
}
