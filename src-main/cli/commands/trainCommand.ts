import path from 'node:path';
import type { TrainingProgress } from '../../contract/trainingSchemas';
import { ServiceError } from '../../services/dispatch';
import { createTrainingService } from '../../services/trainingService';
import { JobConfigError, readJobConfig, type JobConfig } from '../../training/jobConfig';
import { UsageError } from '../usage';

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), checkpointed and resumable. */
export const EXIT_CANCELLED = 130;

/**
 * `qoq train --config FILE [--out DIR] [--resume]`: runs a training job (jobConfig.ts) through the same
 * service function the UI calls (startTraining: validation, the training child process, metrics.jsonl,
 * progress events), printing one line per step (and per domain for GRPO/DRPO). Ctrl-C asks the child to
 * stop after the current step and checkpoint (exit 130; continue with --resume); a second Ctrl-C kills
 * it (the last checkpoint stays loadable).
 */
export async function trainCommand(args: { config?: string; out?: string; resume: boolean; dataDir: string }): Promise<number> {
  if (!args.config) throw new UsageError('train needs --config FILE.json');
  let job: JobConfig;
  try {
    // Read here so a mistake names the file (`job.json: drpo.kMax: …`); the service checks it again.
    job = readJobConfig(args.config);
  } catch (err) {
    if (err instanceof JobConfigError) {
      process.stderr.write(`qoq: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const out = path.resolve(args.out ?? path.join(path.dirname(args.config), `${path.basename(args.config, '.json')}-run`));
  const printer = progressPrinter(job);
  const training = createTrainingService({ dataDir: args.dataDir, emit: printer });

  let jobId: string;
  try {
    // The resolved config: paths are absolute already, so configDir does not matter.
    ({ jobId } = await training.startTraining({ config: job, configDir: path.dirname(path.resolve(args.config)), runDir: out, resume: args.resume }));
  } catch (err) {
    if (err instanceof ServiceError) {
      const hint = /already holds a run/.test(err.message) ? ' (pass --resume to continue it, or choose another --out)' : '';
      process.stderr.write(`qoq: ${err.message}${hint}\n`);
      return 1;
    }
    throw err;
  }
  process.stdout.write(`Training ${describeJob(job)} → ${out}\n`);

  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nqoq: stopping after the current step and saving a checkpoint (Ctrl-C again to kill)…\n');
      void training.cancelTraining({ jobId });
    } else {
      training.killTraining(jobId);
    }
  };
  process.on('SIGINT', onSigint);
  const outcome = await training.waitForTraining(jobId);
  process.off('SIGINT', onSigint);

  if (outcome.state === 'finished') {
    process.stdout.write(`Finished: step ${outcome.step}/${outcome.totalSteps}. Checkpoint: ${outcome.checkpointDir}\nMetrics: ${outcome.metricsFile}\n`);
    return 0;
  }
  if (outcome.state === 'cancelled') {
    process.stdout.write(
      `Stopped at step ${outcome.step}/${outcome.totalSteps}; checkpoint saved in ${outcome.checkpointDir}.\nContinue with: qoq train --config ${args.config} --out ${out} --resume\n`,
    );
    return EXIT_CANCELLED;
  }
  process.stderr.write(`qoq: training failed: ${outcome.error ?? 'unknown error'}\n`);
  return 1;
}

function describeJob(job: JobConfig): string {
  const kind = job.kind === 'sft' ? 'SFT' : job.advantage.toUpperCase();
  return `${kind}, ${job.steps} steps, lr ${job.lr}${job.kind === 'grpo' ? `, G ${job.G}, temperature ${job.temperature}, KL ${job.klCoef}` : `, batch ${job.batchSize}`}`;
}

const f = (x: number | null, digits = 4): string => (x === null ? '—' : x.toFixed(digits));

/** One line per step; GRPO steps are followed by an indented line per domain. */
function progressPrinter(job: JobConfig): (event: TrainingProgress) => void {
  const width = String(job.steps).length;
  const step = (n: number): string => `step ${String(n).padStart(width)}/${job.steps}`;
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  return (e) => {
    switch (e.phase) {
      case 'status':
        print(e.message ?? '');
        return;
      case 'checkpoint':
        if (e.checkpoint) print(`checkpoint at step ${e.step} (${e.checkpoint.reason}) → ${e.checkpoint.dir}`);
        return;
      case 'step': {
        const m = e.metrics;
        if (!m) return;
        if (m.kind === 'sft') {
          print(`${step(e.step)}  loss ${f(m.loss)}  grad ${f(m.gradNorm, 3)}  lr ${m.lr.toExponential(1)}  ${Math.round(m.timeMs)} ms`);
        } else {
          print(`${step(e.step)}  reward ${f(m.reward)}  loss ${f(m.loss)}  kl ${f(m.kl)}  clip ${f(m.clipFraction, 2)}  len ${(m.responseLength ?? 0).toFixed(1)}  ${Math.round(m.timeMs)} ms`);
        }
        for (const d of e.domains ?? []) {
          const parts = Object.entries(d.rewardParts).map(([k, v]) => `${k} ${f(v, 3)}`).join('  ');
          const drpo = d.drpo ? `  N_d ${d.drpo.N_d}  T_d ${f(d.drpo.T_d, 3)}  K ${d.drpo.K}` : '';
          print(`    ${d.domain.padEnd(12)} n ${d.questions}  reward ${f(d.reward)}  ${parts}${drpo}`);
        }
        return;
      }
      default:
        return; // started / finished / cancelled / failed: the command prints its own summary
    }
  };
}
