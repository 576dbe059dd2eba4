import { CONSTANTS } from '@cornerstonejs/core';
import { describe, expect, it } from 'vitest';
import {
  AUTO_RENDERING_PRESET,
  defaultRenderingPreset,
  renderingPreset,
  renderingPresetsFor,
} from '../../../src-renderer/src/viewer/volumeRenderingPresets';

// The library's own list: a name it does not export would make setProperties({ preset }) fail at run time.
const cornerstoneNames = new Set(CONSTANTS.VIEWPORT_PRESETS.map((p) => p.name));

describe('3D rendering presets per modality', () => {
  it('opens CT with CT-Bone and MR (any case) with the ramp placed on the data', () => {
    expect(defaultRenderingPreset('CT').key).toBe('CT-Bone');
    expect(defaultRenderingPreset('ct').placeOnData).toBe(false);
    for (const modality of ['MR', 'mr', 'OT']) {
      expect(defaultRenderingPreset(modality)).toMatchObject({ key: AUTO_RENDERING_PRESET, placeOnData: true });
    }
  });

  it('offers CT only CT presets, among them soft tissue, lung and MIP', () => {
    const keys = renderingPresetsFor('CT').map((p) => p.key);
    expect(keys.every((k) => k.startsWith('CT-'))).toBe(true);
    expect(keys).toEqual(expect.arrayContaining(['CT-Bone', 'CT-Soft-Tissue', 'CT-Lung', 'CT-MIP']));
  });

  it('offers MR Auto plus MR presets only', () => {
    const [auto, ...rest] = renderingPresetsFor('MR');
    expect(auto!.key).toBe(AUTO_RENDERING_PRESET);
    expect(rest.map((p) => p.key)).toEqual(expect.arrayContaining(['MR-MIP', 'MR-Angio']));
    expect(rest.every((p) => p.key.startsWith('MR-') && !p.placeOnData)).toBe(true);
  });

  it('names only presets cornerstone exports, each key once', () => {
    for (const modality of ['CT', 'MR']) {
      const presets = renderingPresetsFor(modality);
      expect(new Set(presets.map((p) => p.key)).size).toBe(presets.length);
      for (const p of presets) {
        expect(cornerstoneNames.has(p.cornerstonePreset), p.cornerstonePreset).toBe(true);
        if (!p.placeOnData) expect(p.key).toBe(p.cornerstonePreset);
      }
    }
  });

  it('finds a preset by key and refuses one not offered for the modality', () => {
    expect(renderingPreset('CT', 'CT-Lung').cornerstonePreset).toBe('CT-Lung');
    expect(() => renderingPreset('MR', 'CT-Bone')).toThrow(/CT-Bone.*not offered.*MR/);
    expect(() => renderingPreset('CT', AUTO_RENDERING_PRESET)).toThrow(/not offered/);
  });
});
