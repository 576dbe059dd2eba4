import { evaluateModel, type EvalReport, type EvalScores } from '../../training/evaluateModel';
import { TrainingDataError } from '../../training/trainingData';
import { UsageError } from '../usage';

/**
 * `qoq eval --model DIR --data FILE [--max-tokens N] [--json]`: greedy responses of a trained checkpoint
 * (a `qoq train` output folder or a checkpoint folder) on JSON-lines records, scored with the QoQ-Med
 * reward; prints per-domain and overall F1, IoU, format, length and mean reward (`--json`: one object,
 * with every record's response and scores).
 */
export async function evalCommand(args: { model?: string; data?: string; maxNewTokens?: number; json: boolean }): Promise<number> {
  if (!args.model || !args.data) throw new UsageError('eval needs --model DIR and --data FILE.jsonl');
  let report: EvalReport;
  try {
    report = await evaluateModel({
      modelDir: args.model,
      dataFile: args.data,
      ...(args.maxNewTokens !== undefined ? { maxNewTokens: args.maxNewTokens } : {}),
      ...(args.json || !process.stderr.isTTY ? {} : { onRecord: (_row, i, n) => process.stderr.write(`\r${i + 1}/${n}`) }),
    });
  } catch (err) {
    const message = err instanceof TrainingDataError ? err.message : `cannot evaluate: ${(err as Error).message}`;
    process.stderr.write(`qoq: ${message}\n`);
    return 1;
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  }
  if (!args.json && process.stderr.isTTY) process.stderr.write('\r');
  const header = `${'domain'.padEnd(14)}${'n'.padStart(5)}${['F1', 'IoU', 'format', 'length', 'reward'].map((h) => h.padStart(9)).join('')}`;
  const row = (name: string, s: EvalScores): string =>
    `${name.padEnd(14)}${String(s.n).padStart(5)}${[s.f1, s.iou, s.format, s.length, s.reward].map((x) => x.toFixed(3).padStart(9)).join('')}`;
  const lines = [
    `Model ${report.model} (step ${report.step}), data ${report.data}: greedy, up to ${report.maxNewTokens} new tokens`,
    header,
    ...Object.entries(report.domains).map(([d, s]) => row(d, s)),
    row('overall', report.overall),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
