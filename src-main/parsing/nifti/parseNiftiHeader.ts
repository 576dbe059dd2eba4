import { NiftiRefusal } from './NiftiRefusal';
import { niftiDatatype, type NiftiDatatype } from './niftiDatatypes';

/** The header fields this workstation uses, decoded from either NIfTI-1 (348 bytes) or NIfTI-2 (540 bytes). */
export interface NiftiHeader extends Omit<RawFields, 'dim' | 'datatype' | 'bitpix'> {
  version: 1 | 2;
  littleEndian: boolean;
  headerSize: 348 | 540;
  /** dim[1..dim[0]]: the voxel grid size. */
  dims: number[];
  datatype: NiftiDatatype;
  warnings: string[];
}

const MAGIC_N1 = 'n+1\0';
const MAGIC_N2 = 'n+2\0\r\n\x1a\n';

/**
 * Which NIfTI version and byte order the first bytes declare, or null when they are not NIfTI. sizeof_hdr is
 * the endianness probe the spec prescribes (348 or 540 read in the wrong byte order is a different number).
 */
export function sniffNifti(bytes: Uint8Array): { version: 1 | 2; littleEndian: boolean } | null {
  if (bytes.length < 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian);
    if (size === 348 && bytes.length >= 348 && /^n(\+|i)1\0$/.test(ascii(bytes, 344, 4))) return { version: 1, littleEndian };
    if (size === 540 && bytes.length >= 12 && /^n(\+|i)2\0/.test(ascii(bytes, 4, 4))) return { version: 2, littleEndian };
  }
  return null;
}

/** Decodes and validates a NIfTI-1/2 header. Throws NiftiRefusal with a specific reason. */
export function parseNiftiHeader(bytes: Uint8Array): NiftiHeader {
  const sniffed = sniffNifti(bytes);
  if (!sniffed) {
    const view4 = bytes.length >= 4 ? new DataView(bytes.buffer, bytes.byteOffset, 4) : null;
    const size = view4 ? view4.getInt32(0, true) : -1;
    const declared = [size, view4 ? view4.getInt32(0, false) : -1].find((n) => n === 348 || n === 540);
    if (declared !== undefined && bytes.length < declared) {
      throw new NiftiRefusal(`truncated: NIfTI header needs ${declared} bytes, file has ${bytes.length}`);
    }
    throw new NiftiRefusal(
      bytes.length < 348
        ? `not a NIfTI file: only ${bytes.length} bytes, shorter than a NIfTI-1 header (348)`
        : `not a NIfTI file: sizeof_hdr is ${size} and no n+1/n+2 magic`,
    );
  }
  const { version, littleEndian } = sniffed;
  const headerSize = version === 1 ? 348 : 540;
  if (bytes.length < headerSize) {
    throw new NiftiRefusal(`truncated: NIfTI-${version} header needs ${headerSize} bytes, file has ${bytes.length}`);
  }
  const magic = version === 1 ? ascii(bytes, 344, 4) : ascii(bytes, 4, 8);
  if (magic !== MAGIC_N1 && magic !== MAGIC_N2) {
    // ni1/ni2: header in .hdr, voxels in a separate .img that this handler is never given.
    throw new NiftiRefusal('two-file NIfTI (.hdr/.img pair) is not supported; convert to a single .nii');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerSize);
  const le = littleEndian;
  const f = version === 1 ? nifti1Fields(view, le) : nifti2Fields(view, le);
  const warnings: string[] = [];

  const ndim = f.dim[0]!;
  if (!Number.isInteger(ndim) || ndim < 1 || ndim > 7) throw new NiftiRefusal(`invalid NIfTI header: dim[0] is ${ndim} (must be 1..7)`);
  const dims = f.dim.slice(1, ndim + 1);
  dims.forEach((d, i) => {
    // 2^31-1 is the NIfTI-1 field's own limit; larger NIfTI-2 sizes are refused as absurd rather than trusted.
    if (!Number.isSafeInteger(d) || d < 1 || d > 0x7fffffff) {
      throw new NiftiRefusal(`invalid NIfTI header: dim[${i + 1}] is ${d}`);
    }
  });

  const datatype = niftiDatatype(f.datatype);
  if ('error' in datatype) throw new NiftiRefusal(datatype.error);
  if (f.bitpix !== datatype.bytesPerVoxel * 8) {
    warnings.push(`bitpix ${f.bitpix} disagrees with datatype ${datatype.name}; datatype used`);
  }

  let voxOffset = f.voxOffset;
  if (!Number.isFinite(voxOffset) || voxOffset < 0) throw new NiftiRefusal(`invalid NIfTI header: vox_offset is ${voxOffset}`);
  voxOffset = Math.floor(voxOffset); // NIfTI-1 stores it as a float; the spec says it is a whole byte count.
  const minOffset = headerSize + 4; // header + the 4-byte extension flag of a single-file NIfTI
  if (voxOffset < minOffset) {
    warnings.push(`vox_offset ${voxOffset} is inside the header; ${minOffset} used`);
    voxOffset = minOffset;
  }

  return {
    version,
    littleEndian,
    headerSize,
    dims,
    datatype,
    pixdim: f.pixdim,
    voxOffset,
    sclSlope: f.sclSlope,
    sclInter: f.sclInter,
    calMin: f.calMin,
    calMax: f.calMax,
    intentCode: f.intentCode,
    qformCode: f.qformCode,
    sformCode: f.sformCode,
    quatern: f.quatern,
    qoffset: f.qoffset,
    srow: f.srow,
    xyztUnits: f.xyztUnits,
    description: f.description,
    warnings,
  };
}

