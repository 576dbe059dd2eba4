/**
 * Entry of the sandboxed parse worker process. Untrusted files are read, hashed, parsed and copied into
 * the object store here, never in the main process: a crash, hang or memory blow-up in a parser or codec
 * kills this process only, and the pool reports the file as rejected and starts a new worker.
 *
 * Works as a Node child process (process.send) and as an Electron utilityProcess (process.parentPort).
 */
import { parseFile } from '../parseFile';
import type { ParseLimits, ParsedObject } from '../types';
import { sha256Hex } from '../../util/sha256';
import { storeCompanion, storeObject } from './objectStore';
import { readEcgFile } from '../ecg/readEcgFile';
import { readDicom } from '../dicom/readDicom';
import { readSrDocument, type SrDocument } from '../dicom/readSrDocument';
import { ReusableReader } from './reusableReader';
import type { ParseRequest, ParseResponse, WorkerMessage, WorkerReply, WorkerRequest } from './protocol';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: WorkerMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

// One file at a time, and nothing is kept after the reply, so the file buffer can be reused (see ReusableReader).
const reader = new ReusableReader();

async function handle(req: ParseRequest): Promise<ParseResponse> {
  const read = reader.read(req.path, req.limits.maxFileBytes);
  if ('tooLarge' in read) {
    return {
      type: 'result',
      taskId: req.taskId,
      outcome: { status: 'rejected', reason: `file is ${read.tooLarge} bytes, over the ${req.limits.maxFileBytes}-byte limit` },
    };
  }
  const { bytes } = read;
  const outcome = await parseFile({ path: req.path, bytes }, req.limits);
  if (outcome.status !== 'parsed' || outcome.object.kind === 'dicomdir') {
    return { type: 'result', taskId: req.taskId, outcome };
  }
  const sha256 = sha256Hex(bytes);
  const zeroPreamble = hasFlag(outcome.object, 'suspicious-preamble');
  const companionFiles = companionPaths(outcome.object);
  // An object with companions gets a folder of its own, where they keep their relative names.
  const file = storeObject(req.objectsDir, req.path, bytes, { sha256, zeroPreamble, ownFolder: companionFiles.length > 0 });
  const companions = companionFiles.map((p) => storeCompanion(req.objectsDir, sha256, p));
  return { type: 'result', taskId: req.taskId, outcome, file, companions };
}

function hasFlag(object: ParsedObject, flag: string): boolean {
  return 'flags' in object && (object.flags as string[]).includes(flag);
}

function companionPaths(object: ParsedObject): string[] {
  return 'companions' in object ? (object.companions ?? []) : [];
}

/** A stored SR's content tree, read with the same bounded reader as at import. */
function readSr(path: string, limits: ParseLimits): SrDocument {
  const read = reader.read(path, limits.maxFileBytes);
  if ('tooLarge' in read) throw new Error(`file is ${read.tooLarge} bytes, over the ${limits.maxFileBytes}-byte limit`);
  return readSrDocument(readDicom(read.bytes, limits).dataSet);
}

async function onMessage(data: unknown): Promise<void> {
  const req = data as WorkerRequest;
  if (req?.type !== 'parse' && req?.type !== 'read-ecg' && req?.type !== 'read-sr') return;
  let response: WorkerReply;
  try {
    if (req.type === 'parse') response = await handle(req);
    else if (req.type === 'read-ecg') response = { type: 'ecg', taskId: req.taskId, record: await readEcgFile(req.path, req.format, req.limits) };
    else response = { type: 'sr', taskId: req.taskId, document: readSr(req.path, req.limits) };
  } catch (err) {
    response =
      req.type === 'parse'
        ? { type: 'result', taskId: req.taskId, outcome: { status: 'rejected', reason: `could not read file: ${(err as Error).message}` } }
        : { type: 'failed', taskId: req.taskId, reason: (err as Error).message };
  }
  send(response);
}

// The pool may send the next request before this one is answered (so this process never waits for the
// main process between files). Requests run strictly one after another, in the order received: the file
// buffer is shared (ReusableReader), and the pool blames a crash on the oldest unanswered request.
let queue: Promise<void> = Promise.resolve();
const enqueue = (data: unknown): void => {
  // onMessage answers every failure itself; the catch only keeps one broken send from stopping the queue.
  queue = queue.then(() => onMessage(data)).catch(() => undefined);
};
if (parentPort) parentPort.on('message', (e) => enqueue(e.data));
else process.on('message', enqueue);
// The parent closes the channel to end the worker.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
