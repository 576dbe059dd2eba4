import type { Domain } from '../types';

const CHEST_PARTS = new Set(['CHEST', 'THORAX', 'LUNG']);

/**
 * Clinical domain of a DICOM object (the QoQ-Med grouping), from Modality (0008,0060) and Body Part
 * Examined (0018,0015). First matching row wins:
 *
 * | rule                                              | domain        |
 * |---------------------------------------------------|---------------|
 * | waveform SOP class (1.2.840.10008.5.1.4.1.1.9.*)  | ecg           |
 * | Modality ECG                                      | ecg           |
 * | Modality CT                                       | ct            |
 * | Modality MR                                       | mri           |
 * | Modality CR or DX, body part CHEST/THORAX/LUNG or absent | cxr      |
 * | Modality MG                                       | mammography   |
 * | Modality US                                       | ultrasound    |
 * | Modality SM                                       | pathology     |
 * | Modality OP                                       | fundus        |
 * | Modality XC, body part SKIN                       | skin          |
 * | anything else (SEG, SR, CR of a hand, XA, NM, ...) | other        |
 *
 * "Absent" counts as chest for CR/DX because most chest radiographs in the wild omit the body part,
 * while other radiographs usually name it. THORAX is what e.g. FUJIFILM DX writes for a chest film.
 */
export function classifyDomain(modality: string, bodyPart: string | undefined, isWaveform: boolean): Domain {
  const part = (bodyPart ?? '').trim().toUpperCase();
  if (isWaveform || modality === 'ECG') return 'ecg';
  switch (modality) {
    case 'CT':
      return 'ct';
    case 'MR':
      return 'mri';
    case 'CR':
    case 'DX':
      return part === '' || CHEST_PARTS.has(part) ? 'cxr' : 'other';
    case 'MG':
      return 'mammography';
    case 'US':
      return 'ultrasound';
    case 'SM':
      return 'pathology';
    case 'OP':
      return 'fundus';
    case 'XC':
      return part === 'SKIN' ? 'skin' : 'other';
    default:
      return 'other';
  }
}
