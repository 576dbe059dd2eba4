// Public API of the advantage estimators (GRPO, DRPO) and the seeded K-means they use.
export { advantagesForSteps, type AdvantageStepInput, type AdvantageStepsOutput } from './advantagesForSteps';
export type { ClusterStats, DomainStats } from './clusterDomain';
export { countUniqueRows } from './countUniqueRows';
export { createDrpoState, type DomainHistory, type DrpoState, type DrpoStateOptions } from './DrpoState';
export { drpoAdvantages, type DrpoMode, type DrpoOptions, type DrpoResult } from './drpoAdvantages';
export { elbowK } from './elbowK';
export { grpoAdvantages, type GroupId } from './grpoAdvantages';
export type { DrpoBatch } from './groupQuestions';
export { kmeans, type KMeansOptions } from './kmeans';
export { kmeansPlusPlusInit } from './kmeansPlusPlusInit';
export { kmeansSweep, type SweepOptions } from './kmeansSweep';
export { closeKmeansThreads, kmeansThreadStats, kmeansThreadsRunning } from './kmeansThreads';
export { type KMeansFit, type LloydOptions, lloyd } from './lloyd';
export { Mulberry32 } from '../random/Mulberry32';
export { parseDrpoState } from './parseDrpoState';
export { type PointMatrix, pointMatrix } from './PointMatrix';
