// The IoU reward lives in src-shared so the review panel scores with the very same function.
export { iouScore, type GroundTruthRegion } from '../../../src-shared/rewards/iouScore';
