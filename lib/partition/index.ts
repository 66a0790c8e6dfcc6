export { partialStatistics, PARTITIONED_MODELS } from './partialStatistics';
export { mergeStatistics } from './mergeStatistics';
export { partitionOfContact } from './partitionOfContact';
export { ExactSum } from './exactSum';
export { PARTIAL_STATISTICS_TYPE, ACCOUNT_STATISTICS_TYPE } from './types';
export type {
	AccountStatistics,
	PartialStatistics,
	DecayFigures,
	ClickShareFigures,
	LifecycleFigures,
} from './types';
