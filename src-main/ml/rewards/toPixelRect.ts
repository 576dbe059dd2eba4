// The box rasterisation rule of the IoU reward, shared with the review panel (src-shared).
export { rectArea, rectIntersectionArea, toPixelRect, type PixelBounds, type PixelRect } from '../../../src-shared/rewards/toPixelRect';
