export {
	sunsetContacts,
	SUNSET_PRESETS,
	SUNSET_OPTION_NAMES,
	sunsetParameterNames,
	checkSunsetOptionNames,
	checkSuppressBands,
} from './sunsetContacts';
export type {
	SunsetDecision,
	SunsetOptions,
	SunsetPreset,
	SunsetReason,
	SunsetResult,
	SunsetSummary,
} from './sunsetContacts';
