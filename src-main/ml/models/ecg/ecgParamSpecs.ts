import type { ParamInit, ParamSpec } from '../vision/initParams.js';
import { ecgMlpWidth, type EcgConfig } from './EcgConfig.js';

const fanIn = (n: number): ParamInit => ({ kind: 'uniform', bound: 1 / Math.sqrt(n) });
const bias: ParamInit = { kind: 'uniform', bound: 0.1 };
const gain: ParamInit = { kind: 'around-one', spread: 0.2 };

/**
 * Every weight of the ECG graph. Encoder tensors carry ECG-JEPA's state-dict keys (the checkpoint's
 * `encoder.<key>` becomes `ecg_encoder.<key>`); the projection into the LLM is `ecg_projection.*`.
 * Shapes are torch's too (nn.Linear (out, in)), so loading is a copy per name. The fixed `pos_embed`
 * is not a weight here: the graph recomputes it (sincosPositions) as a constant.
 */
export function ecgParamSpecs(cfg: EcgConfig): ParamSpec[] {
  const { dim: d, patchSize: p, outHiddenSize: out } = cfg;
  const f = ecgMlpWidth(cfg);
  const specs: ParamSpec[] = [
    { name: 'ecg_encoder.W_P.weight', dims: [d, p], init: fanIn(p) },
    { name: 'ecg_encoder.W_P.bias', dims: [d], init: bias },
  ];
  for (let i = 0; i < cfg.depth; i++) {
    const b = `ecg_encoder.encoder_blocks.blocks.${i}`;
    specs.push(
      { name: `${b}.norm1.weight`, dims: [d], init: gain },
      { name: `${b}.norm1.bias`, dims: [d], init: bias },
      { name: `${b}.attn.qkv.weight`, dims: [3 * d, d], init: fanIn(d) },
      ...(cfg.qkvBias ? [{ name: `${b}.attn.qkv.bias`, dims: [3 * d], init: bias }] : []),
      { name: `${b}.attn.proj.weight`, dims: [d, d], init: fanIn(d) },
      { name: `${b}.attn.proj.bias`, dims: [d], init: bias },
      { name: `${b}.norm2.weight`, dims: [d], init: gain },
      { name: `${b}.norm2.bias`, dims: [d], init: bias },
      { name: `${b}.mlp.fc1.weight`, dims: [f, d], init: fanIn(d) },
      { name: `${b}.mlp.fc1.bias`, dims: [f], init: bias },
      { name: `${b}.mlp.fc2.weight`, dims: [d, f], init: fanIn(f) },
      { name: `${b}.mlp.fc2.bias`, dims: [d], init: bias },
    );
  }
  specs.push(
    { name: 'ecg_encoder.norm.weight', dims: [d], init: gain },
    { name: 'ecg_encoder.norm.bias', dims: [d], init: bias },
    { name: 'ecg_projection.weight', dims: [out, d], init: fanIn(d) },
    { name: 'ecg_projection.bias', dims: [out], init: bias },
  );
  return specs;
}
