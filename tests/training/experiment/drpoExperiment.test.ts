/**
 * The experiment's core end to end in tiny settings (a toy decoder, synthetic prompts with media rows,
 * one step per run): every method × seed is trained and evaluated, and the generated report has a row
 * for every domain / method / seed whose numbers are those of the evaluation records — re-derived here
 * with our own mean and sample standard deviation, not read back from the report code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabRecord } from '../../../src-main/lab/index';
import { qoqMedRewardFn } from '../../../src-main/ml/train/index.js';
import { drpoBarsSvg, drpoRewardsSvg } from '../../../src-main/training/experiment/drpoCharts.js';
import { METHOD_LABELS, type EvaluationRecord } from '../../../src-main/training/experiment/drpoExperimentTypes.js';
import { drpoMarkdown } from '../../../src-main/training/experiment/drpoReport.js';
import { labQuestion, type CachedLabPrompt } from '../../../src-main/training/experiment/labPrompts.js';
import { runDrpoExperiment } from '../../../src-main/training/experiment/runDrpoExperiment.js';
import { BOS, EOS, PAD, toyState } from '../../ml/train/harness/toyTasks.js';

const DOMAINS = ['cxr', 'ecg', 'mammography'] as const;
const LABELS: Record<(typeof DOMAINS)[number], string[]> = { cxr: ['nodule', 'normal'], ecg: ['atrial fibrillation', 'normal sinus rhythm'], mammography: ['mass', 'normal'] };
const ALL_LABELS = Object.values(LABELS).flat();

function prompt(domain: (typeof DOMAINS)[number], i: number, hidden: number): CachedLabPrompt {
  const labels = [LABELS[domain][i % 2] as string];
  const record: LabRecord = {
    id: `${domain}_x_${i}`, split: 'test', dataset: domain, problem: '', answer: labels.join(', '), labels, images: [], 'time-series': [], objects: [],
    reasoning: '', response: '', difficulty: 0.5, measurements: {}, files: [],
    ...(domain === 'ecg' ? {} : { bbox: [2, 2, 9 + i, 12] as [number, number, number, number] }),
  };
  const row = Float32Array.from({ length: hidden }, (_, d) => Math.sin(d * (i + 1) + DOMAINS.indexOf(domain)));
  const positions = [0, 1, 2, 3];
  return {
    record,
    promptIds: [BOS, 5, 6 + DOMAINS.indexOf(domain), 9],
    media: { promptPositions: [positions, positions, positions], ropeDelta: 0, mediaPositions: [1], mediaRows: row },
    images: domain === 'ecg' ? [] : [{ resize: { originalWidth: 32, originalHeight: 32, resizedWidth: 32, resizedHeight: 32, ref: 'k' } }],
  };
}

/** Text from token ids that names a label and a box, so F1 and IoU vary with the policy. */
const decode = (ids: readonly number[]): string =>
  `\`\`\`json\n[{"label":"x","bbox_2d":[0,0,${8 + ((ids[1] ?? 0) % 16)},${8 + ((ids[2] ?? 0) % 16)}]}]\n\`\`\`\n\\boxed{${ALL_LABELS[(ids[0] ?? 0) % ALL_LABELS.length]}}`;

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleStd = (xs: readonly number[]): number => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

/** The rows of the Markdown table that follows `heading`, as arrays of trimmed cells (header and rule dropped). */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) {
      inTable = true;
      rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
    } else if (inTable) break;
  }
  return rows.slice(2);
}

const plusMinus = (cell: string): [number, number] => {
  const m = /^\**([\d.]+) ± ([\d.]+)\**$/.exec(cell);
  if (m === null) throw new Error(`not a 'mean ± spread' cell: ${cell}`);
  return [Number(m[1]), Number(m[2])];
};

