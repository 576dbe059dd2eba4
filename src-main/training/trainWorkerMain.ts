/**
 * Entry of the training child process that `qoq train` forks: waits for one 'start' message, runs the
 * job, streams metrics back, and exits (0 done or cancelled, 1 failed). Training runs here rather than in
 * the CLI process so a crash in the native runtime cannot take the parent down with it, and the parent
 * stays responsive to Ctrl-C while a step is computing.
 *
 * Cancelling: a 'cancel' message, SIGINT/SIGTERM (Ctrl-C reaches the whole process group) or the
 * parent going away all abort the run at the next safe point; the trainer then checkpoints.
 */
import { runTrainingJob } from './runTrainingJob';
import type { ParentToTrainer, TrainerToParent } from './trainProtocol';

const controller = new AbortController();
const cancel = (): void => controller.abort();
let started = false;

function send(message: TrainerToParent, then?: () => void): void {
  if (process.connected && process.send) process.send(message, undefined, undefined, () => then?.());
  else then?.();
}

process.on('SIGINT', cancel);
process.on('SIGTERM', cancel);
process.on('disconnect', cancel);
process.on('message', (message: ParentToTrainer) => {
  if (message.type === 'cancel') return cancel();
  if (started) return;
  started = true;
  runTrainingJob(message.job, {
    out: message.out,
    resume: message.resume,
    signal: controller.signal,
    onMetrics: (record) => send({ type: 'metrics', record }),
    onStatus: (text) => send({ type: 'status', text }),
  }).then(
    // Exit once the last message is on its way (native runtime threads must not keep the child alive).
    (result) => send({ type: 'done', result }, () => process.exit(0)),
    (err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }, () => process.exit(1)),
  );
});
