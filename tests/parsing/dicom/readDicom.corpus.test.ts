import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

const read = (...parts: string[]) => readDicom(new Uint8Array(readFileSync(sharedData(...parts))), DEFAULT_LIMITS);

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT = '1.2.840.10008.5.1.4.1.1.2';
const MR = '1.2.840.10008.5.1.4.1.1.4';
const SC = '1.2.840.10008.5.1.4.1.1.7';

// Transfer syntax (File Meta 0002,0010) and SOP class (0008,0016) of every file, as printed by pydicom 2.3.1
// (dcmread(force=True)) — an independent reader. '' = no File Meta: the TS our reader infers is checked
// against what dcmdump reports as "Used TransferSyntax".
const CORPUS: [string, string, string][] = [
  ['ct/CT1_UNC.explicit_little_endian.dcm', EXPLICIT_LE, CT],
  ['ct/CT_small.dcm', EXPLICIT_LE, CT],
  ['ct/GH1308_ge_ct.dcm', EXPLICIT_LE, CT],
  ['ct/enhanced/CT0012.explicit_little_endian.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.2.1'],
  ['ct/enhanced/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm', '1.2.840.10008.1.2.4.51', '1.2.840.10008.5.1.4.1.1.2.1'],
  ['ct/enhanced/CT0012.fragmented_no_bot_jpeg_lossless.70.dcm', '1.2.840.10008.1.2.4.70', '1.2.840.10008.5.1.4.1.1.2.1'],
  ['ct/enhanced/CT0012.fragmented_no_bot_jpeg_ls.80.dcm', '1.2.840.10008.1.2.4.80', '1.2.840.10008.5.1.4.1.1.2.1'],
  ['ct/enhanced/CT0012.not_fragmented_bot_rle.dcm', '1.2.840.10008.1.2.5', '1.2.840.10008.5.1.4.1.1.2.1'],
  ['mr/GH1339_siemens_jpeg_lossless.dcm', '1.2.840.10008.1.2.4.70', MR],
  ['mr/MR_small.dcm', EXPLICIT_LE, MR],
  ['mr/enhanced/emri_small.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.4.1'],
  ['mr/enhanced/philips_IM_0027_fMAP.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.4.1'],
  ['compressed/HTJ2K_08_RGB.dcm', '1.2.840.10008.1.2.4.203', SC],
  ['compressed/JPEG-LL.dcm', '1.2.840.10008.1.2.4.70', SC],
  ['compressed/JPEG2000.dcm', '1.2.840.10008.1.2.4.91', SC],
  ['compressed/JPEGLSNearLossless_08.dcm', '1.2.840.10008.1.2.4.81', SC],
  ['compressed/JPGExtended.dcm', '1.2.840.10008.1.2.4.51', SC],
  ['compressed/MR_small_RLE.dcm', '1.2.840.10008.1.2.5', MR],
  ['compressed/MR_small_jp2klossless.dcm', '1.2.840.10008.1.2.4.90', MR],
  ['compressed/MR_small_jpeg_ls_lossless.dcm', '1.2.840.10008.1.2.4.80', MR],
  ['compressed/SC_rgb_jpeg_dcmtk.dcm', '1.2.840.10008.1.2.4.50', SC],
  ['compressed/SC_rgb_jpeg_gdcm.dcm', '1.2.840.10008.1.2.4.70', SC],
  ['compressed/SC_rgb_rle.dcm', '1.2.840.10008.1.2.5', SC],
  ['compressed/SC_ybr_full_422_uncompressed.dcm', EXPLICIT_LE, SC],
  ['compressed/dcm_qa_ts_1.dcm', EXPLICIT_LE, MR],
  ['compressed/dcm_qa_ts_2.dcm', '1.2.840.10008.1.2', MR],
  ['compressed/dcm_qa_ts_3.dcm', '1.2.840.10008.1.2.2', MR],
  ['compressed/dcm_qa_ts_4.dcm', '1.2.840.10008.1.2.5', MR],
  ['compressed/dcm_qa_ts_5.dcm', '1.2.840.10008.1.2.4.70', MR],
  ['compressed/dcm_qa_ts_6.dcm', '1.2.840.10008.1.2.4.70', MR],
  ['compressed/dcm_qa_ts_7.dcm', '1.2.840.10008.1.2.4.80', MR],
  ['compressed/dcm_qa_ts_8.dcm', '1.2.840.10008.1.2.4.80', MR],
  ['compressed/dcm_qa_ts_9.dcm', '1.2.840.10008.1.2.4.90', MR],
  ['us/ExplVR_BigEnd_us_rgb.dcm', '1.2.840.10008.1.2.2', '1.2.840.10008.5.1.4.1.1.6.1'],
  ['us/US1_J2KI.dcm', '1.2.840.10008.1.2.4.91', '1.2.840.10008.5.1.4.1.1.6.1'],
  ['us/examples_rgb_color_us.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.6.1'],
  ['us/examples_ybr_color_us_multiframe_jpeg.dcm', '1.2.840.10008.1.2.4.50', '1.2.840.10008.5.1.4.1.1.3.1'],
  ['xa/HasFragmentSequence_xa_96frames_jpeg.dcm', '1.2.840.10008.1.2.4.50', '1.2.840.10008.5.1.4.1.1.12.1'],
  ['xray/CR-MONO1-10-chest.raw-no-part10', '1.2.840.10008.1.2', '1.2.840.10008.5.1.4.1.1.1'],
  ['xray/dx_chest_fujifilm.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.1.1'],
  ['mg/GH133_mg_ge_jpeg_lossless.dcm', '1.2.840.10008.1.2.4.70', '1.2.840.10008.5.1.4.1.1.1.2'],
  ['pathology/fodicom_multiframe_wsi.dcm', '1.2.840.10008.1.2.4.50', '1.2.840.10008.5.1.4.1.1.77.1.6'],
  ['pathology/sm_annotations.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.91.1'],
  ['pathology/sm_image.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.77.1.6'],
  ['seg/seg_image_ct_binary.dcm', '1.2.840.10008.1.2', '1.2.840.10008.5.1.4.1.1.66.4'],
  ['seg/seg_image_ct_true_fractional.dcm', '1.2.840.10008.1.2', '1.2.840.10008.5.1.4.1.1.66.4'],
  ['sr/reportsi.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.88.11'],
  ['sr/sr_document_tid1500.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.88.34'],
  ['sr/test-SR.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.88.33'],
  ['ecg/dicom/Example_12lead.dcm', '1.2.840.10008.1.2', '1.2.840.10008.5.1.4.1.1.9.1.1'],
  ['ecg/dicom/waveform_ecg.dcm', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.9.1.1'],
  ['dicomdir/77654033/CR1/6154', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.1'],
  ['dicomdir/77654033/CR2/6247', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.1'],
  ['dicomdir/77654033/CR3/6278', EXPLICIT_LE, '1.2.840.10008.5.1.4.1.1.1'],
  ['dicomdir/77654033/CT2/17106', EXPLICIT_LE, CT],
  ['dicomdir/98892001/CT5N/2062', EXPLICIT_LE, CT],
  ['dicomdir/98892003/MR700/4467', EXPLICIT_LE, MR],
];

describe('readDicom on the shared corpus', () => {
  it.each(CORPUS)('%s reads with TS %s and SOP class %s', (file, ts, sopClass) => {
    const r = read(...file.split('/'));
    expect(r.transferSyntaxUid).toBe(ts);
    expect(r.dataSet.string('x00080016')).toBe(sopClass);
  });

  it.each([
    ['ct', 'series_philips_ingenuity_phantom_brain5mm', 28, CT],
    ['mr', 'series_toshiba_galan_dti_ortho_vol1', 40, MR],
  ])('every file of %s/%s reads (%i files)', (domain, dir, count, sopClass) => {
    const files = readdirSync(sharedData(domain, dir));
    expect(files).toHaveLength(count);
    for (const f of files) {
      const r = read(domain, dir, f);
      expect(r.transferSyntaxUid).toBe(EXPLICIT_LE);
      expect(r.dataSet.string('x00080016')).toBe(sopClass);
      expect(r.flags).toEqual([]);
    }
  });

  it('every DICOMDIR image file reads', () => {
    for (const p of ['77654033', '98892001', '98892003']) {
      for (const series of readdirSync(sharedData('dicomdir', p))) {
        for (const f of readdirSync(sharedData('dicomdir', p, series))) {
          expect(read('dicomdir', p, series, f).transferSyntaxUid).toBe(EXPLICIT_LE);
        }
      }
    }
  });

  it('flags lossy transfer syntaxes and Lossy Image Compression 01, not lossless ones', () => {
    expect(read('compressed', 'JPEG2000.dcm').flags).toContain('lossy-compressed');
    expect(read('compressed', 'JPEGLSNearLossless_08.dcm').flags).toContain('lossy-compressed');
    expect(read('ct', 'enhanced', 'CT0012.fragmented_no_bot_jpeg_baseline.51.dcm').flags).toContain('lossy-compressed');
    // Native pixels, but dcmdump shows (0028,2110) LossyImageCompression = 01 (JPEG round trip).
    expect(read('compressed', 'SC_ybr_full_422_uncompressed.dcm').flags).toContain('lossy-compressed');
    expect(read('compressed', 'JPEG-LL.dcm').flags).not.toContain('lossy-compressed');
    expect(read('compressed', 'MR_small_jp2klossless.dcm').flags).not.toContain('lossy-compressed');
  });

  it('flags ultrasound and secondary capture as possibly carrying burned-in annotation', () => {
    expect(read('us', 'examples_rgb_color_us.dcm').flags).toContain('burned-in-annotation');
    expect(read('compressed', 'SC_rgb_rle.dcm').flags).toContain('burned-in-annotation');
    expect(read('ct', 'CT_small.dcm').flags).not.toContain('burned-in-annotation');
    // VL Whole Slide Microscopy (…77.1.6) shares the "1.1.7" prefix with Secondary Capture but is not one.
    expect(read('pathology', 'sm_image.dcm').flags).not.toContain('burned-in-annotation');
  });

  it('reads the CR chest that has no Part-10 header as Implicit VR LE', () => {
    const r = read('xray', 'CR-MONO1-10-chest.raw-no-part10');
    expect(r.flags).toEqual(['no-part10-header']);
    expect(r.transferSyntaxUid).toBe('1.2.840.10008.1.2');
    // Values from pydicom: Rows/Columns 440, Modality CR, BodyPartExamined CHEST.
    expect(r.dataSet.uint16('x00280010')).toBe(440);
    expect(r.dataSet.uint16('x00280011')).toBe(440);
    expect(r.dataSet.string('x00080060')).toBe('CR');
    expect(r.dataSet.string('x00180015')).toBe('CHEST');
  });

  it.each([
    ['dermoscopy/ISIC_0000000.jpg', 'JPEG image'],
    ['pathology/ihc.png', 'PNG image'],
    ['malformed/zipMR.gz', 'gzip archive'],
    ['malformed/truncated.jpg', 'JPEG image'],
    ['dicomdir/TINY_ALPHA/README', 'no "DICM" marker'],
    ['ecg/wfdb/100.hea', 'no "DICM" marker'],
    ['ecg/scp/Example.scp', 'no "DICM" marker'],
    ['nifti/anatomical.nii', 'no "DICM" marker'],
  ])('%s is "not DICOM" (%s)', (file, what) => {
    let caught: unknown;
    try {
      read(...file.split('/'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ notDicom: true, name: 'DicomReadError' });
    expect((caught as Error).message).toContain(what);
  });
});
