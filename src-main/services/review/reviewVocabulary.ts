/**
 * The labels a reader may choose from, per domain: the active model's own vocabulary when its manifest
 * declares one (a model fine-tuned on site data speaks the site's labels), else the phantom lab's, which is
 * what the demonstration model was trained on. 'other' (studies of no known domain) offers every label.
 */
import { z } from 'zod';
import { DomainSchema, type StudyDetail } from '../../contract/schemas';
import type { StudyReview } from '../../contract/reviewSchemas';
import { LAB_DOMAINS, LAB_DOMAIN_NAMES } from '../../lab/labVocabulary';
import { normaliseLabel } from '../../../src-shared/rewards/normaliseLabel';

export type Vocabulary = StudyReview['vocabulary'];

/** An optional manifest field `vocabulary: {domain: labels[]}`; anything else in the manifest is ignored. */
const ManifestVocabularySchema = z.object({
  vocabulary: z.partialRecord(DomainSchema, z.array(z.string().min(1).max(256)).max(1000)),
});

export function labVocabulary(): Vocabulary {
  const perDomain = Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, [...LAB_DOMAINS[d].labels]]));
  return withOther(perDomain);
}

/** The manifest's vocabulary filled up with the lab's for domains it does not name; null without one. */
export function vocabularyFromManifest(manifest: unknown): Vocabulary | null {
  const parsed = ManifestVocabularySchema.safeParse(manifest);
  if (!parsed.success) return null;
  const lab = labVocabulary();
  const perDomain = Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, parsed.data.vocabulary[d] ?? lab[d]]));
  return withOther(perDomain);
}

function withOther(perDomain: Record<string, string[]>): Vocabulary {
  const all = [...new Set(Object.values(perDomain).flat())].sort();
  return { ...(perDomain as Omit<Vocabulary, 'other'>), other: all } as Vocabulary;
}

/** The labels allowed on a study: the union over its domains (a study may hold CT and an ECG). */
export function labelsForStudy(vocabulary: Vocabulary, detail: StudyDetail): string[] {
  const domains = detail.study.domains.length > 0 ? detail.study.domains : (['other'] as const);
  return [...new Set(domains.flatMap((d) => vocabulary[d]))];
}

/** The vocabulary's own spelling of `label`, or null when it is not in it (compared as the F1 reward does). */
export function vocabularyLabel(allowed: readonly string[], label: string): string | null {
  const key = normaliseLabel(label);
  return allowed.find((l) => normaliseLabel(l) === key) ?? null;
}
