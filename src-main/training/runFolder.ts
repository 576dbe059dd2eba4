/**
 * The folder a `qoq train` run writes (`--out`), and how `qoq eval` / `model.init` find a model in a
 * run folder or a bare checkpoint folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHECKPOINT_FILES, committedFolder } from '../ml/train/index.js';

export const RUN_FILES = {
  checkpoint: 'checkpoint', // saveCheckpoint's folder, replaced atomically
  tokenizer: 'tokenizer.json', // written once, when the run starts
  job: 'job.json', // the resolved job config of the run
  metrics: 'metrics.jsonl', // one TrainMetrics record per line, appended by the parent process
} as const;

export interface ModelLocation {
  /** What loadCheckpoint takes (it finds the committed copy itself). */
  readonly checkpointDir: string;
  readonly tokenizerFile: string;
  /** The run's job.json when there is one (eval reads maxNewTokens from it). */
  readonly jobFile: string | null;
}

/** A run folder (holding checkpoint/) or a checkpoint folder with tokenizer.json inside or beside it. */
export function locateModel(dir: string): ModelLocation {
  const runCheckpoint = path.join(dir, RUN_FILES.checkpoint);
  let checkpointDir: string;
  let runDir: string;
  if (committedFolder(runCheckpoint) !== null) {
    checkpointDir = runCheckpoint;
    runDir = dir;
  } else {
    const folder = committedFolder(dir);
    if (folder === null || !existsSync(path.join(folder, CHECKPOINT_FILES.trainer))) {
      throw new Error(`${dir} is neither a qoq train output folder (no ${RUN_FILES.checkpoint}/) nor a checkpoint folder (no ${CHECKPOINT_FILES.trainer})`);
    }
    checkpointDir = dir;
    runDir = path.dirname(path.resolve(dir));
  }
  const candidates = [path.join(checkpointDir, RUN_FILES.tokenizer), path.join(runDir, RUN_FILES.tokenizer)];
  const tokenizerFile = candidates.find((f) => existsSync(f));
  if (tokenizerFile === undefined) throw new Error(`no ${RUN_FILES.tokenizer} in ${checkpointDir} or ${runDir}`);
  const jobFile = path.join(runDir, RUN_FILES.job);
  return { checkpointDir, tokenizerFile, jobFile: existsSync(jobFile) ? jobFile : null };
}
