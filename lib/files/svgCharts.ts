import { escapeXml } from './xml';

/**
 * Inline SVG charts for the HTML report: self-contained (no scripts, fonts or external assets), sized by viewBox so
 * they scale to the page and print sharply. Every chart has a title, labelled axes with gridlines, a legend and a
 * tooltip (`<title>`) on every bar and point. Bars carry class `bar`, points class `point`, so tests and style sheets
 * can find them.
 */

export interface ChartSeries {
	name: string;
	/** One value per category / x label; null or NaN leaves a gap. */
	values: readonly (number | null)[];
}

export interface ChartSpec {
	/** Unique within the page: used for element ids. */
	id: string;
	title: string;
	/** Category names (bar chart) or x-axis labels (line chart), one per value. */
	labels: readonly string[];
	series: readonly ChartSeries[];
	xAxisLabel?: string;
	yAxisLabel?: string;
	/** How values are written on the axis, the bars and the tooltips; default: locale-free grouping of integers. */
	format?: (value: number) => string;
	/** Upper end of the value axis, when fixed (e.g. 1 for rates). */
	maxValue?: number;
}

/** Okabe–Ito palette: distinguishable with the common colour-vision deficiencies and in grey print. */
export const PALETTE = [
	'#0072B2',
	'#E69F00',
	'#009E73',
	'#CC79A7',
	'#56B4E9',
	'#D55E00',
	'#F0E442',
	'#000000',
];

const WIDTH = 760;
const HEIGHT = 360;
const MARGIN = { top: 48, right: 28, bottom: 84, left: 72 };
/** Line charts keep their first and last points off the axes so the end labels fit. */
const LINE_INSET = 28;
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const MAX_X_LABELS = 12;

