import { DateTime } from 'luxon';

import type { Timestamp } from '../events/types';
import type { BandCount, BandTrendRow } from '../reports/bandDistribution';
import type { CampaignReport, EngagementRates } from '../reports/types';
import { toEpochMillis } from '../time';
import { barChart, formatCount, formatPercent, lineChart, type ChartSeries } from './svgCharts';
import { escapeXml } from './xml';

/**
 * The readable report: one self-contained HTML file (inline CSS and SVG, no scripts, no external assets) that opens
 * in any browser, prints cleanly (A4, charts kept whole) and parses as XML (polyglot markup). Sections appear for the
 * data given: campaign funnel (sent → viewed → clicked → goal), daily lines of the four measures, engagement rates,
 * band distribution and band (cluster) counts over time — each chart followed by the table of its numbers.
 */

export interface HtmlReportInput {
	title: string;
	/** e.g. the period covered. */
	subtitle?: string;
	/** When the report was made; shown in `timezone`. */
	generatedAt?: Timestamp;
	/** IANA zone the dates are in; default 'UTC'. */
	timezone?: string;
	campaignReport?: CampaignReport;
	rates?: EngagementRates;
	distribution?: readonly BandCount[];
	trend?: readonly BandTrendRow[];
}

export const HTML_MIME_TYPE = 'text/html';

/** Campaign funnels are drawn one group per campaign up to this many campaigns, as one total funnel beyond. */
export const MAX_FUNNEL_CAMPAIGNS = 6;

const STEPS = [
	{ key: 'sent', label: 'Sent' },
	{ key: 'view', label: 'Viewed' },
	{ key: 'click', label: 'Clicked' },
	{ key: 'goal', label: 'Goal' },
] as const;

export function createHtmlReport(input: HtmlReportInput): string {
	const zone = input.timezone ?? 'UTC';
	const sections = [
		input.campaignReport && funnelSection(input.campaignReport),
		input.campaignReport && dailySection(input.campaignReport),
		input.rates && ratesSection(input.rates),
		input.distribution && distributionSection(input.distribution),
		input.trend && input.trend.length > 0 && trendSection(input.trend),
	].filter((section): section is string => typeof section === 'string');
	const generated =
		input.generatedAt === undefined
			? ''
			: DateTime.fromMillis(toEpochMillis(input.generatedAt, zone), { zone }).toFormat(
					'yyyy-MM-dd HH:mm ZZZZ',
				);
	const meta = [input.subtitle, generated && `Generated ${generated}`, `Time zone: ${zone}`]
		.filter(Boolean)
		.map((line) => escapeXml(line as string))
		.join(' · ');
	return (
		'<!DOCTYPE html>\n' +
		'<html xmlns="http://www.w3.org/1999/xhtml" lang="en">' +
		'<head><meta charset="utf-8"/>' +
		'<meta name="viewport" content="width=device-width, initial-scale=1"/>' +
		`<title>${escapeXml(input.title)}</title>` +
		`<style>${CSS}</style></head>` +
		'<body><main>' +
		`<header><h1>${escapeXml(input.title)}</h1><p class="meta">${meta}</p></header>` +
		(sections.length > 0 ? sections.join('') : '<p>No data for this report.</p>') +
		'</main></body></html>\n'
	);
}

function funnelSection(report: CampaignReport): string {
	const campaigns = report.campaigns;
	const perCampaign = campaigns.length <= MAX_FUNNEL_CAMPAIGNS;
	const series: ChartSeries[] = perCampaign
		? campaigns.map((row) => ({
				name: row.name ?? row.campaignId,
				values: STEPS.map((step) => row[step.key]),
			}))
		: [
				{
					name: `All ${campaigns.length} campaigns`,
					values: STEPS.map((step) => sum(campaigns.map((row) => row[step.key]))),
				},
			];
	const chart = barChart({
		id: 'campaign-funnel',
		title: 'Campaign funnel: sent → viewed → clicked → goal',
		labels: STEPS.map((step) => step.label),
		series,
		yAxisLabel: 'Contacts',
	});
	const rows = campaigns.map((row) => [
		row.name ? `${row.name} (${row.campaignId})` : row.campaignId,
		formatCount(row.sent),
		`${formatCount(row.view)} (${share(row.view, row.sent)})`,
		`${formatCount(row.click)} (${share(row.click, row.sent)})`,
		`${formatCount(row.goal)} (${share(row.goal, row.sent)})`,
		row.startAt ?? '',
		row.endAt ?? '',
	]);
	return section(
		'funnel',
		'Campaign funnel',
		campaigns.length === 0
			? '<p>No campaign activity in this period.</p>'
			: chart +
					table(
						['Campaign', 'Sent', 'Viewed', 'Clicked', 'Goal', 'First send', 'Last send'],
						rows,
						1,
					),
	);
}

function dailySection(report: CampaignReport): string {
	const dates = dateRange(report.daily.map((row) => row.date));
	if (dates.length === 0)
		return section('daily', 'Daily results', '<p>No daily figures in this period.</p>');
	const index = new Map(dates.map((date, i) => [date, i]));
	const totals = STEPS.map(() => dates.map(() => 0));
	for (const row of report.daily) {
		const i = index.get(row.date) as number;
		STEPS.forEach((step, s) => (totals[s][i] += row[step.key]));
	}
	const chart = lineChart({
		id: 'daily-results',
		title: 'Daily results (all campaigns)',
		labels: dates,
		series: STEPS.map((step, s) => ({ name: step.label, values: totals[s] })),
		xAxisLabel: 'Date',
		yAxisLabel: 'Contacts',
	});
	const rows = dates.map((date, i) => [date, ...STEPS.map((_, s) => formatCount(totals[s][i]))]);
	return section(
		'daily',
		'Daily results',
		chart + table(['Date', ...STEPS.map((step) => step.label)], rows, 1),
	);
}

