/**
 * Turns the trainer's metric records (TrainMetrics, one per IPC message from the training child) into
 * the contract's `trainingProgress` events. A GRPO/DRPO step's record is followed by one record per
 * domain; they are held together and sent as ONE step event, flushed when anything else arrives (the
 * next step, a checkpoint, the end), so a listener sees each step complete with its domains.
 */
import type { TrainingDomainMetrics, TrainingProgress, TrainingStepMetrics } from '../contract/trainingSchemas';
import type { DomainMetrics, GrpoStepMetrics, SftStepMetrics, TrainMetrics } from '../ml/train/index.js';

const part = (parts: Readonly<Record<string, number>>, name: string): number | null => parts[name] ?? null;

export function stepMetrics(r: SftStepMetrics | GrpoStepMetrics): TrainingStepMetrics {
  if (r.type === 'sft-step') {
    return { kind: 'sft', loss: r.loss, reward: null, f1: null, iou: null, rewardParts: {}, kl: null, clipFraction: null, gradNorm: r.gradNorm, lr: r.lr, tokens: r.tokens, responseLength: null, timeMs: r.timeMs };
  }
  return {
    kind: r.advantage,
    loss: r.loss,
    reward: r.rewardMean,
    f1: part(r.rewardParts, 'f1'),
    iou: part(r.rewardParts, 'iou'),
    rewardParts: { ...r.rewardParts },
    kl: r.kl,
    clipFraction: r.clipFraction,
    gradNorm: r.gradNorm,
    lr: r.lr,
    tokens: null,
    responseLength: r.responseLengthMean,
    timeMs: r.timeMs,
  };
}

export function domainMetrics(r: DomainMetrics): TrainingDomainMetrics {
  return {
    domain: r.domain,
    questions: r.questions,
    reward: r.rewardMean,
    f1: part(r.rewardParts, 'f1'),
    iou: part(r.rewardParts, 'iou'),
    rewardParts: { ...r.rewardParts },
    ...(r.drpo ? { drpo: { N_d: r.drpo.N_d, mu_d: r.drpo.mu_d, T_d: r.drpo.T_d, K: r.drpo.K } } : {}),
  };
}

type Base = Pick<TrainingProgress, 'jobId' | 'runDir' | 'totalSteps'>;

/** Feeds records in, sends events out; `flush()` before any event that is not a metric record. */
export class ProgressAssembler {
  private pending: { step: number; metrics: TrainingStepMetrics; domains: TrainingDomainMetrics[] } | null = null;

  constructor(
    private readonly base: Base,
    private readonly send: (event: TrainingProgress) => void,
  ) {}

  feed(record: TrainMetrics): void {
    switch (record.type) {
      case 'sft-step':
        this.flush();
        this.send({ ...this.base, phase: 'step', step: record.step, metrics: stepMetrics(record) });
        return;
      case 'grpo-step':
        this.flush();
        this.pending = { step: record.step, metrics: stepMetrics(record), domains: [] };
        return;
      case 'domain':
        if (this.pending && this.pending.step === record.step) this.pending.domains.push(domainMetrics(record));
        return;
      case 'checkpoint':
        this.flush();
        this.send({ ...this.base, phase: 'checkpoint', step: record.step, checkpoint: { dir: record.dir, reason: record.reason } });
        return;
    }
  }

  flush(): void {
    if (!this.pending) return;
    const { step, metrics, domains } = this.pending;
    this.pending = null;
    this.send({ ...this.base, phase: 'step', step, metrics, domains });
  }
}
