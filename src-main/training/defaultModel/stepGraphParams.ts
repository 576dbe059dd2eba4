import type { Weights } from '../../ml/models/vision/index.js';
import type { HostTensor, ModelSession } from '../../ml/ort/index.js';
import { paramStateNames, TRAINING_STEP } from '../../ml/optim/index.js';
import { float32Tensor } from '../../ml/runtime/hostTensors.js';

/**
 * The trained values and AdamW moments of a training-step graph's params (trainingStepGraph's I/O
 * convention: `<p>`, `<p>.m`, `<p>.v` in; `<p>.next`, `<p>.m.next`, `<p>.v.next` out), kept on the host
 * between steps. Used by the encoders' pre-training, whose step graphs change with the input size.
 */
export class StepGraphParams {
  private readonly state = new Map<string, { value: Float32Array; m: Float32Array; v: Float32Array; readonly dims: readonly number[] }>();

  /** Copies `weights` (float32 only) and any extra params (e.g. a head), with zero moments. */
  constructor(weights: Weights, extra: Readonly<Record<string, { readonly data: Float32Array; readonly dims: readonly number[] }>> = {}) {
    for (const [name, tensor] of weights) {
      if (!(tensor.data instanceof Float32Array)) throw new Error(`StepGraphParams: weight '${name}' is not float32`);
      this.add(name, tensor.data, tensor.dims);
    }
    for (const [name, tensor] of Object.entries(extra)) this.add(name, tensor.data, tensor.dims);
  }

  private add(name: string, data: Float32Array, dims: readonly number[]): void {
    if (this.state.has(name)) throw new Error(`StepGraphParams: '${name}' is listed twice`);
    this.state.set(name, { value: new Float32Array(data), m: new Float32Array(data.length), v: new Float32Array(data.length), dims });
  }

  /** Param names in the order given: the step graph's `params`. */
  get names(): string[] {
    return [...this.state.keys()];
  }

  /** Adds every param's value and moments to a step's feeds. */
  private feed(feeds: Record<string, HostTensor>): Record<string, HostTensor> {
    for (const [name, s] of this.state) {
      const io = paramStateNames(name);
      feeds[name] = float32Tensor(s.dims, s.value);
      feeds[io.m] = float32Tensor(s.dims, s.m);
      feeds[io.v] = float32Tensor(s.dims, s.v);
    }
    return feeds;
  }

  /** Takes a step's updated values and moments. */
  private update(outputs: Readonly<Record<string, HostTensor>>): void {
    for (const [name, s] of this.state) {
      const io = paramStateNames(name);
      s.value = outputs[io.next]!.data as Float32Array;
      s.m = outputs[io.mNext]!.data as Float32Array;
      s.v = outputs[io.vNext]!.data as Float32Array;
    }
  }

  /**
   * One training step: runs `session` (a step graph over these params) on the batch `feeds` plus every
   * param's state, takes the updates, and returns the loss before the update. A non-finite loss stops the
   * run (`who` names it in the error) instead of carrying NaN weights on.
   */
  async step(session: ModelSession, feeds: Record<string, HostTensor>, who: string): Promise<number> {
    const out = await session.run(this.feed(feeds));
    this.update(out);
    const loss = (out[TRAINING_STEP.loss]!.data as Float32Array)[0]!;
    if (!Number.isFinite(loss)) throw new Error(`${who}: loss is ${loss} at optimiser step ${(feeds[TRAINING_STEP.step]?.data as Float32Array | undefined)?.[0] ?? '?'}`);
    return loss;
  }

  /** Current values of `like`'s weights (same names, dims and dtype); extra params are left out. */
  weightsLike(like: Weights): Weights {
    return new Map([...like].map(([name, tensor]) => [name, { ...tensor, data: this.state.get(name)!.value }]));
  }
}
