import { exportJob, ExportJobError } from '../../training/exportJob';
import { UsageError } from '../usage';

/**
 * `qoq export-job (--lab DIR | --data FILE) --out DIR [--model PATH]`: the dataset in the reference
 * trainer's record format, its image / time-series / mask files, and a DRPO job config (job.yaml) for
 * fine-tuning a 7B model with the reference (verl-based) trainer on a GPU cluster.
 */
export function exportJobCommand(args: { lab?: string; data?: string; out?: string; model?: string }): number {
  if (!args.out) throw new UsageError('export-job needs --out DIR');
  if ((args.lab === undefined) === (args.data === undefined)) throw new UsageError('export-job needs exactly one of --lab DIR or --data FILE');
  try {
    const s = exportJob({ out: args.out, ...(args.lab ? { lab: args.lab } : {}), ...(args.data ? { data: args.data } : {}), ...(args.model ? { modelPath: args.model } : {}) });
    const domains = Object.entries(s.domains).map(([d, n]) => `${d} ${n}`).join(', ');
    process.stdout.write(
      `Exported ${s.records} records (${domains}) and ${s.files} files to ${args.out}\n` +
        `Dataset: ${s.trainFile}${s.valFile ? `, ${s.valFile}` : ''}\nJob: ${s.jobFile} (algorithm.adv_estimator: drpo)\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`qoq: ${err instanceof ExportJobError ? err.message : `export failed: ${(err as Error).message}`}\n`);
    return 1;
  }
}