export function formatCount(value: number): string {
	const rounded = Math.round(value * 100) / 100;
	const [whole, fraction] = String(Math.abs(rounded)).split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export function formatPercent(value: number): string {
	return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** Grouped vertical bars: one group per label, one bar per series, the value written above each bar. */
export function barChart(spec: ChartSpec): string {
	const format = spec.format ?? formatCount;
	const scale = valueScale(spec);
	const groupWidth = PLOT_WIDTH / Math.max(1, spec.labels.length);
	const barWidth = (groupWidth * 0.8) / Math.max(1, spec.series.length);
	const bars: string[] = [];
	spec.labels.forEach((label, i) => {
		spec.series.forEach((series, s) => {
			const value = series.values[i];
			if (value === null || value === undefined || !Number.isFinite(value)) return;
			const x = MARGIN.left + i * groupWidth + groupWidth * 0.1 + s * barWidth;
			const y = scale.y(Math.max(0, value));
			const height = MARGIN.top + PLOT_HEIGHT - y;
			bars.push(
				`<rect class="bar" x="${r(x)}" y="${r(y)}" width="${r(barWidth * 0.92)}" height="${r(height)}" fill="${color(s)}">` +
					`<title>${escapeXml(`${series.name} — ${label}: ${format(value)}`)}</title></rect>`,
				`<text class="value" fill="#333" x="${r(x + barWidth * 0.46)}" y="${r(y - 4)}" text-anchor="middle">${escapeXml(format(value))}</text>`,
			);
		});
	});
	const xLabels = spec.labels.map((label, i) => ({
		label,
		x: MARGIN.left + (i + 0.5) * groupWidth,
	}));
	return frame(spec, scale, xLabels, bars.join(''));
}

/** One line per series over the labels (e.g. dates), a marked point per value. */
export function lineChart(spec: ChartSpec): string {
	const format = spec.format ?? formatCount;
	const scale = valueScale(spec);
	const span = PLOT_WIDTH - 2 * LINE_INSET;
	const step = spec.labels.length > 1 ? span / (spec.labels.length - 1) : 0;
	const xOf = (i: number) =>
		MARGIN.left + LINE_INSET + (spec.labels.length > 1 ? i * step : span / 2);
	const marks: string[] = [];
	spec.series.forEach((series, s) => {
		const segments: string[][] = [[]];
		const points: string[] = [];
		spec.labels.forEach((label, i) => {
			const value = series.values[i];
			if (value === null || value === undefined || !Number.isFinite(value)) {
				segments.push([]);
				return;
			}
			const x = r(xOf(i));
			const y = r(scale.y(value));
			segments[segments.length - 1].push(`${x},${y}`);
			points.push(
				`<circle class="point" cx="${x}" cy="${y}" r="3" fill="${color(s)}">` +
					`<title>${escapeXml(`${series.name} — ${label}: ${format(value)}`)}</title></circle>`,
			);
		});
		for (const segment of segments.filter((points) => points.length > 1)) {
			marks.push(
				`<polyline class="line" points="${segment.join(' ')}" fill="none" stroke="${color(s)}" stroke-width="2"${dash(s)}/>`,
			);
		}
		marks.push(...points);
	});
	const every = Math.max(1, Math.ceil(spec.labels.length / MAX_X_LABELS));
	const shown: number[] = [];
	for (let i = 0; i < spec.labels.length; i += every) shown.push(i);
	const last = spec.labels.length - 1;
	if (last > 0 && shown[shown.length - 1] !== last) {
		// the last label always shows; it replaces a regular one that would sit too close to it
		if (last - shown[shown.length - 1] < every / 2) shown.pop();
		shown.push(last);
	}
	const xLabels = shown.map((i) => ({ label: spec.labels[i], x: xOf(i) }));
	return frame(spec, scale, xLabels, marks.join(''));
}

interface Scale {
	max: number;
	ticks: number[];
	y: (value: number) => number;
	format: (value: number) => string;
}

function valueScale(spec: ChartSpec): Scale {
	let dataMax = 0;
	for (const series of spec.series) {
		for (const value of series.values)
			if (value !== null && Number.isFinite(value)) dataMax = Math.max(dataMax, value);
	}
	const counts =
		spec.format === undefined &&
		spec.series.every((series) => series.values.every((v) => v === null || Number.isInteger(v)));
	const { max, step } = niceAxis(spec.maxValue ?? dataMax, counts);
	const ticks: number[] = [];
	for (let tick = 0; tick <= max + step / 2; tick += step)
		ticks.push(Math.round(tick / step) * step);
	return {
		max,
		ticks,
		y: (value) => MARGIN.top + PLOT_HEIGHT - (Math.min(value, max) / max) * PLOT_HEIGHT,
		format: spec.format ?? formatCount,
	};
}

/**
 * An axis from 0 to a round maximum with 1, 2 or 5 × 10ⁿ steps, about five of them; whole steps for counts.
 */
export function niceAxis(dataMax: number, wholeSteps = false): { max: number; step: number } {
	if (!(dataMax > 0)) return wholeSteps ? { max: 1, step: 1 } : { max: 1, step: 0.2 };
	const rough = Math.max(dataMax / 5, wholeSteps ? 1 : 0);
	const magnitude = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 5, 10]
		.map((m) => m * magnitude)
		.find((candidate) => candidate >= rough) as number;
	return { max: Math.ceil(dataMax / step - 1e-9) * step, step };
}

function frame(
	spec: ChartSpec,
	scale: Scale,
	xLabels: { label: string; x: number }[],
	marks: string,
): string {
	const titleId = `${spec.id}-title`;
	const key = legend(spec.series);
	const bottom = MARGIN.top + PLOT_HEIGHT;
	const slot = PLOT_WIDTH / Math.max(1, xLabels.length);
	const rotate = xLabels.some(({ label }) => Math.min(label.length, 24) * 7 > slot - 8);
	const grid = scale.ticks
		.map((tick) => {
			const y = r(scale.y(tick));
			return (
				`<line class="grid" stroke="#e3e6ea" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_WIDTH}" y1="${y}" y2="${y}"/>` +
				`<text class="tick" fill="#333" x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(scale.format(tick))}</text>`
			);
		})
		.join('');
	const xTicks = xLabels
		.map(({ label, x }) => {
			const y = bottom + 16;
			const transform = rotate ? ` transform="rotate(-35 ${r(x)} ${y})"` : '';
			return `<text class="tick" fill="#333" x="${r(x)}" y="${y}" text-anchor="${rotate ? 'end' : 'middle'}"${transform}>${escapeXml(truncate(label, 24))}</text>`;
		})
		.join('');
	const axisTitles =
		(spec.yAxisLabel
			? `<text class="axis-title" fill="#555" transform="rotate(-90 16 ${MARGIN.top + PLOT_HEIGHT / 2})" x="16" y="${MARGIN.top + PLOT_HEIGHT / 2}" text-anchor="middle">${escapeXml(spec.yAxisLabel)}</text>`
			: '') +
		(spec.xAxisLabel
			? `<text class="axis-title" fill="#555" x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 6}" text-anchor="middle">${escapeXml(spec.xAxisLabel)}</text>`
			: '');
	return (
		`<svg class="chart" id="${escapeXml(spec.id)}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12" viewBox="0 0 ${WIDTH} ${HEIGHT + key.height}" role="img" aria-labelledby="${escapeXml(titleId)}">` +
		`<title id="${escapeXml(titleId)}">${escapeXml(spec.title)}</title>` +
		`<text class="chart-title" font-size="15" font-weight="600" x="${MARGIN.left}" y="20">${escapeXml(spec.title)}</text>` +
		key.markup +
		grid +
		`<line class="axis" stroke="#333" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${bottom}"/>` +
		`<line class="axis" stroke="#333" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_WIDTH}" y1="${bottom}" y2="${bottom}"/>` +
		xTicks +
		axisTitles +
		marks +
		'</svg>'
	);
}

/** Legend entries in rows under the chart; returns the markup and the height it adds. */
function legend(series: readonly ChartSeries[]): { markup: string; height: number } {
	const rowHeight = 18;
	let x = MARGIN.left;
	let row = 0;
	const items = series.map((item, s) => {
		const label = truncate(item.name, 28);
		const width = 16 + label.length * 7 + 14;
		if (x + width > WIDTH - MARGIN.right && x > MARGIN.left) {
			x = MARGIN.left;
			row++;
		}
		const y = HEIGHT + row * rowHeight;
		const entry =
			`<g class="legend-item"><rect x="${r(x)}" y="${y}" width="12" height="12" fill="${color(s)}"/>` +
			`<text x="${r(x + 16)}" y="${y + 10}">${escapeXml(label)}</text></g>`;
		x += width;
		return entry;
	});
	return { markup: `<g class="legend">${items.join('')}</g>`, height: (row + 1) * rowHeight + 4 };
}

function color(index: number): string {
	return PALETTE[index % PALETTE.length];
}

/** Dashes tell lines apart in black-and-white print. */
function dash(index: number): string {
	const patterns = ['', '6 3', '2 3', '8 3 2 3'];
	const pattern = patterns[index % patterns.length];
	return pattern ? ` stroke-dasharray="${pattern}"` : '';
}

function truncate(text: string, length: number): string {
	return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function r(value: number): string {
	return String(Math.round(value * 10) / 10);
}