function ratesSection(rates: EngagementRates): string {
	const measures = [
		{ label: 'Open rate', rate: rates.openRate, count: rates.opened },
		{ label: 'Click rate', rate: rates.clickRate, count: rates.clicked },
		{ label: 'Conversion rate', rate: rates.conversionRate, count: rates.converted },
	];
	const chart = barChart({
		id: 'engagement-rates',
		title: `Engagement rates (of ${formatCount(rates.recipients)} broadcast recipients)`,
		labels: measures.map((measure) => measure.label),
		series: [{ name: 'Share of recipients', values: measures.map((measure) => measure.rate) }],
		format: formatPercent,
		maxValue: 1,
		yAxisLabel: 'Share of recipients',
	});
	const rows = [
		['Recipients', formatCount(rates.recipients), ''],
		...measures.map((measure) => [
			measure.label,
			formatCount(measure.count),
			formatPercent(measure.rate),
		]),
	];
	return section(
		'rates',
		'Engagement rates',
		chart + table(['Measure', 'Contacts', 'Rate'], rows, 1),
	);
}

function distributionSection(distribution: readonly BandCount[]): string {
	const chart = barChart({
		id: 'band-distribution',
		title: 'Contacts per band',
		labels: distribution.map((row) => row.band),
		series: [{ name: 'Contacts', values: distribution.map((row) => row.count) }],
		yAxisLabel: 'Contacts',
	});
	const rows = distribution.map((row) => [
		row.band,
		formatCount(row.count),
		formatPercent(row.share),
	]);
	return section(
		'bands',
		'Band distribution',
		chart + table(['Band', 'Contacts', 'Share'], rows, 1),
	);
}

function trendSection(trend: readonly BandTrendRow[]): string {
	const dates = [...new Set(trend.map((row) => row.date))];
	const bands = [...new Set(trend.map((row) => row.band))];
	const counts = new Map(trend.map((row) => [`${row.date}\u0000${row.band}`, row.count]));
	const valuesOf = (band: string) => dates.map((date) => counts.get(`${date}\u0000${band}`) ?? 0);
	const chart = lineChart({
		id: 'band-trend',
		title: 'Contacts per band over time',
		labels: dates,
		series: bands.map((band) => ({ name: band, values: valuesOf(band) })),
		xAxisLabel: 'Scoring date',
		yAxisLabel: 'Contacts',
	});
	const rows = dates.map((date, i) => [
		date,
		...bands.map((band) => formatCount(valuesOf(band)[i])),
	]);
	return section('trend', 'Band counts over time', chart + table(['Date', ...bands], rows, 1));
}

/** Every calendar date from the first to the last given (yyyy-MM-dd), so days without activity show as zero. */
function dateRange(dates: readonly string[]): string[] {
	if (dates.length === 0) return [];
	const sorted = [...new Set(dates)].sort();
	const last = DateTime.fromISO(sorted[sorted.length - 1], { zone: 'UTC' });
	const range: string[] = [];
	for (
		let day = DateTime.fromISO(sorted[0], { zone: 'UTC' });
		day <= last;
		day = day.plus({ days: 1 })
	) {
		range.push(day.toISODate() as string);
	}
	return range;
}

function section(id: string, heading: string, body: string): string {
	return `<section id="${id}"><h2>${escapeXml(heading)}</h2>${body}</section>`;
}

/** A table; columns from `firstNumeric` on are right-aligned numbers. */
function table(
	headers: readonly string[],
	rows: readonly (readonly string[])[],
	firstNumeric: number,
): string {
	const cell = (tag: 'th' | 'td', text: string, c: number) =>
		`<${tag}${c >= firstNumeric ? ' class="num"' : ''}>${escapeXml(text)}</${tag}>`;
	return (
		'<table><thead><tr>' +
		headers.map((header, c) => cell('th', header, c)).join('') +
		'</tr></thead><tbody>' +
		rows.map((row) => `<tr>${row.map((text, c) => cell('td', text, c)).join('')}</tr>`).join('') +
		'</tbody></table>'
	);
}

function share(part: number, whole: number): string {
	return whole > 0 ? formatPercent(part / whole) : '–';
}

function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

const CSS = [
	':root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1b1b}',
	'body{margin:0;background:#f6f7f9}',
	'main{max-width:960px;margin:0 auto;padding:24px}',
	'header{margin-bottom:16px}h1{font-size:1.6rem;margin:0 0 4px}.meta{color:#555;margin:0}',
	'section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:16px 20px;margin:16px 0}',
	'h2{font-size:1.2rem;margin:0 0 8px}',
	'svg.chart{width:100%;height:auto;display:block;font-size:12px}',
	'svg .chart-title{font-size:15px;font-weight:600}svg .tick,svg .value{fill:#333}svg .axis-title{fill:#555}',
	'svg .grid{stroke:#e3e6ea}svg .axis{stroke:#333}',
	'table{border-collapse:collapse;width:100%;margin-top:8px;font-size:.9rem}',
	'th,td{border-bottom:1px solid #e3e6ea;padding:4px 8px;text-align:left}th{background:#f0f2f5}',
	'.num{text-align:right;font-variant-numeric:tabular-nums}',
	'@page{size:A4;margin:14mm}',
	'@media print{body{background:#fff}main{max-width:none;padding:0}',
	'section{border:none;padding:0;margin:0 0 10mm}',
	'svg.chart{break-inside:avoid}thead{display:table-header-group}tr{break-inside:avoid}',
	'th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}}',
].join('');
