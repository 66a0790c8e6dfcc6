export * from './types';
export * from './labels';
export type { PreparedBanding } from './prepared';
export {
	BAND_METHODS,
	assignBand,
	assignBands,
	bandLabels,
	prepareBanding,
	storedBand,
	withChange,
} from './assignBands';
export { averageScore } from './relativeToAverage';
export { validateThresholds } from './thresholds';
export { validateQuantiles } from './quantiles';
