/**
 * Recognises common non-DICOM files by their magic so the "not DICOM" message can say what the file is.
 * Only a courtesy for the error text: absence of DICOM structure is what decides.
 */
const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'XML document', bytes: [0x3c, 0x3f, 0x78, 0x6d, 0x6c] },
];

export function sniffNonDicom(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b))?.name;
}
