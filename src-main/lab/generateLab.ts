/**
 * Generates a phantom lab: for each domain, `counts[domain]` studies written as real files under
 * `outDir/studies/…` (ground-truth masks of DICOM studies under `outDir/masks/…`), and
 * `outDir/lab-manifest.jsonl` with one training record per study. Same seed, split and counts →
 * byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildLabRecord, type LabRecord } from './labRecord';
import { LabRandom } from './LabRandom';
import type { LabDomain, LabSplit, LabStudy } from './labTypes';
import { DEFAULT_TEST_COUNTS, DEFAULT_TRAIN_COUNTS, LAB_DOMAIN_NAMES, LAB_DOMAINS, studyPlan } from './labVocabulary';
import { writeStudyFiles } from './writeStudyFiles';

export interface GenerateLabOptions {
  seed: number;
  outDir: string;
  split: LabSplit;
  /** Studies per domain; domains left out get none. Default: the split's default counts. */
  counts?: Partial<Record<LabDomain, number>>;
}

export interface LabSummary {
  manifestPath: string;
  records: LabRecord[];
  counts: Record<LabDomain, number>;
}

export const LAB_MANIFEST_NAME = 'lab-manifest.jsonl';

/** Stable id of study `index` (0-based) of a domain in a split: `cxr_train_0001`. */
export function labStudyId(domain: LabDomain, split: LabSplit, index: number): string {
  return `${domain}_${split}_${String(index + 1).padStart(4, '0')}`;
}

/**
 * Generates one study in memory. Its random stream depends only on (seed, id), so a study is the same
 * whatever else is generated; `count` (the domain's study count) only spreads the difficulties.
 */
export function synthesiseStudy(seed: number, domain: LabDomain, split: LabSplit, index: number, count: number): LabStudy {
  const id = labStudyId(domain, split, index);
  const rng = LabRandom.forStudy(seed, id);
  const entry = LAB_DOMAINS[domain];
  const { label, difficulty } = studyPlan(entry.labels, index, count, rng.next());
  return entry.generate(rng, label, difficulty);
}

export async function generateLab(options: GenerateLabOptions): Promise<LabSummary> {
  const { seed, outDir, split } = options;
  if (!Number.isInteger(seed)) throw new Error(`generateLab: seed must be an integer, got ${seed}`);
  const defaults = split === 'train' ? DEFAULT_TRAIN_COUNTS : DEFAULT_TEST_COUNTS;
  const counts = Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, options.counts ? (options.counts[d] ?? 0) : defaults[d]])) as Record<LabDomain, number>;
  await mkdir(outDir, { recursive: true });
  const records: LabRecord[] = [];
  let ordinal = 0;
  for (const domain of LAB_DOMAIN_NAMES) {
    const count = counts[domain];
    if (!Number.isInteger(count) || count < 0) throw new Error(`generateLab: count for ${domain} must be a non-negative integer`);
    for (let index = 0; index < count; index++) {
      const id = labStudyId(domain, split, index);
      const study = synthesiseStudy(seed, domain, split, index, count);
      const written = await writeStudyFiles(study, { root: outDir, id, labSeed: seed, ordinal: ordinal++ });
      const entry = LAB_DOMAINS[domain];
      records.push(buildLabRecord({ id, split, study, written, question: entry.question, vocabulary: entry.labels }));
    }
  }
  const manifestPath = path.join(outDir, LAB_MANIFEST_NAME);
  await writeFile(manifestPath, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return { manifestPath, records, counts };
}
