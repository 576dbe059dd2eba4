/**
 * An inference process that "generates" a given text: it speaks the real protocol (ready, token, done)
 * to the real InferenceProcess, so everything after the model — interpretOutput, storing the analysis,
 * pending findings, the UI — runs unchanged. Tests use it where they need findings WITH boxes, which a
 * randomly initialised package practically never writes. Boxes in the text are in the first input's
 * pixels as given by `imageSize` (resized = original, so no scaling happens on the way back).
 */
import type { WorkerHandle } from '../../src-main/import/workerSpawner';
import type { AnalyzeRequest, InferenceReply } from '../../src-main/inference/protocol';

export interface ScriptedModel {
  /** The model text for a request (called per analysis). */
  raw: (req: AnalyzeRequest) => string;
  imageSize: { width: number; height: number };
  model?: { name: string; version: string; sha256: string };
}

export function scriptedInference(script: ScriptedModel): () => Promise<() => WorkerHandle<InferenceReply>> {
  return async () => () => {
    const listeners: ((m: InferenceReply) => void)[] = [];
    const reply = (m: InferenceReply) => setTimeout(() => listeners.forEach((l) => l(m)), 5);
    reply({ type: 'ready' });
    return {
      pid: undefined,
      send(message: unknown) {
        const req = message as AnalyzeRequest | { type: 'cancel' };
        if (req.type !== 'analyze') return;
        const raw = script.raw(req);
        for (const piece of raw.match(/[\s\S]{1,16}/g) ?? []) reply({ type: 'token', jobId: req.jobId, text: piece });
        const { width, height } = script.imageSize;
        const first = req.inputs.find((i) => i.kind !== 'ecg');
        reply({
          type: 'done',
          jobId: req.jobId,
          output: {
            raw,
            finishReason: 'eos',
            images: first ? [{ ref: first.ref, originalWidth: width, originalHeight: height, resizedWidth: width, resizedHeight: height }] : [],
            model: script.model ?? { name: 'scripted', version: '0', sha256: '0'.repeat(64) },
            timings: { ttftMs: 1, tokensPerS: 100, totalMs: 10 },
          },
        });
      },
      onMessage: (l) => void listeners.push(l),
      onExit: () => undefined,
      kill: () => undefined,
    };
  };
}

/** A QoQ-Med-protocol answer with one box per label (inclusive pixel bounds). */
export function protocolAnswer(findings: { label: string; box: [number, number, number, number] }[]): string {
  const think = findings.map((f) => `There is ${f.label} in the image.`).join(' ');
  const json = JSON.stringify(findings.map((f) => ({ bbox_2d: f.box, label: f.label })));
  return `<think>${think}</think>\n\`\`\`json\n${json}\n\`\`\`\n\\boxed{${findings.map((f) => f.label).join(', ')}}`;
}
