/** Public library API (DESIGN.md "Public library API"): `require('n8n-nodes-engagement-scoring')` gives these. */

export { scoreContacts, scoreEventColumns, columnsRefusal } from './scoreContacts';
export { EngagementInputError } from './errors';
export * from './events/types';
export type * from './models/types';
export {
	scoringModels,
	getScoringModel,
	modelNames,
	modelParameterNames,
	checkOptionNames,
	SCORE_OPTION_NAMES,
} from './models/registry';
export { decay, DECAY_DEFAULTS, DECAY_BANDS } from './models/decay';
export { clickShare, CLICK_SHARE_BANDS, starsFor } from './models/clickShare';
export { recency } from './models/recency';
export { recency5 } from './models/recency5';
export { DEFAULT_ACTIVE_TYPES } from './models/activeRecency';
export { lifecycle, lifecycleOverTime, LIFECYCLE_BANDS } from './models/lifecycle';
export type {
	LifecycleBand,
	LifecycleSnapshot,
	LifecycleOverTimeOptions,
} from './models/lifecycle';
export { LIFECYCLE_DEFAULTS } from './models/lifecycleThresholds';
export type { DerivedThreshold, LifecycleThresholdName } from './models/lifecycleThresholds';
export {
	klaviyoEngagement,
	KLAVIYO_ENGAGEMENT_BANDS,
	KLAVIYO_ENGAGEMENT_DEFAULTS,
} from './models/klaviyoEngagement';
export {
	hubspotGraymail,
	HUBSPOT_GRAYMAIL_BANDS,
	HUBSPOT_GRAYMAIL_DEFAULTS,
} from './models/hubspotGraymail';
export {
	mailchimpStars,
	MAILCHIMP_STARS_BANDS,
	mailchimpStarsFor,
	mailchimpClickPoints,
} from './models/mailchimpStars';
export { mailpoet, MAILPOET_BANDS, MAILPOET_DEFAULTS } from './models/mailpoet';
export { rfm, RFM_BANDS, RFM_SEGMENTS, rfmSegment, quintileScores } from './models/rfm';
export * from './sunset';
export { validateEvent } from './events/validateEvent';
export { prepareEvents } from './events/prepareEvents';
export { dedupeEvents } from './events/dedupeEvents';
export {
	normalizeEvent,
	normalizeEvents,
	EventNormalizer,
	EVENT_TYPE_SYNONYMS,
	SKIPPED_EVENT_TYPE_VALUES,
	CAMPAIGN_KIND_SYNONYMS,
} from './events/normalizeEvent';
export type { FieldMapping, FieldSource, EventField } from './events/normalizeEvent';
export {
	parseEventsCsv,
	parseEventsNdjson,
	CsvEventParser,
	NdjsonEventParser,
} from './events/parseEvents';
export type { CsvEventOptions } from './events/parseEvents';
export { CsvRecordReader, readCsvRecords } from './events/csvRecords';
export { EventFileReader, readEventFile, formatOfFileName } from './events/eventFileReader';
export type { EventFileOptions, EventFileFormat } from './events/eventFileReader';
export { EventColumnsReader, readEventColumns } from './events/eventColumnsReader';
export { LatestContactFields } from './events/latestContactFields';
export type { KeepFieldsOption, LatestFields } from './events/latestContactFields';
export type { EventColumnsReaderOptions } from './events/eventColumnsReader';
export type { EventColumns } from './events/eventColumns';
export { filterMachineEvents } from './events/filterMachineEvents';
export type {
	MachineFilterOptions,
	MachineFilterResult,
	MachineEvent,
	MachineReason,
} from './events/filterMachineEvents';
export { DEFAULT_SCANNER_USER_AGENTS } from './events/scannerUserAgents';
export type {
	ScannerRuleOptions,
	ScannerRuleReason,
	AllLinksClickedOptions,
	SignalOptions,
} from './events/scannerRules';
export { parseIpRanges, findIpRange } from './events/ipRanges';
export type { IpRange } from './events/ipRanges';
export { markMachineOnlySendsUntracked } from './events/trackedSends';
export type { ContactEvidence, EvidenceEvent } from './events/eventEvidence';
export { readTimestamp, numericTimestampToMillis, TIMESTAMP_UNITS } from './events/timestamps';
export type { TimestampUnit } from './events/timestamps';
export { instantOfWallClock, zoneOffsetMinutes } from './zoneOffset';
export * from './bands';
export * from './reports';
export * from './facts';
export * from './files';
export {
	verifyWebhook,
	PROVIDERS,
	PROVIDER_IDS,
	ReplayMemory,
	readReplayCache,
	emptyReplayCache,
	filterEvents,
	lowercaseContactIds,
	cachedCertificateFetcher,
	credentialProblem,
} from './providers';
export type {
	AdapterResult,
	ProviderEvent,
	ProviderId,
	ProviderInfo,
	VerificationFailure,
	VerificationFailureReason,
	VerifiedRequest,
	WebhookRequest,
	CertificateFetcher,
	CustomJsonMapping,
	ReplayCacheState,
} from './providers';
export {
	partialStatistics,
	mergeStatistics,
	partitionOfContact,
	PARTITIONED_MODELS,
	ExactSum,
	PARTIAL_STATISTICS_TYPE,
	ACCOUNT_STATISTICS_TYPE,
} from './partition';
export type {
	AccountStatistics,
	PartialStatistics,
	DecayFigures,
	ClickShareFigures,
	LifecycleFigures,
} from './partition';