describe('runDrpoExperiment + drpoMarkdown (tiny settings)', () => {
  it('trains and evaluates every method × seed, and the report tables are the evaluation records', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'qoq-drpo-exp-'));
    try {
      const state = toyState({ initSeed: 9 });
      const hidden = state.config.hiddenSize;
      const train = [...DOMAINS.flatMap((d) => [0, 1, 2].map((i) => prompt(d, i, hidden))), prompt('cxr', 3, hidden)];
      const test = DOMAINS.flatMap((d) => [4, 5].map((i) => prompt(d, i, hidden)));
      const seeds = [1, 2, 3];
      const result = await runDrpoExperiment(
        {
          config: state.config, start: state.weights, train: train.map(labQuestion), test, rewardFn: qoqMedRewardFn(decode), decode,
          evalGeneration: { maxNewTokens: 3, eosTokenIds: [EOS], padTokenId: PAD }, eosTokenIds: [EOS], padTokenId: PAD, metricsDir: path.join(work, 'metrics'),
        },
        { seeds, steps: 2, questionsPerStep: 3, G: 2, lr: 5e-2, maxNewTokens: 3, klCoef: 1e-4, seqBucket: 8 },
      );
      const { records } = result;
      expect(records.map((r) => `${r.method}:${r.seed}`)).toEqual(['sft:null', ...seeds.flatMap((s) => ['grpo', 'drpo', 'drpo-inter'].map((m) => `${m}:${s}`))]);
      expect(result.rewards.length).toBeGreaterThan(0);
      expect(new Set(result.rewards.map((p) => `${p.method}:${p.seed}`)).size).toBe(9);

      const trainCounts = { cxr: 4, ecg: 3, mammography: 3 };
      const markdown = drpoMarkdown({ records, domains: DOMAINS, trainCounts, testCounts: { cxr: 2, ecg: 2, mammography: 2 }, command: 'test', setup: [], notes: [], barsFile: 'b.svg', rewardsFile: 'r.svg' });

      // Every run: one row per method / seed / domain with that record's own numbers.
      const perRun = tableAfter(markdown, '## Every run');
      expect(perRun).toHaveLength(records.length * DOMAINS.length);
      for (const r of records) {
        for (const d of DOMAINS) {
          const row = perRun.find((c) => c[0] === METHOD_LABELS[r.method] && c[1] === String(r.seed ?? '—') && c[2] === d);
          expect(row, `${r.method} ${r.seed} ${d}`).toBeDefined();
          const s = r.domains[d]!;
          expect(Number(row![3])).toBeCloseTo(s.f1, 3);
          if (s.iou === null) expect(row![4]).toBe('—');
          else expect(Number(row![4])).toBeCloseTo(s.iou, 3);
        }
      }

      // Per-domain F1 and IoU tables: mean ± sample std over the method's records, then the macro row.
      const methods: EvaluationRecord['method'][] = ['sft', 'grpo', 'drpo', 'drpo-inter'];
      for (const [heading, pick, macro] of [
        ['## Held-out label-set F1 per domain', (r: EvaluationRecord, d: string) => r.domains[d]!.f1, (r: EvaluationRecord) => r.macro.f1],
        ['## Held-out mean IoU per domain', (r: EvaluationRecord, d: string) => r.domains[d]!.iou, (r: EvaluationRecord) => r.macro.iou],
      ] as const) {
        const rows = tableAfter(markdown, heading);
        for (const d of DOMAINS) {
          const row = rows.find((c) => c[0]?.split(' ')[0] === d);
          expect(row, `${heading} ${d}`).toBeDefined();
          expect(Number(row![1])).toBe(trainCounts[d]);
          methods.forEach((m, k) => {
            const values = records.filter((r) => r.method === m).map((r) => pick(r, d));
            if (values.every((v) => v === null)) return expect(row![2 + k]).toBe('—');
            const [mu, sd] = plusMinus(row![2 + k] as string);
            expect(mu).toBeCloseTo(mean(values as number[]), 3);
            expect(sd).toBeCloseTo(sampleStd(values as number[]), 3);
          });
        }
        const macroRow = rows.find((c) => c[0] === '**mean**')!;
        methods.forEach((m, k) => {
          const values = records.filter((r) => r.method === m).map(macro);
          const [mu, sd] = plusMinus(macroRow[2 + k] as string);
          expect(mu).toBeCloseTo(mean(values), 3);
          expect(sd).toBeCloseTo(sampleStd(values), 3);
        });
      }

      // The verdict names the right winner on average, from the records' macro F1.
      const drpo = mean(records.filter((r) => r.method === 'drpo').map((r) => r.macro.f1));
      const grpo = mean(records.filter((r) => r.method === 'grpo').map((r) => r.macro.f1));
      const verdict = markdown.split('\n').find((l) => l.startsWith('- Average'))!;
      const shown = Math.round((drpo - grpo) * 1000); // the report judges the means as printed, to 3 decimals
      expect(verdict).toContain(shown > 0 ? '**DRPO beat GRPO**' : shown < 0 ? '**DRPO did not beat GRPO**' : '**DRPO tied GRPO**');
      expect(verdict).toContain(`${drpo.toFixed(3)} ± `);
      // Rare = the two domains with the fewest training studies.
      expect(markdown).toContain('rare (ecg, mammography)');

      const bars = drpoBarsSvg(records, DOMAINS);
      const curves = drpoRewardsSvg(result.rewards, DOMAINS);
      for (const svg of [bars, curves]) {
        expect(svg.startsWith('<svg')).toBe(true);
        for (const d of DOMAINS) expect(svg).toContain(`>${d}<`);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
