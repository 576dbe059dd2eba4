/**
 * Entry of the export process (a Node child process, or an Electron utility process in the app): renders
 * one study report per request and sends the files' bytes back; the service writes them.
 */
import type { ExportWorkerReply, RenderRequest } from './exportProtocol';
import { exportStudyReport } from './exportStudyReport';
import { UidMapper } from './uidMapper';

interface ParentPort {
  postMessage(m: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (m: ExportWorkerReply): void => {
  if (parentPort) parentPort.postMessage(m);
  else process.send?.(m);
};

async function onMessage(raw: unknown): Promise<void> {
  const req = raw as RenderRequest;
  if (req?.type !== 'render') return;
  try {
    const outcome = await exportStudyReport(req.report, req.formats, { deidentify: req.deidentify, uids: new UidMapper(req.secret) });
    send({ type: 'rendered', taskId: req.taskId, outcome });
  } catch (err) {
    send({ type: 'failed', taskId: req.taskId, reason: (err as Error).message });
  }
}

if (parentPort) parentPort.on('message', (e) => void onMessage(e.data));
else process.on('message', (m) => void onMessage(m));
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
