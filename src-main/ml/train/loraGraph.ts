/**
 * Adds LoRA to a forward(-with-loss) graph without touching the code that built it: each targeted
 * weight W (a graph input: frozen) is replaced, for every node that reads it, by
 *   W_eff = W + scale · MatMul(B, A)
 * computed once per run of the graph. A and B become initializers, which is how trainingStepGraph is
 * told what to train (it turns exactly the listed initializers into inputs with AdamW moments), so
 *   trainingStepGraph(applyLora(forward, …).graph, { params: lora.params, … })
 * is a LoRA training step: gradients flow only into the factors, W is fed and never updated.
 *
 * Merging the update into W rather than adding x·Aᵀ·Bᵀ beside each projection keeps the rewrite
 * independent of how the consumer uses W (MatMul after a Transpose, Gemm, a fused attention…); the
 * extra cost is one out×rank×in product per target and step, small next to the batch's forward pass.
 */
import { constant, GraphBuilder, type Graph, type Tensor } from '../graph/index.js';
import { importGraph } from '../autodiff/index.js';
import { loraNames, loraScale, loraTargetWeights, type LoraSettings } from './loraSettings.js';
import type { ParamTable } from './TrainerState.js';

export interface LoraGraph {
  readonly graph: Graph;
  /** The trainable factors, A then B per target: what trainingStepGraph's `params` takes. */
  readonly params: readonly string[];
  /** Adapted weights with their [out, in] shapes. */
  readonly targets: ReadonlyMap<string, readonly [number, number]>;
}

/**
 * `factors` gives A/B initial values (initLoraWeights); they only fill the initializers — a training
 * step graph feeds the current values as inputs anyway.
 */
export function applyLora(forward: Graph, settings: LoraSettings, factors: ParamTable): LoraGraph {
  const inputDims = new Map(forward.inputs.map((t) => [t.name, t.shape.map((d) => (typeof d === 'number' ? d : NaN))]));
  const names = loraTargetWeights(inputDims, settings);
  if (names.length === 0) throw new Error(`applyLora: '${forward.name}' has no frozen ${settings.targets.join('/')} weight inputs`);
  const g = new GraphBuilder(`${forward.name}_lora_r${settings.rank}`);
  const bind: Record<string, Tensor> = {};
  const targets = new Map<string, readonly [number, number]>();
  const params: string[] = [];
  // float32 for training; float64 graphs (gradient checks against finite differences) get float64 factors.
  const dtype = (forward.inputs.find((t) => t.name === names[0]) as Tensor).dtype;
  if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`applyLora: weights must be float32 or float64, '${names[0]}' is ${dtype}`);
  const typed = (data: Float32Array): Float32Array | Float64Array => (dtype === 'float64' ? Float64Array.from(data) : data);
  // Every new tensor is named after its weight: the imported graph's own names (MatMul_3, …) must not clash.
  const scale = constant(g, { dtype, dims: [], data: dtype === 'float64' ? Float64Array.of(loraScale(settings)) : Float32Array.of(loraScale(settings)) }, 'lora.scale');
  for (const name of names) {
    const source = forward.inputs.find((t) => t.name === name) as Tensor;
    const [out, inp] = inputDims.get(name) as [number, number];
    if (source.dtype !== dtype || !Number.isInteger(out) || !Number.isInteger(inp)) throw new Error(`applyLora: '${name}' must be a static ${dtype} matrix`);
    const n = loraNames(name);
    const a = factors[n.a];
    const b = factors[n.b];
    if (a === undefined || b === undefined) throw new Error(`applyLora: no initial values for ${n.a} / ${n.b}`);
    const base = g.input(name, dtype, [out, inp]);
    const aT = g.initializer(n.a, typed(a), [settings.rank, inp]);
    const bT = g.initializer(n.b, typed(b), [out, settings.rank]);
    const product = g.apply('MatMul', [bT, aT], {}, { names: [`${name}.lora_BA`] });
    const delta = g.apply('Mul', [product, scale], {}, { names: [`${name}.lora_delta`] });
    bind[name] = g.apply('Add', [base, delta], {}, { names: [`${name}.lora_merged`] });
    targets.set(name, [out, inp]);
    params.push(n.a, n.b);
  }
  importGraph(g, forward, { bind });
  return { graph: g.build(), params, targets };
}
