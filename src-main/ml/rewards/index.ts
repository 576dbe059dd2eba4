/** Public surface of the QoQ-Med rewards (notes §3), shared by the trainer and the UI's metrics. */
export { f1Score } from './f1Score';
export { iouScore, type GroundTruthRegion } from './iouScore';
export type { GroundTruthMask } from './foregroundCounter';
export { formatScore, formatScoreOf } from './formatScore';
export { lengthScore, FULL_LENGTH_CHARS } from './lengthScore';
export { computeReward, type RewardBreakdown, type RewardGroundTruth } from './computeReward';
export { CODE_WEIGHTS, PAPER_WEIGHTS, type RewardWeights } from './rewardWeights';
export { toPixelRect, type PixelRect } from './toPixelRect';
