import type { RewardGroundTruth } from '../../src-main/ml/rewards/index.js';
import { Mulberry32 } from '../../src-main/ml/random/Mulberry32.js';

/**
 * Synthetic but protocol-faithful GRPO batches (notes §2–§4): questions over the nine domains with their
 * ground truth, and G sampled responses per question in the QoQ-Med output format (~600 characters:
 * think block, fenced objects-of-interest JSON, \boxed{} answer), with the defects sampled models show
 * (lenient JSON, missing fence or answer, extra or wrong boxes, several labels).
 */

/** The nine domains (notes §1) with a skewed share of the questions, so some domains are rare. */
export const DOMAINS = [
  { name: 'cxr', share: 0.24, labels: ['pleural effusion', 'pneumothorax', 'cardiomegaly', 'consolidation', 'no finding'], region: 'box' },
  { name: 'ct', share: 0.15, labels: ['hemorrhage', 'infarct', 'mass', 'normal'], region: 'box' },
  { name: 'mri', share: 0.12, labels: ['glioma', 'meningioma', 'pituitary tumor', 'no tumor'], region: 'mask' },
  { name: 'skin', share: 0.1, labels: ['melanoma', 'nevus', 'basal cell carcinoma', 'keratosis'], region: 'mask' },
  { name: 'fundus', share: 0.1, labels: ['diabetic retinopathy', 'glaucoma', 'cataract', 'normal'], region: 'box' },
  { name: 'pathology', share: 0.08, labels: ['adenocarcinoma', 'benign tissue', 'lymphocytes', 'stroma'], region: 'box' },
  { name: 'ultrasound', share: 0.08, labels: ['benign', 'malignant', 'normal'], region: 'mask' },
  { name: 'mammography', share: 0.08, labels: ['mass', 'calcification', 'benign', 'malignant'], region: 'box' },
  { name: 'ecg', share: 0.05, labels: ['atrial fibrillation', 'sinus rhythm', 'left bundle branch block', 'myocardial infarction'], region: 'none' },
] as const;

export type DomainName = (typeof DOMAINS)[number]['name'];

export interface BenchQuestion {
  readonly id: string;
  readonly domain: DomainName;
  readonly gt: RewardGroundTruth;
}

export interface BenchBatch {
  readonly questions: readonly BenchQuestion[];
  /** One entry per response, question-major: responses of question q are [q·G, (q + 1)·G). */
  readonly texts: readonly string[];
  readonly questionIds: readonly string[];
  readonly domains: readonly string[];
}

/** Model pixel grid of a resized image (sides multiples of 28, ≤ 524,288 pixels as in training). */
const IMAGE = { width: 644, height: 812 } as const;

export function pickDomain(rng: Mulberry32): (typeof DOMAINS)[number] {
  let u = rng.next();
  for (const d of DOMAINS) if ((u -= d.share) < 0) return d;
  return DOMAINS[DOMAINS.length - 1]!;
}

const pick = <T>(rng: Mulberry32, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
const int = (rng: Mulberry32, lo: number, hi: number): number => lo + Math.floor(rng.next() * (hi - lo + 1));

function randomBox(rng: Mulberry32): [number, number, number, number] {
  const w = int(rng, 40, 260);
  const h = int(rng, 40, 260);
  const x = int(rng, 0, IMAGE.width - w - 1);
  const y = int(rng, 0, IMAGE.height - h - 1);
  return [x, y, x + w, y + h];
}

/** An elliptical lesion mask inside `box`, full image size (what a segmentation data set provides). */
function ellipseMask(box: readonly [number, number, number, number]): RewardGroundTruth['mask'] {
  const data = new Uint8Array(IMAGE.width * IMAGE.height);
  const [x1, y1, x2, y2] = box;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  const rx = (x2 - x1) / 2;
  const ry = (y2 - y1) / 2;
  for (let y = y1; y <= y2; y++) for (let x = x1; x <= x2; x++) if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) data[y * IMAGE.width + x] = 1;
  return { width: IMAGE.width, height: IMAGE.height, data };
}

const FINDINGS = [
  'The image quality is adequate for interpretation and the field of view covers the region of interest.',
  'There is a focal abnormality with ill-defined margins and heterogeneous internal signal.',
  'Comparison with the contralateral side shows asymmetry that is more than expected from positioning.',
  'No other acute abnormality is identified; the surrounding structures appear preserved.',
  'The distribution and morphology favour an active process rather than a chronic, stable finding.',
  'Differential considerations were weighed against the clinical context given in the question.',
  'Borders are irregular in part, with a small satellite component adjacent to the main finding.',
];

