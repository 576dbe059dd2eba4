import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TrainMetrics } from '../../ml/train/index.js';
import { committedFolder } from '../../ml/train/index.js';
import { forkTrainer } from '../../training/forkTrainer';
import { JobConfigError, readJobConfig, type JobConfig } from '../../training/jobConfig';
import { RUN_FILES } from '../../training/runFolder';
import type { JobResult } from '../../training/runTrainingJob';
import { readTrainingData, TrainingDataError } from '../../training/trainingData';
import type { ParentToTrainer, TrainerToParent } from '../../training/trainProtocol';
import { UsageError } from '../usage';

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), checkpointed and resumable. */
export const EXIT_CANCELLED = 130;

/**
 * `qoq train --config FILE [--out DIR] [--resume]`: runs a training job (jobConfig.ts) in a child
 * process, printing one line per step (and per domain for GRPO/DRPO) and appending every metric record
 * to `<out>/metrics.jsonl`. Ctrl-C asks the child to stop after the current step and checkpoint
 * (exit 130; continue with --resume); a second Ctrl-C kills it (the last checkpoint stays loadable).
 */
export async function trainCommand(args: { config?: string; out?: string; resume: boolean }): Promise<number> {
  if (!args.config) throw new UsageError('train needs --config FILE.json');
  let job: JobConfig;
  try {
    job = readJobConfig(args.config);
    // Fail here, with the line number, rather than in the child.
    const missing = readTrainingData(job.data).find((r) => job.kind === 'sft' && r.response === undefined);
    if (missing) throw new TrainingDataError(`${job.data}: SFT needs a response in every record; '${missing.id}' has none`);
  } catch (err) {
    if (err instanceof JobConfigError || err instanceof TrainingDataError) {
      process.stderr.write(`qoq: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const out = path.resolve(args.out ?? path.join(path.dirname(args.config), `${path.basename(args.config, '.json')}-run`));
  const checkpointDir = path.join(out, RUN_FILES.checkpoint);
  if (args.resume && committedFolder(checkpointDir) === null) {
    process.stderr.write(`qoq: cannot resume: no checkpoint in ${checkpointDir}\n`);
    return 1;
  }
  if (!args.resume && committedFolder(checkpointDir) !== null) {
    process.stderr.write(`qoq: ${out} already holds a run; pass --resume to continue it or choose another --out\n`);
    return 1;
  }
  mkdirSync(out, { recursive: true });
  const metricsFile = path.join(out, RUN_FILES.metrics);
  if (!args.resume || !existsSync(metricsFile)) writeFileSync(metricsFile, '');

  let child: Awaited<ReturnType<typeof forkTrainer>>;
  try {
    child = await forkTrainer();
  } catch (err) {
    process.stderr.write(`qoq: cannot start the training process: ${(err as Error).message}\n`);
    return 1;
  }
  const sendToChild = (m: ParentToTrainer): void => {
    if (child.connected) child.send(m);
  };
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nqoq: stopping after the current step and saving a checkpoint (Ctrl-C again to kill)…\n');
      sendToChild({ type: 'cancel' });
    } else {
      child.kill('SIGKILL');
    }
  };
  process.on('SIGINT', onSigint);

  let result: JobResult | null = null;
  let failure: string | null = null;
  const printer = progressPrinter(job);
  child.on('message', (message: TrainerToParent) => {
    switch (message.type) {
      case 'status':
        process.stdout.write(`${message.text}\n`);
        break;
      case 'metrics':
        appendFileSync(metricsFile, `${JSON.stringify(message.record)}\n`);
        printer(message.record);
        break;
      case 'done':
        result = message.result;
        break;
      case 'failed':
        failure = message.message;
        break;
    }
  });
  process.stdout.write(`Training ${describeJob(job)} → ${out}\n`);
  sendToChild({ type: 'start', job, out, resume: args.resume });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (err) => {
      failure ??= err.message;
      resolve({ code: null, signal: null });
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  process.off('SIGINT', onSigint);

  const done = result as JobResult | null;
  if (done && !done.cancelled) {
    process.stdout.write(`Finished: step ${done.step}/${done.steps}. Checkpoint: ${done.checkpointDir}\nMetrics: ${metricsFile}\n`);
    return 0;
  }
  if (done && done.cancelled) {
    process.stdout.write(`Stopped at step ${done.step}/${done.steps}; checkpoint saved in ${done.checkpointDir}.\nContinue with: qoq train --config ${args.config} --out ${out} --resume\n`);
    return EXIT_CANCELLED;
  }
  const why = failure ?? `the training process ended without a result (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`})`;
  process.stderr.write(`qoq: training failed: ${why}\n`);
  return 1;
}

function describeJob(job: JobConfig): string {
  const kind = job.kind === 'sft' ? 'SFT' : job.advantage.toUpperCase();
  return `${kind}, ${job.steps} steps, lr ${job.lr}${job.kind === 'grpo' ? `, G ${job.G}, temperature ${job.temperature}, KL ${job.klCoef}` : `, batch ${job.batchSize}`}`;
}

const f = (x: number | null, digits = 4): string => (x === null ? '—' : x.toFixed(digits));

/** One line per step; GRPO steps are followed by an indented line per domain. */
function progressPrinter(job: JobConfig): (record: TrainMetrics) => void {
  const width = String(job.steps).length;
  const step = (n: number): string => `step ${String(n).padStart(width)}/${job.steps}`;
  return (r) => {
    let line: string;
    switch (r.type) {
      case 'sft-step':
        line = `${step(r.step)}  loss ${f(r.loss)}  grad ${f(r.gradNorm, 3)}  lr ${r.lr.toExponential(1)}  ${Math.round(r.timeMs)} ms`;
        break;
      case 'grpo-step':
        line = `${step(r.step)}  reward ${f(r.rewardMean)}  loss ${f(r.loss)}  kl ${f(r.kl)}  clip ${f(r.clipFraction, 2)}  len ${r.responseLengthMean.toFixed(1)}  ${Math.round(r.timeMs)} ms`;
        break;
      case 'domain': {
        const parts = Object.entries(r.rewardParts).map(([k, v]) => `${k} ${f(v, 3)}`).join('  ');
        const drpo = r.drpo ? `  N_d ${r.drpo.N_d}  T_d ${f(r.drpo.T_d, 3)}  K ${r.drpo.K}` : '';
        line = `    ${r.domain.padEnd(12)} n ${r.questions}  reward ${f(r.rewardMean)}  ${parts}${drpo}`;
        break;
      }
      case 'checkpoint':
        line = `checkpoint at step ${r.step} (${r.reason}) → ${r.dir}`;
        break;
    }
    process.stdout.write(`${line}\n`);
  };
}
