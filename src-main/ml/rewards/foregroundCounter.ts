// Part of the IoU reward, shared with the review panel (src-shared).
export {
  createForegroundCounter,
  foregroundCounterFor,
  type ForegroundCounter,
  type GroundTruthMask,
} from '../../../src-shared/rewards/foregroundCounter';
