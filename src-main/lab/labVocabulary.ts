/**
 * The lab's domains, their label vocabularies, generators and default study counts.
 * Train counts are deliberately imbalanced like the paper's data (chest X-ray ~40 %, ECG and mammography
 * ~4–5 %), so domain-aware advantages (DRPO) have rare domains to help; the test split is balanced.
 */
import type { LabRandom } from './LabRandom';
import type { LabDomain, LabStudy } from './labTypes';
import { CT_LABELS, generateCt } from './generators/ct';
import { CXR_LABELS, generateCxr } from './generators/cxr';
import { ECG_LABELS, generateEcg } from './generators/ecg';
import { FUNDUS_LABELS, generateFundus } from './generators/fundus';
import { generateMammography, MAMMOGRAPHY_LABELS } from './generators/mammography';
import { generateMri, MRI_LABELS } from './generators/mri';
import { generatePathology, PATHOLOGY_LABELS } from './generators/pathology';
import { generateSkin, SKIN_LABELS } from './generators/skin';
import { generateUltrasound, ULTRASOUND_LABELS } from './generators/ultrasound';

export type StudyGenerator = (rng: LabRandom, label: string, difficulty: number) => LabStudy;

export interface DomainEntry {
  labels: readonly string[];
  generate: StudyGenerator;
  /** The question asked of every study of the domain (the candidate labels are appended). */
  question: string;
}

export const LAB_DOMAINS: Record<LabDomain, DomainEntry> = {
  cxr: { labels: CXR_LABELS, generate: generateCxr, question: 'This is a frontal chest radiograph. What is the finding?' },
  mammography: { labels: MAMMOGRAPHY_LABELS, generate: generateMammography, question: 'This is a mammogram. What is the finding?' },
  skin: { labels: SKIN_LABELS, generate: generateSkin, question: 'This is a dermoscopy image of a pigmented skin lesion. What is the diagnosis?' },
  fundus: { labels: FUNDUS_LABELS, generate: generateFundus, question: 'This is a colour fundus photograph. What is the finding?' },
  ultrasound: { labels: ULTRASOUND_LABELS, generate: generateUltrasound, question: 'This is a breast ultrasound image. What is the lesion?' },
  pathology: { labels: PATHOLOGY_LABELS, generate: generatePathology, question: 'This is an H&E-stained pathology tile. Is tumour present?' },
  ct: { labels: CT_LABELS, generate: generateCt, question: 'This is an axial CT slice from a chest/abdomen study. What is the finding?' },
  mri: { labels: MRI_LABELS, generate: generateMri, question: 'This is an axial T2-weighted brain MRI slice. What is the finding?' },
  ecg: { labels: ECG_LABELS, generate: generateEcg, question: 'This is a 12-lead ECG (10 s, 500 Hz). What is the diagnosis?' },
};

export const LAB_DOMAIN_NAMES = Object.keys(LAB_DOMAINS) as LabDomain[];

/** 400 training studies: cxr 40 %, ECG 5 %, mammography 4 %. */
export const DEFAULT_TRAIN_COUNTS: Record<LabDomain, number> = {
  cxr: 160,
  ct: 40,
  mri: 36,
  skin: 36,
  fundus: 32,
  pathology: 32,
  ultrasound: 28,
  ecg: 20,
  mammography: 16,
};

/** 180 test studies, 20 per domain. */
export const DEFAULT_TEST_COUNTS: Record<LabDomain, number> = Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, 20])) as Record<LabDomain, number>;

/**
 * Label and difficulty of study `index` of `count` in a domain: labels cycle so each gets an equal share,
 * and within each label the difficulties are stratified over [0, 1] (one per stratum, jittered), so every
 * label spans easy to hard cases.
 */
export function studyPlan(labels: readonly string[], index: number, count: number, jitter: number): { label: string; difficulty: number } {
  const k = index % labels.length;
  const label = labels[k]!;
  // Studies this label gets (the first count % labels.length labels get one more).
  const perLabel = Math.floor((count - 1 - k) / labels.length) + 1;
  const stratum = Math.floor(index / labels.length);
  return { label, difficulty: Math.min(1, (stratum + jitter) / perLabel) };
}
