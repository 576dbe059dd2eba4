/**
 * Failure handling around rendering: a crashed export process fails only the study it was rendering (the
 * next one gets a fresh process), a renderer error is reported and audited per format, and key images that
 * may carry burned-in identity are withheld from de-identified exports.
 */
import { describe, expect, it } from 'vitest';
import type { StudyReport } from '../../src-main/contract/reviewSchemas';
import { ExportProcess } from '../../src-main/export/ExportProcess';
import type { ExportWorkerReply } from '../../src-main/export/exportProtocol';
import { renderKeyImages } from '../../src-main/export/keyImages';
import { burnedInReason, type StudySources } from '../../src-main/export/studySources';
import type { WorkerHandle } from '../../src-main/import/workerSpawner';

/** A fake worker: says ready, then either answers or dies on each request, as the script says. */
function fakeSpawner(script: ('ok' | 'crash')[]) {
  let started = 0;
  const spawn = () => {
    started++;
    const listeners: ((m: ExportWorkerReply) => void)[] = [];
    const exits: ((code: number | null, signal: string | null) => void)[] = [];
    const handle: WorkerHandle<ExportWorkerReply> = {
      pid: started,
      send(message) {
        const req = message as { taskId: number };
        const step = script.shift();
        setTimeout(() => {
          if (step === 'crash') exits.forEach((l) => l(null, 'SIGKILL'));
          else listeners.forEach((l) => l({ type: 'rendered', taskId: req.taskId, outcome: { files: [], failed: [] } }));
        }, 1);
      },
      onMessage: (l) => listeners.push(l),
      onExit: (l) => exits.push(l),
      kill: () => undefined,
    };
    setTimeout(() => listeners.forEach((l) => l({ type: 'ready' })), 1);
    return handle;
  };
  return { spawn: async () => spawn, started: () => started };
}

const report = {} as StudyReport;

describe('ExportProcess', () => {
  it('a crash fails that study only; the next study starts a fresh process', async () => {
    const fake = fakeSpawner(['crash', 'ok']);
    const p = new ExportProcess(fake.spawn);
    await expect(p.render(report, ['pdf'], false, new Uint8Array(32))).rejects.toThrow(/ended unexpectedly \(SIGKILL\)/);
    await expect(p.render(report, ['pdf'], false, new Uint8Array(32))).resolves.toEqual({ files: [], failed: [] });
    expect(fake.started()).toBe(2);
    p.close();
  });
});

describe('burned-in identity in key images', () => {
  const header = (burned: string) => ({ '00280301': { vr: 'CS', Value: [burned] } });

  it('names the reason: Burned In Annotation YES, ultrasound, secondary capture', () => {
    expect(burnedInReason(header('YES'), 'CT')).toMatch(/Burned In Annotation is YES/);
    expect(burnedInReason(header('NO'), 'US')).toMatch(/US images/);
    expect(burnedInReason({ '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.7'] } }, 'OT')).toMatch(/secondary capture/);
    expect(burnedInReason(header('NO'), 'CT')).toBeUndefined();
  });

  it('withholds such an image from a de-identified PDF without reading its pixels', async () => {
    const sop = '1.2.3.4';
    const sources: StudySources = {
      instances: new Map([[sop, { instance: { path: '/nonexistent.dcm' } as never, series: { modality: 'CT' } as never }]]),
      images: new Map(),
      volumes: new Map(),
      headers: new Map([[sop, header('YES')]]),
      studyHeader: undefined,
    };
    const original = { review: { findings: [{ boxes: [{ x1: 0, y1: 0, x2: 1, y2: 1, ref: `${sop}#0` }] }] } } as unknown as StudyReport;
    const [key] = await renderKeyImages(original, sources, { deidentify: true, outputRef: () => '2.25.1#0' });
    expect(key!.rgb).toBeUndefined();
    expect(key!.missing).toMatch(/withheld from the de-identified export: Burned In Annotation is YES/);
    expect(key!.ref).toBe('2.25.1#0');
  });
});
