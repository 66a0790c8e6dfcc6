'use strict';
/**
 * BASELINE: Ometria's decay score the way an n8n user writes it in a Code node — `$input.all()`, lodash `groupBy`
 * over the event objects, `filter`/`some`/`minBy` per contact and campaign, `new Date()` for the timestamps.
 * Same rules as lib/models/decay.ts (DESIGN.md "decay"; calendar days in UTC), so its scores can be checked against
 * ours. Deliberately idiomatic, not tuned: that is the point of the baseline.
 */

const _ = require('lodash');

const DAY = 86400000;

/** `items` as n8n hands them to a Code node: `[{ json: event }]`. */
function lodashDecay(
	items,
	{
		asOf,
		windowDays = 180,
		interactionWindowDays = 7,
		openWeight = 1,
		clickWeight = 2,
		minEvents = 6,
		newContactDays = 28,
		lowMultiplier = 0.5,
		highMultiplier = 1.5,
	},
) {
	const asOfMs = new Date(asOf).getTime();
	const asOfDay = Math.floor(asOfMs / DAY);
	const events = items
		.map((item) => item.json)
		.filter((event) => !event.machine && new Date(event.timestamp).getTime() <= asOfMs);
	const byContact = _.groupBy(events, 'contactId');

	const rows = _.map(byContact, (contactEvents, contactId) => {
		const time = (event) => new Date(event.timestamp).getTime();
		const day = (event) => Math.floor(time(event) / DAY);
		const sends = contactEvents.filter(
			(event) =>
				(event.type === 'sent' || event.type === 'delivered') &&
				event.campaignKind !== 'transactional',
		);
		const firstSends = _.map(_.groupBy(sends, 'campaignId'), (campaignSends) =>
			_.minBy(campaignSends, time),
		);
		const interactions = _.groupBy(
			contactEvents.filter(
				(event) =>
					(event.type === 'open' || event.type === 'click') &&
					event.campaignKind !== 'transactional',
			),
			'campaignId',
		);
		let numerator = 0;
		let denominator = 0;
		let n = 0;
		let opened = 0;
		for (const send of firstSends) {
			const age = asOfDay - day(send);
			if (age >= windowDays) continue;
			const answers = (interactions[send.campaignId] || []).filter(
				(event) => time(event) >= time(send) && day(event) - day(send) <= interactionWindowDays,
			);
			const c = _.some(answers, { type: 'click' }) ? 1 : 0;
			const o = c || _.some(answers, { type: 'open' }) ? 1 : 0;
			const decay = 1 - age / windowDays;
			numerator += decay * (openWeight * o + clickWeight * c);
			denominator += decay * (openWeight + clickWeight);
			n++;
			opened += o;
		}
		const subscribe = _.minBy(
			contactEvents.filter((event) => event.type === 'subscribe'),
			time,
		);
		const firstSend = _.minBy(firstSends, time);
		const tenureStart = subscribe || firstSend;
		return {
			contactId,
			sends: firstSends.length,
			n,
			opened,
			raw: n > 0 ? numerator / denominator : null,
			tenureDays: tenureStart ? asOfDay - day(tenureStart) : null,
		};
	});

	const average =
		_.meanBy(
			rows.filter((row) => row.raw !== null),
			'raw',
		) || 0;
	return _.sortBy(
		rows.map((row) => {
			const score =
				row.n < minEvents
					? (row.n * (row.raw || 0) + (minEvents - row.n) * average) / minEvents
					: row.raw;
			let band;
			if (row.sends === 0) band = 'Null';
			else if (row.opened === 0 && row.tenureDays !== null && row.tenureDays < newContactDays)
				band = 'New';
			else if (row.opened === 0) band = 'No engagement';
			else if (score < lowMultiplier * average) band = 'Low';
			else if (score > highMultiplier * average) band = 'High';
			else band = 'Medium';
			return {
				contactId: row.contactId,
				score: band === 'Null' ? null : band === 'No engagement' ? 0 : score,
				band,
			};
		}),
		'contactId',
	);
}

module.exports = { lodashDecay };
