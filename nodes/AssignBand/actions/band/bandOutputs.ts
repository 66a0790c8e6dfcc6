import {
	MODEL_BANDS,
	RELATIVE_TO_AVERAGE_LABELS,
	DEFAULT_NULL_BAND,
} from '../../../../lib/bands/labels';

/** What the output-naming function needs besides the node's parameters. */
export interface BandLabelDefaults {
	modelBands: Readonly<Record<string, readonly string[]>>;
	relativeLabels: Readonly<Record<string, string>>;
	nullBand: string;
}

interface BandParameters {
	method?: string;
	routing?: string;
	model?: string;
	labels?: Record<string, unknown>;
	thresholdBands?: { bands?: Array<{ name?: unknown }> };
	quantileBands?: { bands?: Array<{ name?: unknown }> };
	fallbackBand?: unknown;
	nullBand?: unknown;
}

/**
 * The band names the chosen method can produce, in display order, from the node's raw parameters. n8n evaluates this
 * in its expression sandbox to name the outputs ("outputs" of the description), so it must stay self-contained: no
 * imports, no outer variables, plain syntax. The node checks at run time that it agrees with the library's labels.
 */
export const bandNamesFromParameters = (
	parameters: BandParameters,
	defaults: BandLabelDefaults,
) => {
	const names: string[] = [];
	const add = (name: unknown) => {
		const text = typeof name === 'string' || typeof name === 'number' ? String(name) : '';
		if (text !== '' && names.indexOf(text) === -1) names.push(text);
	};
	const method = parameters.method || 'model';
	if (method === 'model') {
		const bands = defaults.modelBands[parameters.model || ''] || [];
		bands.forEach(add);
	} else if (method === 'relativeToAverage') {
		const labels = parameters.labels || {};
		['null', 'zero', 'low', 'medium', 'high'].forEach((key) => {
			add(
				labels[key] === undefined || labels[key] === ''
					? defaults.relativeLabels[key]
					: labels[key],
			);
		});
	} else {
		const collection =
			method === 'thresholds' ? parameters.thresholdBands : parameters.quantileBands;
		const bands = (collection && collection.bands) || [];
		bands.forEach((band) => add(band.name));
		add(parameters.fallbackBand);
		add(
			parameters.nullBand === undefined || parameters.nullBand === ''
				? defaults.nullBand
				: parameters.nullBand,
		);
	}
	return names;
};

const configuredOutputs = (
	parameters: BandParameters,
	defaults: BandLabelDefaults,
	bandNames: typeof bandNamesFromParameters,
) =>
	parameters.routing === 'outputPerBand'
		? bandNames(parameters, defaults).map((name) => ({ type: 'main', displayName: name }))
		: [{ type: 'main' }];

export const BAND_LABEL_DEFAULTS: BandLabelDefaults = {
	modelBands: MODEL_BANDS,
	relativeLabels: RELATIVE_TO_AVERAGE_LABELS,
	nullBand: DEFAULT_NULL_BAND,
};

/** The description's `outputs`: one named output per band in "one output per band" routing, else one output. */
export const outputsExpression: `={{${string}}}` = `={{(${configuredOutputs})($parameter, ${JSON.stringify(
	BAND_LABEL_DEFAULTS,
)}, ${bandNamesFromParameters})}}`;
