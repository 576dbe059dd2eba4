/**
 * Tag keys in dicom-parser's `xggggeeee` form for the attributes this folder reads.
 * Named constants keep the header readers legible and typo-free.
 */
export const TAG = {
  metaGroupLength: 'x00020000',
  mediaStorageSopClassUid: 'x00020002',
  mediaStorageSopInstanceUid: 'x00020003',
  transferSyntaxUid: 'x00020010',
  directoryRecordSequence: 'x00041220',
  referencedFileId: 'x00041500',
  specificCharacterSet: 'x00080005',
  sopClassUid: 'x00080016',
  sopInstanceUid: 'x00080018',
  studyDate: 'x00080020',
  studyTime: 'x00080030',
  accessionNumber: 'x00080050',
  modality: 'x00080060',
  studyDescription: 'x00081030',
  seriesDescription: 'x0008103e',
  patientName: 'x00100010',
  patientId: 'x00100020',
  patientBirthDate: 'x00100030',
  patientSex: 'x00100040',
  bodyPartExamined: 'x00180015',
  sliceThickness: 'x00180050',
  imagerPixelSpacing: 'x00181164',
  studyInstanceUid: 'x0020000d',
  seriesInstanceUid: 'x0020000e',
  studyId: 'x00200010',
  seriesNumber: 'x00200011',
  instanceNumber: 'x00200013',
  imagePositionPatient: 'x00200032',
  imageOrientationPatient: 'x00200037',
  samplesPerPixel: 'x00280002',
  photometricInterpretation: 'x00280004',
  numberOfFrames: 'x00280008',
  rows: 'x00280010',
  columns: 'x00280011',
  pixelSpacing: 'x00280030',
  bitsAllocated: 'x00280100',
  bitsStored: 'x00280101',
  pixelRepresentation: 'x00280103',
  burnedInAnnotation: 'x00280301',
  windowCenter: 'x00281050',
  windowWidth: 'x00281051',
  rescaleIntercept: 'x00281052',
  rescaleSlope: 'x00281053',
  lossyImageCompression: 'x00282110',
  pixelMeasuresSequence: 'x00289110',
  frameVoiLutSequence: 'x00289132',
  pixelValueTransformationSequence: 'x00289145',
  planePositionSequence: 'x00209113',
  planeOrientationSequence: 'x00209116',
  sharedFunctionalGroupsSequence: 'x52009229',
  perFrameFunctionalGroupsSequence: 'x52009230',
  floatPixelData: 'x7fe00008',
  doubleFloatPixelData: 'x7fe00009',
  pixelData: 'x7fe00010',
} as const;

/** `(GGGG,EEEE)` for messages, from a dicom-parser key. */
export function formatTag(key: string): string {
  return `(${key.slice(1, 5).toUpperCase()},${key.slice(5, 9).toUpperCase()})`;
}

export function tagKey(group: number, element: number): string {
  return `x${group.toString(16).padStart(4, '0')}${element.toString(16).padStart(4, '0')}`;
}
