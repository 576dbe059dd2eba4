/**
 * Entry of the training process: a Node child process (`qoq train`, tests) or an Electron utility process
 * in the app, whose release fuses leave child_process.fork unusable. Waits for one 'start' message, runs
 * the job, streams metrics back, and exits (0 done or cancelled, 1 failed). Training runs here rather than
 * in the parent so a crash in the native runtime cannot take the parent down with it, and the parent stays
 * responsive (Ctrl-C, the UI) while a step is computing.
 *
 * Cancelling: a 'cancel' message, SIGINT/SIGTERM (Ctrl-C reaches the whole process group; an Electron
 * utility process's kill() is a SIGTERM, then a SIGKILL 2 s later) or the Node parent going away all abort
 * the run at the next safe point; the trainer then checkpoints.
 */
import { runTrainingJob } from './runTrainingJob';
import type { ParentToTrainer, TrainerToParent } from './trainProtocol';

/** What Electron gives a utility process to talk to its parent (absent under plain Node). */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

/**
 * How long a utility process lingers after its last message. postMessage has no delivery callback, and
 * process.exit there ends in std::exit, which could drop a message the IPC thread has not written yet;
 * losing 'done' would turn a finished run into a failed one.
 */
const PARENT_PORT_EXIT_DELAY_MS = 200;

const controller = new AbortController();
const cancel = (): void => controller.abort();
let started = false;

function send(message: TrainerToParent, then?: () => void): void {
  if (parentPort) {
    parentPort.postMessage(message);
    if (then) setTimeout(then, PARENT_PORT_EXIT_DELAY_MS);
  } else if (process.connected && process.send) process.send(message, undefined, undefined, () => then?.());
  else then?.();
}

function onMessage(message: ParentToTrainer): void {
  if (message?.type === 'cancel') return cancel();
  if (message?.type !== 'start' || started) return;
  started = true;
  runTrainingJob(message.job, {
    out: message.out,
    resume: message.resume,
    signal: controller.signal,
    onMetrics: (record) => send({ type: 'metrics', record }),
    onStatus: (text) => send({ type: 'status', text }),
  }).then(
    // Exit once the last message is on its way (native runtime threads must not keep the process alive).
    (result) => send({ type: 'done', result }, () => process.exit(0)),
    (err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }, () => process.exit(1)),
  );
}

process.on('SIGINT', cancel);
process.on('SIGTERM', cancel);
// Node children only: a utility process has no 'disconnect' (Chromium ends it when the app goes away).
process.on('disconnect', cancel);
if (parentPort) parentPort.on('message', (e) => onMessage(e.data as ParentToTrainer));
else process.on('message', (message: ParentToTrainer) => onMessage(message));
