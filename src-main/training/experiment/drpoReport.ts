/**
 * The DRPO-vs-GRPO report, computed from evaluation records only: per-domain F1 / IoU means ± seed
 * spread, macro averages, relative changes against GRPO, the verdict sentences, and the Markdown page
 * with its tables (docs/experiments/drpo.md). Nothing here is hand-written about the outcome.
 */
import { EXPERIMENT_METHODS, METHOD_LABELS, type EvaluationRecord, type ExperimentMethod, type ReportedMethod } from './drpoExperimentTypes.js';

/** Mean and spread (sample standard deviation, n − 1; 0 for one value) of a metric over seeds. */
export interface SeedStat {
  readonly mean: number;
  readonly spread: number;
  readonly values: readonly number[];
}

export function seedStat(values: readonly number[]): SeedStat {
  if (values.length === 0) throw new Error('seedStat: no values');
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const spread = values.length < 2 ? 0 : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, spread, values };
}

export interface MethodSummary {
  readonly method: ReportedMethod;
  readonly seeds: readonly (number | null)[];
  readonly f1: Readonly<Record<string, SeedStat>>;
  /** null for a domain without ground-truth boxes (ECG). */
  readonly iou: Readonly<Record<string, SeedStat | null>>;
  readonly macroF1: SeedStat;
  readonly macroIou: SeedStat;
  /** Mean F1 over the rare domains, per seed. */
  readonly rareF1: SeedStat;
}

export function summariseMethod(records: readonly EvaluationRecord[], method: ReportedMethod, domains: readonly string[], rare: readonly string[]): MethodSummary {
  const runs = records.filter((r) => r.method === method);
  if (runs.length === 0) throw new Error(`summariseMethod: no records for ${method}`);
  const scores = (domain: string): EvaluationRecord['domains'][string][] =>
    runs.map((r) => {
      const d = r.domains[domain];
      if (d === undefined) throw new Error(`summariseMethod: ${method} seed ${r.seed} has no '${domain}' scores`);
      return d;
    });
  const f1: Record<string, SeedStat> = {};
  const iou: Record<string, SeedStat | null> = {};
  for (const domain of domains) {
    const s = scores(domain);
    f1[domain] = seedStat(s.map((d) => d.f1));
    const ious = s.flatMap((d) => (d.iou === null ? [] : [d.iou]));
    iou[domain] = ious.length === 0 ? null : seedStat(ious);
  }
  const rareF1 = runs.map((r) => rare.reduce((sum, d) => sum + (r.domains[d]?.f1 ?? 0), 0) / rare.length);
  return {
    method,
    seeds: runs.map((r) => r.seed),
    f1,
    iou,
    macroF1: seedStat(runs.map((r) => r.macro.f1)),
    macroIou: seedStat(runs.map((r) => r.macro.iou)),
    rareF1: seedStat(rareF1),
  };
}

/** 100 · (value − base) / base; null when the base is 0. */
export function relativeChange(value: number, base: number): number | null {
  return base === 0 ? null : (100 * (value - base)) / base;
}

/** The `count` domains with the fewest training studies (ties: the order of `domains`). */
export function rareDomains(trainCounts: Readonly<Record<string, number>>, domains: readonly string[], count = 2): string[] {
  return [...domains].sort((a, b) => (trainCounts[a] ?? 0) - (trainCounts[b] ?? 0) || domains.indexOf(a) - domains.indexOf(b)).slice(0, count);
}

