import { createHtmlReport, MAX_FUNNEL_CAMPAIGNS } from '../../../lib/files/htmlReport';
import { lineChart, niceAxis } from '../../../lib/files/svgCharts';
import { bandDistribution, bandDistributionOverTime } from '../../../lib/reports/bandDistribution';
import { buildCampaignReport } from '../../../lib/reports/campaignReport';
import { engagementRates } from '../../../lib/reports/engagementRates';
import type { CampaignReport } from '../../../lib/reports/types';
import { campaignEvents } from './fixtures';
import { byClass, byId, byTag, findAll, parseStrict, type Element } from './html';

const timezone = 'Asia/Seoul';
const report = buildCampaignReport(campaignEvents, { timezone });
const rates = engagementRates(campaignEvents, { timezone });
const bands = [
	{ band: 'High' },
	{ band: 'Low' },
	{ band: 'High' },
	{ band: 'Medium' },
	{ band: 'New <1 month>' },
];
const distribution = bandDistribution(bands, { labels: ['High', 'Medium', 'Low'] });
const trend = bandDistributionOverTime({
	'2024-01-01': bands.slice(0, 2),
	'2024-02-01': bands.slice(0, 4),
	'2024-03-01': bands,
});

const html = createHtmlReport({
	title: 'March report & <friends>',
	subtitle: 'Period: 2024-03-01 – 2024-03-31',
	generatedAt: '2024-04-01T00:00:00Z',
	timezone,
	campaignReport: report,
	rates,
	distribution,
	trend,
});

function chart(root: Element, id: string): Element {
	const [svg] = findAll(root, byId(id));
	if (svg === undefined) throw new Error(`chart ${id} missing`);
	return svg;
}

