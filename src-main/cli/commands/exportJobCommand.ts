import type { SliceSelection } from '../../ml/preprocess/selectSlices';
import { exportJob, ExportJobError } from '../../training/exportJob';
import { UsageError } from '../usage';

/**
 * `qoq export-job (--lab DIR | --data FILE) --out DIR [--model PATH] [--slices first-last|N]`: the dataset
 * in the reference trainer's record format, its files converted to what that trainer reads (PNG images,
 * `.npy` ECG tensors, PNG masks), and a DRPO job config (job.yaml) for fine-tuning a 7B model with the
 * reference (verl-based) trainer on a GPU cluster.
 */
export async function exportJobCommand(args: { lab?: string; data?: string; out?: string; model?: string; slices?: string }): Promise<number> {
  if (!args.out) throw new UsageError('export-job needs --out DIR');
  if ((args.lab === undefined) === (args.data === undefined)) throw new UsageError('export-job needs exactly one of --lab DIR or --data FILE');
  const slices = args.slices === undefined ? undefined : parseSlices(args.slices);
  try {
    const s = await exportJob({
      out: args.out,
      ...(args.lab ? { lab: args.lab } : {}),
      ...(args.data ? { data: args.data } : {}),
      ...(args.model ? { modelPath: args.model } : {}),
      ...(slices ? { slices } : {}),
    });
    const domains = Object.entries(s.domains).map(([d, n]) => `${d} ${n}`).join(', ');
    for (const w of s.warnings) process.stderr.write(`qoq: warning: ${w}\n`);
    process.stdout.write(
      `Exported ${s.records} records (${domains}) and ${s.files} files to ${args.out}\n` +
        `Converted: ${s.converted.images} PNG images, ${s.converted.tensors} ECG tensors (.npy, 8×2500), ${s.converted.masks} PNG masks\n` +
        `Dataset: ${s.trainFile}${s.valFile ? `, ${s.valFile}` : ''}\nJob: ${s.jobFile} (algorithm.adv_estimator: drpo)\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`qoq: ${err instanceof ExportJobError ? err.message : `export failed: ${(err as Error).message}`}\n`);
    return 1;
  }
}

/** 'first-last' (the reference's two end slices) or a number of evenly spaced slices. */
function parseSlices(text: string): SliceSelection {
  if (text === 'first-last') return { strategy: 'first-last', count: 2 };
  if (/^[1-9]\d*$/.test(text)) return { strategy: 'evenly-spaced', count: Number(text) };
  throw new UsageError('--slices takes first-last or a positive number of evenly spaced slices');
}