const fmt = (v: number): string => v.toFixed(3);
const pm = (s: SeedStat | null): string => (s === null ? '—' : `${fmt(s.mean)} ± ${fmt(s.spread)}`);
const pct = (v: number | null): string => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(1)} %`);
/** "+0.019 (+3.4 %)": the absolute change of the means, and relative to the base (— when it is 0). */
const delta = (value: number, base: number): string => `${value - base >= 0 ? '+' : '−'}${fmt(Math.abs(value - base))} (${pct(relativeChange(value, base))})`;

/**
 * One comparison sentence: "<A> <metric> a ± s vs <B> b ± s: higher by d (r % relative), higher in k of n
 * paired seeds; within / beyond the seed spread". Seeds pair by value (same seed = same data stream).
 */
export function compareSentence(what: string, a: { label: string; stat: SeedStat; seeds: readonly (number | null)[] }, b: { label: string; stat: SeedStat; seeds: readonly (number | null)[] }): string {
  // Judged on the means as printed (3 decimals), so a sentence never says "beat … by 0.000".
  const diff = Math.round((a.stat.mean - b.stat.mean) * 1000) / 1000;
  const wins = a.seeds.filter((seed, i) => {
    const j = b.seeds.indexOf(seed);
    return j >= 0 && (a.stat.values[i] as number) > (b.stat.values[j] as number);
  }).length;
  const paired = a.seeds.filter((seed) => b.seeds.includes(seed)).length;
  const noise = Math.abs(diff) <= Math.max(a.stat.spread, b.stat.spread);
  const direction = diff > 0 ? `**${a.label} beat ${b.label}**` : diff < 0 ? `**${a.label} did not beat ${b.label}**` : `**${a.label} tied ${b.label}**`;
  return (
    `${what}: ${direction} — ${pm(a.stat)} vs ${pm(b.stat)}, ${diff >= 0 ? 'higher' : 'lower'} by ${fmt(Math.abs(diff))} (${pct(relativeChange(a.stat.mean, b.stat.mean))} relative); ` +
    `higher in ${wins} of ${paired} paired seeds; the difference is ${noise ? 'within' : 'larger than'} the seed-to-seed spread.`
  );
}

export interface DrpoReportInput {
  readonly records: readonly EvaluationRecord[];
  readonly domains: readonly string[];
  readonly trainCounts: Readonly<Record<string, number>>;
  readonly testCounts: Readonly<Record<string, number>>;
  readonly command: string;
  /** Setup lines (bullets): start model, settings, machine, timings, parallelism… */
  readonly setup: readonly string[];
  /** Extra notes (bullets) after the tables. */
  readonly notes: readonly string[];
  readonly barsFile: string;
  readonly rewardsFile: string;
}

export function drpoVerdict(summaries: Readonly<Record<ReportedMethod, MethodSummary>>, rare: readonly string[]): string[] {
  const side = (m: ExperimentMethod): { label: string; stat: SeedStat; seeds: readonly (number | null)[] } => ({ label: METHOD_LABELS[m], stat: summaries[m].macroF1, seeds: summaries[m].seeds });
  const rareSide = (m: ExperimentMethod): { label: string; stat: SeedStat; seeds: readonly (number | null)[] } => ({ label: METHOD_LABELS[m], stat: summaries[m].rareF1, seeds: summaries[m].seeds });
  const iouSide = (m: ExperimentMethod): { label: string; stat: SeedStat; seeds: readonly (number | null)[] } => ({ label: METHOD_LABELS[m], stat: summaries[m].macroIou, seeds: summaries[m].seeds });
  const rareList = rare.join(' and ');
  const sft = summaries.sft.macroF1.mean;
  const vsStart = EXPERIMENT_METHODS.map((m) => ({ m, d: Math.round((summaries[m].macroF1.mean - sft) * 1000) / 1000 }));
  const above = vsStart.filter((x) => x.d > 0).map((x) => METHOD_LABELS[x.m]);
  return [
    `Against the SFT start (macro-F1 ${fmt(sft)}): ${vsStart.map((x) => `${METHOD_LABELS[x.m]} ${x.d >= 0 ? '+' : '−'}${fmt(Math.abs(x.d))}`).join(', ')} — ${above.length === 0 ? '**no RL method improved on the starting checkpoint at this budget**' : `improved: ${above.join(', ')}`}.`,
    compareSentence('Average (macro-F1 over all domains)', side('drpo'), side('grpo')),
    compareSentence(`Rare domains (mean F1 of ${rareList})`, rareSide('drpo'), rareSide('grpo')),
    compareSentence('Mean IoU (macro over domains with boxes)', iouSide('drpo'), iouSide('grpo')),
    compareSentence('Inter-domain scaling only, average macro-F1', side('drpo-inter'), side('grpo')),
    compareSentence(`Inter-domain scaling only, rare domains (${rareList})`, rareSide('drpo-inter'), rareSide('grpo')),
  ];
}

export function drpoMarkdown(input: DrpoReportInput): string {
  const { domains, records } = input;
  const rare = rareDomains(input.trainCounts, domains);
  const methods: ReportedMethod[] = ['sft', ...EXPERIMENT_METHODS];
  const summaries = Object.fromEntries(methods.map((m) => [m, summariseMethod(records, m, domains, rare)])) as Record<ReportedMethod, MethodSummary>;
  const grpo = summaries.grpo;
  const trained: ExperimentMethod[] = ['drpo', 'drpo-inter'];
  const seeds = [...new Set(records.flatMap((r) => (r.seed === null ? [] : [r.seed])))];

  const metricTable = (metric: 'f1' | 'iou'): string[] => {
    const head = `| domain | train n | ${methods.map((m) => METHOD_LABELS[m]).join(' | ')} | ${trained.map((m) => `Δ ${METHOD_LABELS[m]} vs GRPO`).join(' | ')} |`;
    const rule = `|${'---|'.repeat(2 + methods.length + trained.length)}`;
    const rows = domains.map((d) => {
      const cell = (m: ReportedMethod): SeedStat | null => (metric === 'f1' ? summaries[m].f1[d] ?? null : summaries[m].iou[d] ?? null);
      const base = cell('grpo');
      const deltas = trained.map((m) => {
        const c = cell(m);
        return c === null || base === null ? '—' : delta(c.mean, base.mean);
      });
      const tag = rare.includes(d) ? ' (rare)' : '';
      return `| ${d}${tag} | ${input.trainCounts[d] ?? 0} | ${methods.map((m) => pm(cell(m))).join(' | ')} | ${deltas.join(' | ')} |`;
    });
    const macro = (m: ReportedMethod): SeedStat => (metric === 'f1' ? summaries[m].macroF1 : summaries[m].macroIou);
    const avg = `| **mean** | | ${methods.map((m) => `**${pm(macro(m))}**`).join(' | ')} | ${trained.map((m) => delta(macro(m).mean, macro('grpo').mean)).join(' | ')} |`;
    const rows2 = metric === 'f1' ? [`| rare (${rare.join(', ')}) | | ${methods.map((m) => pm(summaries[m].rareF1)).join(' | ')} | ${trained.map((m) => delta(summaries[m].rareF1.mean, grpo.rareF1.mean)).join(' | ')} |`] : [];
    return [head, rule, ...rows, avg, ...rows2];
  };

  const perSeed = [
    '| method | seed | domain | F1 | IoU | format |',
    '|---|---|---|---|---|---|',
    ...records.flatMap((r) =>
      domains.map((d) => {
        const s = r.domains[d];
        return `| ${METHOD_LABELS[r.method]} | ${r.seed ?? '—'} | ${d} | ${s ? fmt(s.f1) : '—'} | ${s?.iou === null || s === undefined ? '—' : fmt(s.iou)} | ${s ? fmt(s.format) : '—'} |`;
      }),
    ),
  ];

  return [
    '# DRPO vs GRPO on the phantom lab',
    '',
    `Generated by \`${input.command}\` — every number and sentence below is computed by that command from its own evaluation records (nothing is written by hand).`,
    '',
    '## Verdict',
    '',
    ...drpoVerdict(summaries, rare).map((s) => `- ${s}`),
    '',
    `Δ columns: change of the mean against GRPO, absolute (relative). Means ± sample standard deviation over ${seeds.length} seeds (${seeds.join(', ')}). "Rare" = the ${rare.length} domains with the fewest training studies (${rare.map((d) => `${d} ${input.trainCounts[d] ?? 0}`).join(', ')}).`,
    '',
    '## Setup',
    '',
    `- Training mix (imbalanced): ${domains.map((d) => `${d} ${input.trainCounts[d] ?? 0}`).join(', ')}.`,
    `- Held-out split (balanced, another lab seed): ${domains.map((d) => `${d} ${input.testCounts[d] ?? 0}`).join(', ')}.`,
    ...input.setup.map((s) => `- ${s}`),
    '',
    '## Held-out label-set F1 per domain',
    '',
    'F1 = label-set F1 of the `\\boxed{}` answer against the ground-truth labels, averaged over the domain\'s held-out studies (greedy decoding, as `qoq analyze`); "mean" = macro average over domains.',
    '',
    ...metricTable('f1'),
    '',
    '## Held-out mean IoU per domain',
    '',
    'IoU = mean IoU of the predicted boxes with the ground-truth lesion box, over the studies that have one (ECG has none).',
    '',
    ...metricTable('iou'),
    '',
    '## Charts',
    '',
    `![Per-domain held-out F1 and IoU](${input.barsFile})`,
    '',
    `![Training reward per domain](${input.rewardsFile})`,
    '',
    ...(input.notes.length > 0 ? ['## Notes', '', ...input.notes.map((n) => `- ${n}`), ''] : []),
    '## Every run',
    '',
    ...perSeed,
    '',
  ].join('\n');
}
