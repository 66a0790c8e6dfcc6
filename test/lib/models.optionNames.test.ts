import { modelBands } from '../../lib/bands';
import { EngagementInputError } from '../../lib/errors';
import {
	checkOptionNames,
	modelNames,
	modelParameterNames,
	SCORE_OPTION_NAMES,
} from '../../lib/models/registry';
import { scoreContacts } from '../../lib/scoreContacts';
import { scoreFacts } from '../../lib/facts/scoreFacts';
import { eventsToFacts } from '../../lib/facts/eventsToFacts';
import { partialStatistics } from '../../lib/partition/partialStatistics';
import {
	sunsetContacts,
	sunsetParameterNames,
	SUNSET_OPTION_NAMES,
	SUNSET_PRESETS,
} from '../../lib/sunset/sunsetContacts';
import type { SunsetOptions, SunsetPreset } from '../../lib/sunset/sunsetContacts';

import { AS_OF, ev, sends } from './scoringFixtures';

/** A little of everything the models read: sends, opens, clicks, a subscribe, a purchase, a web visit. */
const EVENTS = [
	ev('ann', 'subscribe', 200),
	...sends('ann', 8, 60),
	ev('ann', 'open', 59, { campaignId: 'k2' }),
	ev('ann', 'click', 58, { campaignId: 'k3' }),
	ev('ann', 'purchase', 20, { value: 40 }),
	ev('ann', 'web_visit', 10, { value: 6 }),
	...sends('bob', 3, 40, 'k'),
	ev('bob', 'open', 39, { campaignId: 'k1' }),
];

/** The option names `run` asks for, read through a proxy of `options`. */
function namesRead<Options>(options: object, run: (options: Options) => unknown): Set<string> {
	const read = new Set<string>();
	const proxy = new Proxy(options as Record<string, unknown>, {
		get(target, name) {
			if (typeof name === 'string') read.add(name);
			return target[name as string];
		},
	});
	run(proxy as Options);
	return read;
}

describe('option names: a misspelt parameter is refused, not ignored', () => {
	test('decay with minEvent (for minEvents) fails naming the field and listing the parameters', () => {
		const run = () => scoreContacts(EVENTS, { model: 'decay', asOf: AS_OF, minEvent: 3 });
		expect(run).toThrow(EngagementInputError);
		expect(run).toThrow(/field "minEvent": is not a parameter of the decay model/);
		expect(run).toThrow(/windowDays, interactionWindowDays, openWeight, clickWeight, minEvents/);
	});

	test("another model's parameter is refused too (clickShare takes no windowDays)", () => {
		expect(() =>
			scoreContacts(EVENTS, { model: 'clickShare', asOf: AS_OF, windowDays: 90 }),
		).toThrow(/field "windowDays": is not a parameter of the clickShare model.*totalCampaigns/);
	});

	test('an option set to undefined counts as absent', () => {
		expect(() =>
			scoreContacts(EVENTS, { model: 'decay', asOf: AS_OF, minEvent: undefined }),
		).not.toThrow();
	});

	test('facts are checked the same way', () => {
		const facts = eventsToFacts(EVENTS, { asOf: Date.parse(AS_OF) });
		expect(() => scoreFacts(facts, { model: 'decay', asOf: AS_OF, minEvnts: 2 })).toThrow(
			/field "minEvnts"/,
		);
	});

	test('and so are the partial statistics of a partitioned run', () => {
		expect(() =>
			partialStatistics(EVENTS, { model: 'lifecycle', asOf: AS_OF, recentQuantil: 0.4 }),
		).toThrow(/field "recentQuantil": is not a parameter of the lifecycle model/);
	});

	test.each(modelNames())('%s: its parameter list is exactly what its readers read', (model) => {
		const parameters = modelParameterNames(model);
		const read = [
			...namesRead({ model, asOf: AS_OF }, (options: { model: string }) =>
				scoreContacts(EVENTS, options),
			),
		].filter((name) => !(SCORE_OPTION_NAMES as readonly string[]).includes(name));
		expect(new Set(read)).toEqual(new Set(parameters));
		// and each is accepted, with its name given
		expect(() =>
			checkOptionNames(model, Object.fromEntries(parameters.map((name) => [name, null]))),
		).not.toThrow();
	});
});

describe('sunset option names: a misspelt rule parameter is refused, not run with its default', () => {
	test('klaviyoSunset with sunsetWindowDay fails naming the field and listing the parameters', () => {
		expect(() =>
			sunsetContacts(EVENTS, { preset: 'klaviyoSunset', asOf: AS_OF, sunsetWindowDay: 90 }),
		).toThrow(
			/field "sunsetWindowDay": is not a parameter of the klaviyoSunset preset.*sunsetWindowDays, sunsetMinReceived/,
		);
	});

	test("bands takes its model's parameters", () => {
		const options = {
			preset: 'bands',
			model: 'decay',
			suppressBands: ['Low'],
			asOf: AS_OF,
		} as const;
		expect(() => sunsetContacts(EVENTS, { ...options, minEvents: 3 })).not.toThrow();
		expect(() => sunsetContacts(EVENTS, { ...options, totalCampaigns: 3 })).toThrow(
			/field "totalCampaigns": is not a parameter of the bands preset/,
		);
	});

	type Case = { preset: SunsetPreset; model: string | undefined };
	const cases = SUNSET_PRESETS.flatMap((preset): Case[] =>
		preset === 'bands'
			? modelNames().map((model) => ({ preset, model }))
			: [{ preset, model: undefined }],
	);
	test.each(cases)(
		'$preset $model: the names it accepts are the names it reads',
		({ preset, model }) => {
			// a band the model has (a custom model's bands are not checked)
			const suppressBands = [model ? (modelBands(model)?.[0] ?? 'x') : 'x'];
			const options = { preset, asOf: AS_OF, ...(model ? { model, suppressBands } : {}) };
			const read = namesRead(options, (proxy: SunsetOptions) => sunsetContacts(EVENTS, proxy));
			const accepted = new Set([...SUNSET_OPTION_NAMES, ...sunsetParameterNames(preset, model)]);
			expect([...read].filter((name) => !accepted.has(name))).toEqual([]);
			// accepted but not read: only the merged statistics, which the models without partitioned figures ignore
			expect(
				[...accepted].filter((name) => !read.has(name) && name !== 'accountStatistics'),
			).toEqual([]);
		},
	);
});
