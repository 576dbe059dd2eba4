/** The report's two figures, from the same records and metrics the tables use. */
import { EXPERIMENT_METHODS, METHOD_LABELS, type EvaluationRecord, type ReportedMethod, type RewardPoint } from './drpoExperimentTypes.js';
import { seedStat } from './drpoReport.js';
import { barChartSvg, linePanelsSvg, type Series } from './svgCharts.js';

const COLORS: Readonly<Record<ReportedMethod, string>> = { sft: '#9e9e9e', grpo: '#1f77b4', drpo: '#d62728', 'drpo-inter': '#ff7f0e' };
const series = (methods: readonly ReportedMethod[]): Series[] => methods.map((m) => ({ name: METHOD_LABELS[m], color: COLORS[m] }));

/** Grouped bars per domain (and the macro mean): F1 and IoU, mean over seeds with ± spread whiskers. */
export function drpoBarsSvg(records: readonly EvaluationRecord[], domains: readonly string[]): string {
  const methods: ReportedMethod[] = ['sft', ...EXPERIMENT_METHODS];
  const stat = (m: ReportedMethod, pick: (r: EvaluationRecord) => number | null): { v: number | null; e: number | null } => {
    const values = records.filter((r) => r.method === m).flatMap((r) => {
      const v = pick(r);
      return v === null ? [] : [v];
    });
    if (values.length === 0) return { v: null, e: null };
    const s = seedStat(values);
    return { v: s.mean, e: s.spread };
  };
  const panel = (title: string, pick: (d: string) => (r: EvaluationRecord) => number | null, macro: (r: EvaluationRecord) => number): { title: string; groups: { label: string; values: (number | null)[]; errors: (number | null)[] }[] } => ({
    title,
    groups: [...domains.map((d) => ({ label: d, pick: pick(d) })), { label: 'mean', pick: macro }].map(({ label, pick: p }) => {
      const stats = methods.map((m) => stat(m, p));
      return { label, values: stats.map((s) => s.v), errors: stats.map((s) => s.e) };
    }),
  });
  return barChartSvg({
    title: 'Held-out F1 and IoU per domain (mean ± seed spread)',
    series: series(methods),
    panels: [
      panel('label-set F1', (d) => (r) => r.domains[d]?.f1 ?? null, (r) => r.macro.f1),
      panel('mean IoU (domains with boxes)', (d) => (r) => r.domains[d]?.iou ?? null, (r) => r.macro.iou),
    ],
  });
}

/**
 * Training reward per domain: for each method, the mean over seeds of the domain's rollout reward at each
 * step where the domain was drawn, smoothed by a trailing mean over `window` such points.
 */
export function drpoRewardsSvg(points: readonly RewardPoint[], domains: readonly string[], window = 5): string {
  const panels = domains.map((domain) => ({
    title: domain,
    lines: EXPERIMENT_METHODS.map((method) => {
      const byStep = new Map<number, number[]>();
      for (const p of points) if (p.method === method && p.domain === domain) byStep.set(p.step, [...(byStep.get(p.step) ?? []), p.reward]);
      const steps = [...byStep.keys()].sort((a, b) => a - b);
      const means = steps.map((s) => seedStat(byStep.get(s) as number[]).mean);
      return steps.map((s, i) => {
        const recent = means.slice(Math.max(0, i - window + 1), i + 1);
        return [s, recent.reduce((a, b) => a + b, 0) / recent.length] as const;
      });
    }),
  }));
  return linePanelsSvg({ title: `Rollout reward per domain during training (mean over seeds, trailing mean of ${window} points)`, series: series(EXPERIMENT_METHODS), panels, xLabel: 'step' });
}
