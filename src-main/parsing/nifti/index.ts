export { handleNifti } from './handleNifti';
export { handleNiftiSidecar } from './handleNiftiSidecar';
export { readNiftiVolume, type NiftiVolume } from './readNiftiVolume';
export { NiftiRefusal } from './NiftiRefusal';
export type { NiftiData } from './niftiVoxelArray';
