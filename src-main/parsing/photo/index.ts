export { handlePhoto } from './handlePhoto';
export { handlePhotoSidecar } from './handlePhotoSidecar';
export { readPhoto, type PhotoPixels } from './readPhoto';
export { PhotoRefusal } from './PhotoRefusal';
export { photoSidecarSchema } from './photoSidecarSchema';