describe('createHtmlReport', () => {
	const root = parseStrict(html);

	it('is a well-formed, self-contained document: no scripts, links, external images or remote URLs', () => {
		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(findAll(root, byTag('script'))).toHaveLength(0);
		expect(findAll(root, byTag('link'))).toHaveLength(0);
		expect(findAll(root, byTag('img'))).toHaveLength(0);
		expect(html).not.toMatch(/(?:src|href)=|url\(|@import|https?:\/\/(?!www\.w3\.org\/)/);
	});

	it('escapes the title and carries the period, generation time and zone', () => {
		expect(findAll(root, byTag('h1'))[0].text).toBe('March report & <friends>');
		const meta = findAll(root, byClass('p', 'meta'))[0].text;
		expect(meta).toContain('Period: 2024-03-01 – 2024-03-31');
		expect(meta).toContain('Generated 2024-04-01 09:00');
		expect(meta).toContain('Time zone: Asia/Seoul');
	});

	it('draws every chart with a title, two axes, tick labels and a legend', () => {
		const charts = findAll(root, byClass('svg', 'chart'));
		expect(charts.map((svg) => svg.attributes.id)).toEqual([
			'campaign-funnel',
			'daily-results',
			'engagement-rates',
			'band-distribution',
			'band-trend',
		]);
		for (const svg of charts) {
			expect(findAll(svg, byTag('title'))[0].text.length).toBeGreaterThan(0);
			expect(findAll(svg, byClass('line', 'axis'))).toHaveLength(2);
			expect(findAll(svg, byClass('text', 'tick')).length).toBeGreaterThan(3);
			expect(findAll(svg, byClass('g', 'legend-item')).length).toBeGreaterThan(0);
		}
	});

	it('campaign funnel: one bar per step and campaign, sent → viewed → clicked → goal', () => {
		const svg = chart(root, 'campaign-funnel');
		const bars = findAll(svg, byClass('rect', 'bar'));
		expect(bars).toHaveLength(4 * report.campaigns.length);
		const titles = bars.map((bar) => findAll(bar, byTag('title'))[0].text);
		expect(titles.slice(0, 4)).toEqual([
			'Spring sale — Sent: 3',
			'c2 — Sent: 2',
			'Spring sale — Viewed: 2',
			'c2 — Viewed: 1',
		]);
		const heights = bars.filter((_, i) => i % 2 === 0).map((bar) => Number(bar.attributes.height));
		expect(heights[0]).toBeGreaterThan(heights[1]); // 3 sent > 2 viewed
		expect(heights[2]).toBeCloseTo(heights[3]); // 1 clicked = 1 goal
		expect(findAll(svg, byClass('g', 'legend-item')).map((item) => item.text)).toEqual([
			'Spring sale',
			'c2',
		]);
	});

	it('campaign funnel: beyond the limit, one total funnel', () => {
		const many: CampaignReport = {
			...report,
			campaigns: Array.from({ length: MAX_FUNNEL_CAMPAIGNS + 1 }, (_, i) => ({
				campaignId: `c${i}`,
				sent: 10,
				view: 5,
				click: 2,
				goal: 1,
				startAt: null,
				endAt: null,
			})),
		};
		const svg = chart(
			parseStrict(createHtmlReport({ title: 't', campaignReport: many })),
			'campaign-funnel',
		);
		const titles = findAll(svg, byClass('rect', 'bar')).map(
			(bar) => findAll(bar, byTag('title'))[0].text,
		);
		expect(titles).toEqual([
			'All 7 campaigns — Sent: 70',
			'All 7 campaigns — Viewed: 35',
			'All 7 campaigns — Clicked: 14',
			'All 7 campaigns — Goal: 7',
		]);
	});

	it('daily lines: four measures, one point per calendar day, totals over campaigns', () => {
		const svg = chart(root, 'daily-results');
		const days = new Set(report.daily.map((row) => row.date)).size;
		expect(findAll(svg, byClass('polyline', 'line'))).toHaveLength(4);
		const points = findAll(svg, byClass('circle', 'point'));
		expect(points).toHaveLength(4 * days);
		const sentTitles = points
			.map((p) => findAll(p, byTag('title'))[0].text)
			.filter((t) => t.startsWith('Sent'));
		const sentByDay = new Map<string, number>();
		for (const row of report.daily)
			sentByDay.set(row.date, (sentByDay.get(row.date) ?? 0) + row.sent);
		expect(sentTitles).toEqual(
			[...sentByDay.entries()].sort().map(([date, sent]) => `Sent — ${date}: ${sent}`),
		);
	});

	it('engagement rates: open, click and conversion rates as bars on a 0–100 % axis', () => {
		const svg = chart(root, 'engagement-rates');
		const titles = findAll(svg, byClass('rect', 'bar')).map(
			(bar) => findAll(bar, byTag('title'))[0].text,
		);
		const pct = (value: number) => `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
		expect(titles).toEqual([
			`Share of recipients — Open rate: ${pct(rates.openRate)}`,
			`Share of recipients — Click rate: ${pct(rates.clickRate)}`,
			`Share of recipients — Conversion rate: ${pct(rates.conversionRate)}`,
		]);
		const ticks = findAll(svg, byClass('text', 'tick')).map((tick) => tick.text);
		expect(ticks).toContain('100.0%');
	});

	it('band distribution: one bar per band, listed bands first, unlisted ones after', () => {
		const svg = chart(root, 'band-distribution');
		const titles = findAll(svg, byClass('rect', 'bar')).map(
			(bar) => findAll(bar, byTag('title'))[0].text,
		);
		expect(titles).toEqual([
			'Contacts — High: 2',
			'Contacts — Medium: 1',
			'Contacts — Low: 1',
			'Contacts — New <1 month>: 1',
		]);
	});

	it('band counts over time: one line per band, one point per scoring date', () => {
		const svg = chart(root, 'band-trend');
		const bandCount = new Set(trend.map((row) => row.band)).size;
		expect(findAll(svg, byClass('polyline', 'line'))).toHaveLength(bandCount);
		expect(findAll(svg, byClass('circle', 'point'))).toHaveLength(bandCount * 3);
		expect(findAll(svg, byClass('g', 'legend-item'))).toHaveLength(bandCount);
	});

	it('prints: an A4 page rule and print styles', () => {
		expect(html).toContain('@page{size:A4');
		expect(html).toContain('@media print{');
	});

	it('writes the numbers of each chart as a table too', () => {
		const tables = findAll(root, byTag('table'));
		expect(tables).toHaveLength(5);
		const funnelRows = findAll(tables[0], byTag('tr'));
		expect(funnelRows).toHaveLength(report.campaigns.length + 1);
		expect(funnelRows[1].children.map((cell) => cell.text).slice(0, 5)).toEqual([
			'Spring sale (c1)',
			'3',
			'2 (66.7%)',
			'1 (33.3%)',
			'1 (33.3%)',
		]);
	});

	it('says so when there is no data', () => {
		const empty = parseStrict(
			createHtmlReport({ title: 'Empty', campaignReport: { campaigns: [], daily: [], users: [] } }),
		);
		expect(findAll(empty, byClass('svg', 'chart'))).toHaveLength(0);
		expect(findAll(empty, byTag('p')).map((p) => p.text)).toContain(
			'No campaign activity in this period.',
		);
	});
});

describe('niceAxis', () => {
	it('rounds the axis up to 1, 2 or 5 × 10ⁿ steps', () => {
		expect(niceAxis(3)).toEqual({ max: 3, step: 1 });
		expect(niceAxis(87)).toEqual({ max: 100, step: 20 });
		expect(niceAxis(1)).toEqual({ max: 1, step: 0.2 });
		expect(niceAxis(0)).toEqual({ max: 1, step: 0.2 });
		expect(niceAxis(12_345)).toEqual({ max: 15_000, step: 5_000 });
	});
	it('uses whole steps for counts', () => {
		expect(niceAxis(2, true)).toEqual({ max: 2, step: 1 });
		expect(niceAxis(0, true)).toEqual({ max: 1, step: 1 });
		expect(niceAxis(87, true)).toEqual({ max: 100, step: 20 });
	});
});

describe('lineChart', () => {
	it('thins the x labels of long series but keeps the first and the last, and draws every point', () => {
		const labels = Array.from({ length: 92 }, (_, i) => `d${String(i).padStart(2, '0')}`);
		const svg = parseStrict(
			lineChart({
				id: 'long',
				title: 'Long',
				labels,
				series: [{ name: 'A', values: labels.map((_, i) => i) }],
			}),
		);
		const xTicks = findAll(svg, byClass('text', 'tick'))
			.map((tick) => tick.text)
			.filter((text) => text.startsWith('d'));
		expect(xTicks.length).toBeLessThanOrEqual(13);
		expect(xTicks[0]).toBe('d00');
		expect(xTicks[xTicks.length - 1]).toBe('d91');
		expect(findAll(svg, byClass('circle', 'point'))).toHaveLength(92);
	});

	it('leaves a gap where a value is missing', () => {
		const svg = parseStrict(
			lineChart({
				id: 'gap',
				title: 'Gap',
				labels: ['a', 'b', 'c', 'd', 'e'],
				series: [{ name: 'A', values: [1, 2, null, 4, 5] }],
			}),
		);
		expect(findAll(svg, byClass('polyline', 'line'))).toHaveLength(2);
		expect(findAll(svg, byClass('circle', 'point'))).toHaveLength(4);
	});
});
