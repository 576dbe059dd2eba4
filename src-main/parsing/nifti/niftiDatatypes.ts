/**
 * NIfTI datatype codes (nifti1.h DT_*), with what a reader needs: the stored size of one voxel, the size of
 * one array element (for byte swapping), and whether values are integers (label-map rule).
 */
export interface NiftiDatatype {
  code: number;
  name: string;
  bytesPerVoxel: number;
  /** Bytes of one scalar element: 4 for complex64 (two float32), 1 for rgb24. Used for byte swapping. */
  elementBytes: number;
  kind: 'int' | 'uint' | 'float' | 'complex' | 'rgb';
}

const TABLE: NiftiDatatype[] = [
  { code: 2, name: 'uint8', bytesPerVoxel: 1, elementBytes: 1, kind: 'uint' },
  { code: 4, name: 'int16', bytesPerVoxel: 2, elementBytes: 2, kind: 'int' },
  { code: 8, name: 'int32', bytesPerVoxel: 4, elementBytes: 4, kind: 'int' },
  { code: 16, name: 'float32', bytesPerVoxel: 4, elementBytes: 4, kind: 'float' },
  { code: 32, name: 'complex64', bytesPerVoxel: 8, elementBytes: 4, kind: 'complex' },
  { code: 64, name: 'float64', bytesPerVoxel: 8, elementBytes: 8, kind: 'float' },
  { code: 128, name: 'rgb24', bytesPerVoxel: 3, elementBytes: 1, kind: 'rgb' },
  { code: 256, name: 'int8', bytesPerVoxel: 1, elementBytes: 1, kind: 'int' },
  { code: 512, name: 'uint16', bytesPerVoxel: 2, elementBytes: 2, kind: 'uint' },
  { code: 768, name: 'uint32', bytesPerVoxel: 4, elementBytes: 4, kind: 'uint' },
  { code: 1024, name: 'int64', bytesPerVoxel: 8, elementBytes: 8, kind: 'int' },
  { code: 1280, name: 'uint64', bytesPerVoxel: 8, elementBytes: 8, kind: 'uint' },
  { code: 1792, name: 'complex128', bytesPerVoxel: 16, elementBytes: 8, kind: 'complex' },
  { code: 2304, name: 'rgba32', bytesPerVoxel: 4, elementBytes: 1, kind: 'rgb' },
];

/** Codes that are valid NIfTI but that no viewer here can display; refused with a named reason. */
const UNSUPPORTED: Record<number, string> = { 1: 'binary (1 bit)', 1536: 'float128', 2048: 'complex256' };

const BY_CODE = new Map(TABLE.map((d) => [d.code, d]));

/** The datatype for a code, or a message saying why it cannot be read. */
export function niftiDatatype(code: number): NiftiDatatype | { error: string } {
  const known = BY_CODE.get(code);
  if (known) return known;
  const unsupported = UNSUPPORTED[code];
  if (unsupported) return { error: `NIfTI datatype ${unsupported} (code ${code}) is not supported` };
  return { error: `unknown NIfTI datatype code ${code}` };
}

export function isIntegerDatatype(d: NiftiDatatype): boolean {
  return d.kind === 'int' || d.kind === 'uint';
}
