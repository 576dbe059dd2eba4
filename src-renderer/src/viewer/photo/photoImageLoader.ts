// A cornerstone image loader for photos (dermoscopy, fundus, pathology PNG/JPEG/TIFF): `qoqphoto:<url>`
// ids fetch the stored file from the host's /files/images/<id> route and become colour cornerstone images,
// so photos open in the same stack viewer (zoom, pan, measurements) as DICOM. Photos have no pixel
// spacing: lengths are in px. A metadata provider answers the modules the stack viewport asks for.
import { Enums, imageLoader, metaData, utilities, type Types } from '@cornerstonejs/core';
import { fetchAndDecodePhoto } from './decodePhoto';
import { PHOTO_SCHEME } from './photoImageId';

const PREFIX = `${PHOTO_SCHEME}:`;

const sizes = new Map<string, { width: number; height: number }>();

function toImage(imageId: string, width: number, height: number, rgb: Uint8Array): Types.IImage {
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({ width, height, scalarData: rgb, numberOfComponents: 3, id: imageId });
  return {
    imageId,
    minPixelValue: 0,
    maxPixelValue: 255,
    slope: 1,
    intercept: 0,
    windowCenter: 128,
    windowWidth: 256,
    voiLUTFunction: Enums.VOILUTFunctionType.LINEAR,
    getPixelData: () => rgb,
    // The GPU path draws from the pixel data; the canvas getter is for cornerstone's CPU fallback only.
    getCanvas: () => {
      throw new Error('photos are drawn from pixel data');
    },
    rows: height,
    columns: width,
    height,
    width,
    color: true,
    rgba: false,
    numberOfComponents: 3,
    columnPixelSpacing: 1,
    rowPixelSpacing: 1,
    invert: false,
    photometricInterpretation: 'RGB',
    sizeInBytes: rgb.byteLength,
    dataType: 'Uint8Array',
    voxelManager,
  };
}

function loadPhoto(imageId: string): ReturnType<Types.ImageLoaderFn> {
  const promise = fetchAndDecodePhoto(imageId.slice(PREFIX.length)).then(({ width, height, rgb }) => {
    sizes.set(imageId, { width, height });
    return toImage(imageId, width, height, rgb);
  });
  return { promise };
}

/** Only the modules a stack viewport needs for a plain 2D colour image with unknown spacing. */
function photoMetadata(type: string, imageId: string): unknown {
  if (!imageId.startsWith(PREFIX)) return undefined;
  const size = sizes.get(imageId);
  switch (type) {
    case 'imagePixelModule':
      return {
        samplesPerPixel: 3,
        photometricInterpretation: 'RGB',
        bitsAllocated: 8,
        bitsStored: 8,
        highBit: 7,
        pixelRepresentation: 0,
        planarConfiguration: 0,
        rows: size?.height,
        columns: size?.width,
      };
    case 'imagePlaneModule':
      return {
        rows: size?.height,
        columns: size?.width,
        rowCosines: [1, 0, 0],
        columnCosines: [0, 1, 0],
        imageOrientationPatient: [1, 0, 0, 0, 1, 0],
        imagePositionPatient: [0, 0, 0],
        pixelSpacing: [1, 1],
        rowPixelSpacing: 1,
        columnPixelSpacing: 1,
        // Tells the tools the spacing is a stand-in: measurements are reported in px, not mm.
        usingDefaultValues: true,
      };
    case 'generalSeriesModule':
      return { modality: 'XC' };
    default:
      return undefined;
  }
}

let registered = false;

export function registerPhotoImageLoader(): void {
  if (registered) return;
  registered = true;
  imageLoader.registerImageLoader(PHOTO_SCHEME, loadPhoto);
  metaData.addProvider(photoMetadata, 10_000);
}
