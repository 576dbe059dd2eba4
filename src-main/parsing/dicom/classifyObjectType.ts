import type { DicomObject } from '../types';

/**
 * What an object is, from its SOP Class UID (PS3.4 Annex B / PS3.6 Annex A).
 *
 * | SOP class                                   | objectType   |
 * |---------------------------------------------|--------------|
 * | 1.2.840.10008.5.1.4.1.1.66.4 Segmentation    | seg          |
 * | 1.2.840.10008.5.1.4.1.1.88.* (all SR, KOS)   | sr           |
 * | 1.2.840.10008.5.1.4.1.1.9.* (waveforms)      | waveform     |
 * | 1.2.840.10008.5.1.4.1.1.91.1 Microscopy Bulk Simple Annotations | annotation |
 * | 1.2.840.10008.5.1.4.1.1.11.* presentation states | presentation |
 * | anything else carrying Pixel Data            | image        |
 * | anything else                                | other        |
 */
export function classifyObjectType(sopClassUid: string, hasPixelData: boolean): DicomObject['objectType'] {
  if (sopClassUid === '1.2.840.10008.5.1.4.1.1.66.4') return 'seg';
  if (sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.88.')) return 'sr';
  if (isWaveformSopClass(sopClassUid)) return 'waveform';
  if (sopClassUid === '1.2.840.10008.5.1.4.1.1.91.1') return 'annotation';
  if (sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.11.')) return 'presentation';
  return hasPixelData ? 'image' : 'other';
}

export function isWaveformSopClass(sopClassUid: string): boolean {
  return sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.9.');
}
