/**
 * Pixel verification at import (ParseLimits.pixelVerification) on compressed multi-frame objects whose
 * SECOND frame was damaged on purpose. 'all-frames' decodes every frame; 'first-frame' (the default)
 * decodes frame 1 and checks frames 2..n structurally, so it must still catch truncation and broken
 * headers of later frames, and it flags objects whose later frames it did not decode.
 */
import { readFileSync } from 'node:fs';
import type { Fragment } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { handleDicomFile } from '../../../src-main/parsing/dicom/handleDicomFile';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS, type DicomObject, type PixelVerification } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

const CT0012 = (name: string) => sharedData('ct', 'enhanced', `CT0012.${name}.dcm`);

/** The file's bytes plus the fragments of each frame (CT0012 files hold 2 frames). */
function load(file: string): { bytes: Uint8Array; frames: Fragment[][] } {
  const bytes = new Uint8Array(readFileSync(file));
  const { dataSet } = readDicom(bytes, DEFAULT_LIMITS);
  expect(dataSet.byteArray.length).toBe(bytes.length); // positions below are file offsets
  const fragments = dataSet.elements.x7fe00010!.fragments!;
  // Each frame starts at a fragment that opens a codestream (no offset table in the *_no_bot files).
  const starts = fragments.flatMap((f, i) => (i === 0 || (bytes[f.position] === 0xff && bytes[f.position + 1] === 0xd8) ? [i] : []));
  const frames = starts.map((s, k) => fragments.slice(s, starts[k + 1] ?? fragments.length));
  return { bytes, frames };
}

async function importAs(bytes: Uint8Array, pixelVerification: PixelVerification): Promise<DicomObject> {
  const outcome = await handleDicomFile({ path: '/media/x.dcm', bytes }, { ...DEFAULT_LIMITS, pixelVerification });
  if (outcome === 'skip' || outcome.status !== 'parsed' || outcome.object.kind !== 'dicom') throw new Error(JSON.stringify(outcome));
  return outcome.object;
}

/** Position of the first SOFn marker (FF C0..C3, FF F7 for JPEG-LS) inside a fragment. */
function sofPosition(bytes: Uint8Array, f: Fragment): number {
  for (let p = f.position; p < f.position + f.length - 1; p++) {
    const m = bytes[p + 1]!;
    if (bytes[p] === 0xff && ((m >= 0xc0 && m <= 0xc3) || m === 0xf7)) return p;
  }
  throw new Error('no SOF marker');
}

describe('pixel verification of compressed multi-frame objects', () => {
  it('the default is first-frame', () => {
    expect(DEFAULT_LIMITS.pixelVerification).toBe('first-frame');
  });

  it('an intact object is ok in both modes; only first-frame flags the later frames as not decoded', async () => {
    const { bytes } = load(CT0012('fragmented_no_bot_jpeg_ls.80'));
    const all = await importAs(bytes, 'all-frames');
    const first = await importAs(bytes, 'first-frame');
    expect(all.pixels).toEqual({ state: 'ok' });
    expect(first.pixels).toEqual({ state: 'ok' });
    expect(all.flags).not.toContain('later-frames-not-decoded');
    expect(first.flags).toContain('later-frames-not-decoded');
  });

  it('a later frame cut short (no FF D9 end marker) is reported at import in both modes', async () => {
    const { bytes, frames } = load(CT0012('fragmented_no_bot_jpeg_lossless.70'));
    const last = frames[1]!.at(-1)!;
    const damaged = bytes.slice();
    const end = last.position + last.length;
    for (let p = end - 16; p < end; p++) damaged[p] = 0; // wipes EOI (and any pad after it)
    for (const mode of ['first-frame', 'all-frames'] as const) {
      const o = await importAs(damaged, mode);
      expect(o.pixels.state).toBe('undecodable');
      expect(o.pixels.state === 'undecodable' && o.pixels.reason).toMatch(/^frame 2 of 2 .*(end marker|FF D9)/);
      expect(o.flags).not.toContain('later-frames-not-decoded');
    }
  });

  it('a later frame without its SOI is reported at import in both modes', async () => {
    const { bytes, frames } = load(CT0012('fragmented_no_bot_jpeg_baseline.51'));
    // Frame 2 is found by its SOI in this no-offset-table file, so wiping SOI breaks the frame split itself.
    const damaged = bytes.slice();
    damaged[frames[1]![0]!.position + 1] = 0x00;
    for (const mode of ['first-frame', 'all-frames'] as const) {
      const o = await importAs(damaged, mode);
      expect(o.pixels.state).toBe('undecodable');
      expect(o.pixels.state === 'undecodable' && o.pixels.reason).toMatch(/^frame \d of 2 .*cannot split \d+ fragments into 2 frames/);
    }
  });

  it('a damaged RLE header in a later frame is reported at import in both modes', async () => {
    const file = CT0012('not_fragmented_bot_rle');
    const bytes = new Uint8Array(readFileSync(file));
    const fragments = readDicom(bytes, DEFAULT_LIMITS).dataSet.elements.x7fe00010!.fragments!;
    expect(fragments).toHaveLength(2);
    const damaged = bytes.slice();
    new DataView(damaged.buffer).setUint32(fragments[1]!.position, 7, true); // segment count 7, 16-bit grey needs 2
    for (const mode of ['first-frame', 'all-frames'] as const) {
      const o = await importAs(damaged, mode);
      expect(o.pixels.state === 'undecodable' && o.pixels.reason).toMatch(/^frame 2 of 2 .*RLE: header declares 7 segments, the image needs 2/);
    }
  });

  it('damage inside an intact later frame: all-frames reports it at import, first-frame imports and flags it', async () => {
    // A frame header claiming more rows than the image is the kind of damage only a decode can see.
    const { bytes, frames } = load(CT0012('fragmented_no_bot_jpeg_ls.80'));
    const damaged = bytes.slice();
    const sof = sofPosition(damaged, frames[1]![0]!);
    const view = new DataView(damaged.buffer);
    view.setUint16(sof + 5, view.getUint16(sof + 5) + 64); // SOF: FF Cn, length(2), precision(1), height(2)
    const all = await importAs(damaged, 'all-frames');
    expect(all.pixels.state).toBe('undecodable');
    expect(all.pixels.state === 'undecodable' && all.pixels.reason).toMatch(/^frame 2 of 2 could not be decoded: /);
    const first = await importAs(damaged, 'first-frame');
    expect(first.pixels).toEqual({ state: 'ok' });
    expect(first.flags).toContain('later-frames-not-decoded');
  });

  it('native multi-frame objects are length-checked and never flagged', async () => {
    const o = await importAs(new Uint8Array(readFileSync(sharedData('mr', 'enhanced', 'philips_IM_0027_fMAP.dcm'))), 'first-frame');
    expect(o.geometry!.frames).toBe(64);
    expect(o.pixels).toEqual({ state: 'ok' });
    expect(o.flags).not.toContain('later-frames-not-decoded');
  });
});
