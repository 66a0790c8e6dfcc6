export { sunsetContacts, SUNSET_PRESETS } from './sunsetContacts';
export type {
	SunsetDecision,
	SunsetOptions,
	SunsetPreset,
	SunsetReason,
	SunsetResult,
	SunsetSummary,
} from './sunsetContacts';
