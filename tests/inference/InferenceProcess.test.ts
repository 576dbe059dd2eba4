import { describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../src-main/import/workerSpawner';
import { InferenceProcess } from '../../src-main/inference/InferenceProcess';
import type { InferenceReply } from '../../src-main/inference/protocol';

/** A fake process: answers 'ready', then does whatever the test scripts on 'analyze'. */
function fakeProcess(onAnalyze: (send: (m: InferenceReply) => void, exit: (signal: string) => void) => void) {
  let spawned = 0;
  const spawner = () => {
    spawned++;
    let listener: (m: InferenceReply) => void = () => undefined;
    let exitListener: (code: number | null, signal: string | null) => void = () => undefined;
    const handle: WorkerHandle<InferenceReply> = {
      pid: 1,
      send: (m) => {
        if ((m as { type: string }).type === 'analyze') setTimeout(() => onAnalyze(listener, (sig) => exitListener(null, sig)), 1);
      },
      onMessage: (l) => {
        listener = l;
        setTimeout(() => l({ type: 'ready' }), 1);
      },
      onExit: (l) => (exitListener = l),
      kill: () => exitListener(null, 'SIGKILL'),
    };
    return handle;
  };
  return { spawn: async () => spawner, spawned: () => spawned };
}

const request = { jobId: 'j1', packageDir: '/m', inputs: [], question: 'q', seed: 0, ctWindow: { center: 80, width: 700 } };

describe('InferenceProcess', () => {
  it('reports a crash of the inference process as a failed job, and starts a fresh process next time', async () => {
    const fake = fakeProcess((_send, exit) => exit('SIGSEGV'));
    const inference = new InferenceProcess(fake.spawn);
    await expect(inference.analyze(request, () => undefined)).rejects.toThrow(/inference process ended unexpectedly \(SIGSEGV\)/);
    await expect(inference.analyze({ ...request, jobId: 'j2' }, () => undefined)).rejects.toThrow(/SIGSEGV/);
    expect(fake.spawned()).toBe(2);
  });

  it('streams tokens and resolves with the output', async () => {
    const output = { raw: 'ab', finishReason: 'eos' as const, images: [], model: { name: 'm', version: '1.0.0', sha256: 'x' }, timings: { ttftMs: 1, tokensPerS: 1, totalMs: 1 } };
    const fake = fakeProcess((send) => {
      send({ type: 'token', jobId: 'j1', text: 'a' });
      send({ type: 'token', jobId: 'j1', text: 'b' });
      send({ type: 'done', jobId: 'j1', output });
    });
    const tokens: string[] = [];
    const inference = new InferenceProcess(fake.spawn);
    await expect(inference.analyze(request, (t) => tokens.push(t))).resolves.toEqual(output);
    expect(tokens).toEqual(['a', 'b']);
  });
});