/** The fields as stored, identical in NIfTI-1 and NIfTI-2 apart from their offsets and widths. */
interface RawFields {
  dim: number[];
  datatype: number;
  bitpix: number;
  /** All 8 pixdim entries; pixdim[0] is qfac. */
  pixdim: number[];
  /** Byte offset of the voxel data in the (decompressed) file. */
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  calMin: number;
  calMax: number;
  intentCode: number;
  qformCode: number;
  sformCode: number;
  quatern: [number, number, number];
  qoffset: [number, number, number];
  srow: [number[], number[], number[]];
  xyztUnits: number;
  description: string;
}

/** Field offsets from nifti1.h (struct nifti_1_header). */
function nifti1Fields(v: DataView, le: boolean): RawFields {
  const f32 = (o: number) => v.getFloat32(o, le);
  const i16 = (o: number) => v.getInt16(o, le);
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return {
    dim: range(8).map((i) => i16(40 + 2 * i)),
    intentCode: i16(68),
    datatype: i16(70),
    bitpix: i16(72),
    pixdim: range(8).map((i) => f32(76 + 4 * i)),
    voxOffset: f32(108),
    sclSlope: f32(112),
    sclInter: f32(116),
    xyztUnits: v.getUint8(123),
    calMax: f32(124),
    calMin: f32(128),
    description: cString(bytes, 148, 80),
    qformCode: i16(252),
    sformCode: i16(254),
    quatern: [f32(256), f32(260), f32(264)],
    qoffset: [f32(268), f32(272), f32(276)],
    srow: [0, 1, 2].map((r) => range(4).map((c) => f32(280 + 16 * r + 4 * c))) as [number[], number[], number[]],
  };
}

/** Field offsets from nifti2.h (struct nifti_2_header): same fields, 64-bit and reordered. */
function nifti2Fields(v: DataView, le: boolean): RawFields {
  const f64 = (o: number) => v.getFloat64(o, le);
  const i32 = (o: number) => v.getInt32(o, le);
  // int64 beyond 2^53 cannot be a real size; Number() makes it non-safe and the dim check refuses it.
  const i64 = (o: number) => Number(v.getBigInt64(o, le));
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return {
    datatype: v.getInt16(12, le),
    bitpix: v.getInt16(14, le),
    dim: range(8).map((i) => i64(16 + 8 * i)),
    pixdim: range(8).map((i) => f64(104 + 8 * i)),
    voxOffset: i64(168),
    sclSlope: f64(176),
    sclInter: f64(184),
    calMax: f64(192),
    calMin: f64(200),
    description: cString(bytes, 240, 80),
    qformCode: i32(344),
    sformCode: i32(348),
    quatern: [f64(352), f64(360), f64(368)],
    qoffset: [f64(376), f64(384), f64(392)],
    srow: [0, 1, 2].map((r) => range(4).map((c) => f64(400 + 32 * r + 8 * c))) as [number[], number[], number[]],
    xyztUnits: i32(500),
    intentCode: i32(504),
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function cString(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return new TextDecoder('latin1').decode(end >= 0 ? field.subarray(0, end) : field).trim();
}