/** One sampled response (~600 characters; a few are deliberately short, malformed or without an answer). */
function responseText(rng: Mulberry32, q: BenchQuestion, labels: readonly string[]): string {
  const truth = typeof q.gt.answer === 'string' ? q.gt.answer : q.gt.answer.join(', ');
  const sentences = Array.from({ length: int(rng, 3, 4) }, () => pick(rng, FINDINGS)).join(' ');
  const think = `<think>Let me look at the ${q.domain} study systematically. ${sentences}</think>\n`;
  const nBoxes = q.gt.box ? int(rng, 1, 3) : 0;
  const items = Array.from({ length: nBoxes }, (_, i) => {
    const box = i === 0 && q.gt.box && rng.next() < 0.6 ? jitter(rng, q.gt.box) : randomBox(rng);
    return { bbox_2d: box, label: pick(rng, labels) };
  });
  const style = rng.next();
  let json: string;
  if (style < 0.7) json = `\`\`\`json\n${JSON.stringify(items, null, 1)}\n\`\`\`\n`;
  else if (style < 0.85) json = `\`\`\`json\n${JSON.stringify(items).replace(/"/g, "'")}\n\`\`\`\n`; // lenient
  else if (style < 0.93) json = `Objects of interest: ${JSON.stringify(items)}\n`; // unfenced
  else json = '```json\n[{"bbox_2d": [12, 40, 3\n```\n'; // truncated
  const answer = rng.next() < 0.55 ? truth : pick(rng, labels) + (rng.next() < 0.2 ? `, ${pick(rng, labels)}` : '');
  const tail = rng.next() < 0.9 ? `Based on the findings above, the most likely diagnosis is \\boxed{${answer}}.` : 'The findings are inconclusive.';
  return think + json + tail;
}

function jitter(rng: Mulberry32, box: readonly [number, number, number, number]): [number, number, number, number] {
  const j = (): number => int(rng, -25, 25);
  return [Math.max(0, box[0] + j()), Math.max(0, box[1] + j()), box[2] + j(), box[3] + j()];
}

/** `questions` questions × G responses, domains drawn by share (each of the nine at least once). */
export function rewardBatch(questions: number, G: number, seed: number): BenchBatch {
  const rng = new Mulberry32(seed);
  const qs: BenchQuestion[] = [];
  const texts: string[] = [];
  for (let q = 0; q < questions; q++) {
    const domain = q < DOMAINS.length ? DOMAINS[q]! : pickDomain(rng);
    const box = domain.region === 'none' ? undefined : randomBox(rng);
    const region = box === undefined ? {} : domain.region === 'mask' ? { box, mask: ellipseMask(box) } : { box };
    const question: BenchQuestion = { id: `q${seed}-${q}`, domain: domain.name, gt: { answer: pick(rng, domain.labels), ...region } };
    qs.push(question);
    for (let g = 0; g < G; g++) texts.push(responseText(rng, question, domain.labels));
  }
  return {
    questions: qs,
    texts,
    questionIds: qs.flatMap((q) => Array<string>(G).fill(q.id)),
    domains: qs.flatMap((q) => Array<string>(G).fill(q.domain)),
  };
}

/**
 * Reward vectors for pre-filling a DRPO history: per question a latent success rate from its domain's
 * difficulty, then per response 0.5·hit + 0.3·IoU + 0.1·format + 0.1·length (the code's weights), so the
 * vectors have the mixture-of-levels structure real rewards have, not uniform noise.
 */
export function syntheticStep(rng: Mulberry32, questions: number, G: number, step: number): { questionIds: string[]; domains: string[]; rewards: number[] } {
  const questionIds: string[] = [];
  const domains: string[] = [];
  const rewards: number[] = [];
  for (let q = 0; q < questions; q++) {
    const d = pickDomain(rng);
    const difficulty = DOMAINS.indexOf(d) / DOMAINS.length;
    const p = Math.min(0.95, Math.max(0.02, pick(rng, [0.05, 0.3, 0.6, 0.9]) * (1 - 0.5 * difficulty) + 0.1 * (rng.next() - 0.5)));
    for (let g = 0; g < G; g++) {
      const hit = rng.next() < p ? 1 : 0;
      const iou = d.region === 'none' ? 0 : hit * 0.8 * rng.next();
      const format = pick(rng, [0.5, 0.8, 1, 1]);
      const length = Math.min(1, 0.6 + 0.5 * rng.next());
      questionIds.push(`s${step}-${q}`);
      domains.push(d.name);
      rewards.push(0.5 * hit + 0.3 * iou + 0.1 * format + 0.1 * length);
    }
  }
  return { questionIds, domains, rewards };
}
