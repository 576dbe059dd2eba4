/**
 * The 128-byte Part-10 preamble is free for application use, which makes DICOM/executable polyglots
 * possible (CVE-2019-11687). A preamble opening with an executable magic is flagged; TIFF headers
 * ("II*\0", "MM\0*") are a documented legitimate use (dual-personality DICOM-TIFF) and are not.
 */

const EXECUTABLE_MAGICS: { name: string; bytes: number[] }[] = [
  { name: 'Windows PE (MZ)', bytes: [0x4d, 0x5a] },
  { name: 'ELF', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'Mach-O 32-bit', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { name: 'Mach-O 64-bit', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { name: 'Mach-O 32-bit (reversed)', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O 64-bit (reversed)', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O universal', bytes: [0xca, 0xfe, 0xba, 0xbe] },
];

/** Name of the executable format the preamble starts with, or undefined for zero/TIFF/other preambles. */
export function suspiciousPreamble(bytes: Uint8Array): string | undefined {
  const hit = EXECUTABLE_MAGICS.find((m) => m.bytes.every((b, i) => bytes[i] === b));
  return hit?.name;
}
