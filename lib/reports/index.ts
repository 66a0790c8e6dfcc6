export * from './types';
export { buildCampaignReport } from './campaignReport';
export { engagementRates } from './engagementRates';
export { PERIOD_PRESETS, inPeriod, resolvePeriod } from './period';
export { bandDistribution, bandDistributionOverTime } from './bandDistribution';
export type {
	BandCount,
	BandDistributionOptions,
	BandTrendRow,
	BandedRow,
} from './bandDistribution';
