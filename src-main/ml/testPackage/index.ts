// Public surface of the random test package: a tiny, randomly initialised QoQ-Med written as a real,
// verifiable model package, so the runtime, CLI and app can be exercised without the 7B weights.
export { buildRandomTestPackage, type RandomTestPackageOptions } from './buildRandomTestPackage.js';
export { TEST_PACKAGE_FILES, writeQoqPackageFiles, type QoqPackageNetworks } from './writeQoqPackageFiles.js';
export { TEST_PACKAGE_CORPUS } from './testCorpus.js';
export { TEST_PACKAGE_INTENDED_USE } from './testManifest.js';
export { TINY_DECODER, TINY_ECG, TINY_VISION, tinyArchitecture, type TinyArchitecture } from './tinyArchitecture.js';
