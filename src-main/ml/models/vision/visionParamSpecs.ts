import type { ParamInit, ParamSpec } from './initParams.js';
import { patchVectorLength, type VisionConfig } from './VisionConfig.js';

const fanIn = (n: number): ParamInit => ({ kind: 'uniform', bound: 1 / Math.sqrt(n) });
const bias: ParamInit = { kind: 'uniform', bound: 0.1 };
const gain: ParamInit = { kind: 'around-one', spread: 0.2 };

/**
 * Every weight of the vision graph, with HF Qwen2.5-VL's names AND shapes: linear weights (out, in) as
 * nn.Linear keeps them, `visual.patch_embed.proj.weight` as the Conv3d's (C, 3, 2, 14, 14). A
 * safetensors checkpoint therefore loads by a plain copy per name.
 */
export function visionParamSpecs(cfg: VisionConfig): ParamSpec[] {
  const { hiddenSize: c, intermediateSize: f, outHiddenSize: out } = cfg;
  const patch = patchVectorLength(cfg);
  const merged = c * cfg.spatialMergeSize ** 2;
  const specs: ParamSpec[] = [{ name: 'visual.patch_embed.proj.weight', dims: [c, cfg.inChannels, cfg.temporalPatchSize, cfg.patchSize, cfg.patchSize], init: fanIn(patch) }];
  for (let i = 0; i < cfg.depth; i++) {
    const p = `visual.blocks.${i}`;
    specs.push(
      { name: `${p}.norm1.weight`, dims: [c], init: gain },
      { name: `${p}.attn.qkv.weight`, dims: [3 * c, c], init: fanIn(c) },
      { name: `${p}.attn.qkv.bias`, dims: [3 * c], init: bias },
      { name: `${p}.attn.proj.weight`, dims: [c, c], init: fanIn(c) },
      { name: `${p}.attn.proj.bias`, dims: [c], init: bias },
      { name: `${p}.norm2.weight`, dims: [c], init: gain },
      { name: `${p}.mlp.gate_proj.weight`, dims: [f, c], init: fanIn(c) },
      { name: `${p}.mlp.gate_proj.bias`, dims: [f], init: bias },
      { name: `${p}.mlp.up_proj.weight`, dims: [f, c], init: fanIn(c) },
      { name: `${p}.mlp.up_proj.bias`, dims: [f], init: bias },
      { name: `${p}.mlp.down_proj.weight`, dims: [c, f], init: fanIn(f) },
      { name: `${p}.mlp.down_proj.bias`, dims: [c], init: bias },
    );
  }
  specs.push(
    { name: 'visual.merger.ln_q.weight', dims: [c], init: gain },
    { name: 'visual.merger.mlp.0.weight', dims: [merged, merged], init: fanIn(merged) },
    { name: 'visual.merger.mlp.0.bias', dims: [merged], init: bias },
    { name: 'visual.merger.mlp.2.weight', dims: [out, merged], init: fanIn(merged) },
    { name: 'visual.merger.mlp.2.bias', dims: [out], init: bias },
  );
  return specs;
}
