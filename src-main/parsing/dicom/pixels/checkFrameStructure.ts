import type { DataSet, Fragment } from 'dicom-parser';
import { checkCodestreamEnd } from './codestreamEnd';
import { frameFragments } from './encapsulatedFrame';
import { readPixelModule } from './pixelModule';
import { rleSegmentOffsets } from './rleDecoder';
import { pixelEncodingOf, type PixelEncoding } from './transferSyntax';

/**
 * The cheap check of one encapsulated frame that the import runs instead of decoding it (the
 * 'first-frame' pixel verification, see ParseLimits.pixelVerification). It finds what damage usually
 * looks like — truncation, a broken offset table, fragments that do not add up to the frame count, a
 * codestream cut short — in microseconds instead of the 20–120 ms a decode costs, and it refuses nothing
 * the decoder would accept: every test here is one decodeFrame makes too (grouping, fragment bounds, the
 * FF D9 end marker, the RLE header), plus the codestream start marker the codecs themselves require.
 * What it cannot see is damage inside the entropy-coded data of an intact frame; that shows when the
 * frame is first decoded (viewer, model input).
 *
 * Throws an Error naming the problem, like decodeFrame.
 */
export function checkFrameStructure(dataSet: DataSet, frameIndex: number, transferSyntaxUid: string): void {
  const encoding = pixelEncodingOf(transferSyntaxUid);
  if (encoding === 'native') throw new Error('checkFrameStructure is for encapsulated pixel data');
  const element = dataSet.elements['x7fe00010'];
  if (!element?.encapsulatedPixelData) throw new Error(`transfer syntax ${transferSyntaxUid} needs encapsulated pixel data, but Pixel Data is native`);
  const module = readPixelModule(dataSet);
  const group = frameFragments(dataSet, element, frameIndex, module.numberOfFrames);
  const length = group.reduce((n, f) => n + f.length, 0);
  const bytes = dataSet.byteArray;

  if (encoding === 'rle') {
    rleSegmentOffsets(copyRange(bytes, group, 0, 64), length, module);
    return;
  }
  const name = CODEC_NAMES[encoding];
  const head = copyRange(bytes, group, 0, 8);
  if (!startsCodestream(head, encoding)) {
    throw new Error(`${name} codestream does not start with its start marker (found ${hex(head.subarray(0, 2))})`);
  }
  checkCodestreamEnd(copyRange(bytes, group, Math.max(0, length - 16), 16), name);
}

const CODEC_NAMES: Record<Exclude<PixelEncoding, 'native' | 'rle'>, string> = {
  'jpeg-dct': 'JPEG',
  'jpeg-lossless': 'JPEG Lossless',
  'jpeg-ls': 'JPEG-LS',
  jpeg2000: 'JPEG 2000',
  htj2k: 'HTJ2K',
};

/** JPEG family: SOI (FF D8). JPEG 2000 / HTJ2K: SOC (FF 4F) or a JP2 signature box. */
function startsCodestream(head: Uint8Array, encoding: Exclude<PixelEncoding, 'native' | 'rle'>): boolean {
  if (head[0] !== 0xff) {
    const jp2 = head.length >= 6 && head[0] === 0 && head[1] === 0 && head[2] === 0 && head[3] === 0x0c && head[4] === 0x6a && head[5] === 0x50;
    return jp2 && (encoding === 'jpeg2000' || encoding === 'htj2k');
  }
  return encoding === 'jpeg2000' || encoding === 'htj2k' ? head[1] === 0x4f : head[1] === 0xd8;
}

/** Up to `count` bytes of the frame starting at `from`, gathered across its fragments (copies only those bytes). */
function copyRange(bytes: Uint8Array, group: Fragment[], from: number, count: number): Uint8Array {
  const out: number[] = [];
  let at = 0;
  for (const f of group) {
    for (let i = Math.max(0, from - at); i < f.length && out.length < count; i++) out.push(bytes[f.position + i] as number);
    at += f.length;
    if (out.length >= count) break;
  }
  return Uint8Array.from(out);
}

function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ') || 'nothing';
}
