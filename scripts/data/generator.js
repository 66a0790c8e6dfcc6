'use strict';
/**
 * Deterministic synthetic engagement data: contacts, campaigns and EngagementEvents (DESIGN.md "Event schema").
 *
 * Same options (seed included) → byte-identical output, on any machine: one seeded PRNG (mulberry32), consumed in a
 * fixed order, and a fixed `endDate` default instead of "now".
 *
 * What it models, so every scoring model has something to find:
 * - skew: a few champions, some engaged, many casual, half the list dormant; some contacts churn or wake up midway;
 * - ~40 campaigns over 6 months: weekday broadcasts, automations (welcome, cart abandonment, post-purchase, birthday,
 *   win-back) triggered by behaviour, transactional sends (order confirmation, shipping, password reset, a policy notice);
 * - Apple Mail Privacy Protection: every delivery to an Apple Mail user gets a machine open minutes later (machine: true);
 * - corporate link scanners: every link of a delivery "clicked" 1–30 s after it, scanner user agent, machine: true;
 * - real opens (mostly within hours, a tail beyond the 7-day counting window), clicks, conversions with a purchase,
 *   web visits (value = pages viewed), purchases, LINE-style interactions, blocks and unblocks, subscribes mid-period,
 *   unsubscribes, complaints and hard bounces.
 *
 * Events are produced day by day and each day is emitted sorted by time, so `iterateEvents` streams a chronological
 * event log of any size in bounded memory (a day's events plus those scheduled up to ~2 weeks ahead).
 */

const { createRandom } = require('./prng');

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DEFAULTS = {
	seed: 42,
	contacts: 3000,
	campaigns: 40,
	months: 6,
	endDate: '2026-11-01T00:00:00.000Z',
	/** 'iso' (ISO-8601 UTC strings) or 'ms' (epoch milliseconds). */
	timestamps: 'iso',
	/** Share of the eligible list each broadcast goes to (segmentation); scales the event count. */
	audienceShare: 1,
	/** Also emit a `sent` event before each `delivered`. */
	includeSent: false,
	/** Probability that an event is delivered twice with the same eventId (webhook retries). */
	duplicateRate: 0,
	/** Prefix of the generated eventIds. */
	eventIdPrefix: 'e',
};

/** Engagement personas: probabilities per send (opens, clicks) and per day (web, LINE). */
const PERSONAS = {
	champion: {
		share: 0.05,
		open: 0.75,
		click: 0.45,
		convert: 0.2,
		visit: 0.12,
		buy: 0.15,
		interact: 0.03,
		unsubscribe: 0.0002,
	},
	engaged: {
		share: 0.15,
		open: 0.45,
		click: 0.25,
		convert: 0.12,
		visit: 0.05,
		buy: 0.08,
		interact: 0.01,
		unsubscribe: 0.0008,
	},
	casual: {
		share: 0.3,
		open: 0.18,
		click: 0.15,
		convert: 0.08,
		visit: 0.015,
		buy: 0.05,
		interact: 0.003,
		unsubscribe: 0.0015,
	},
	dormant: {
		share: 0.5,
		open: 0.015,
		click: 0.1,
		convert: 0.05,
		visit: 0.001,
		buy: 0.03,
		interact: 0.0003,
		unsubscribe: 0.002,
	},
};
/** Activity multiplier outside a contact's active spell (churned, or not yet woken up). */
const INACTIVE_FACTOR = 0.08;

const FIRST_NAMES = [
	'Ava',
	'Ben',
	'Chloe',
	'Daniel',
	'Emma',
	'Felix',
	'Grace',
	'Hugo',
	'Isla',
	'Jack',
	'Kai',
	'Lena',
	'Mia',
	'Noah',
	'Olivia',
	'Paul',
	'Quinn',
	'Rosa',
	'Sam',
	'Tara',
	'Uma',
	'Victor',
	'Wen',
	'Yuki',
	'Zoe',
	'Aiko',
	'Luca',
	'Sofia',
	'Mateo',
	'Hana',
];
const LAST_NAMES = [
	'Smith',
	'Jones',
	'Brown',
	'Garcia',
	'Muller',
	'Rossi',
	'Tanaka',
	'Kim',
	'Chen',
	'Lopez',
	'Martin',
	'Dubois',
	'Novak',
	'Silva',
	'Lee',
	'Wang',
	'Khan',
	'Costa',
	'Berg',
	'Moreau',
];
/** [domain, weight, appleMailShare, hasLinkScanner] */
const DOMAINS = [
	['gmail.com', 42, 0.1, false],
	['icloud.com', 15, 0.95, false],
	['outlook.com', 15, 0.15, false],
	['yahoo.com', 9, 0.15, false],
	['example.org', 9, 0.3, false],
	['acme-corp.com', 4, 0.35, true],
	['globex.example', 3, 0.3, true],
	['initech.example', 3, 0.3, true],
];
const SCANNER_USER_AGENTS = [
	'Mozilla/5.0 (compatible; Barracuda Sentinel; +http://www.barracuda.com)',
	'Proofpoint URL Defense/1.0',
	'Mimecast-URL-Protect/2.0',
	'Microsoft Office/16.0 (SafeLinks)',
];
const APPLE_PROXY_USER_AGENT = 'Mozilla/5.0';
const BROADCAST_NAMES = [
	'New arrivals',
	'Weekly picks',
	'Spring sale',
	'Members preview',
	'Style guide',
	'Flash sale',
	'Restock alert',
	'Editor letter',
	'Gift ideas',
	'Last chance',
	'Lookbook',
	'Customer stories',
	'Back in stock',
	'Weekend deals',
	'Launch day',
	'Seasonal edit',
];
/** Behaviour-triggered campaigns, in the order they are created when fewer are asked for. */
const AUTOMATIONS = [
	['welcome', 'Welcome series 1'],
	['cart', 'Abandoned cart'],
	['postPurchase', 'Post-purchase review'],
	['winBack', 'Win-back'],
	['birthday', 'Birthday treat'],
	['welcome2', 'Welcome series 2'],
];
const TRANSACTIONALS = [
	['orderConfirmation', 'Order confirmation'],
	['shipping', 'Shipping update'],
	['passwordReset', 'Password reset'],
	['policyNotice', 'Privacy policy update'],
];

function resolveOptions(options) {
	const resolved = { ...DEFAULTS };
	for (const [key, value] of Object.entries(options || {}))
		if (value !== undefined) resolved[key] = value;
	if (!['iso', 'ms'].includes(resolved.timestamps))
		throw new RangeError(`timestamps must be 'iso' or 'ms'`);
	if (!(resolved.contacts >= 1)) throw new RangeError('contacts must be ≥ 1');
	const end = new Date(resolved.endDate);
	if (Number.isNaN(end.getTime())) throw new RangeError(`endDate: cannot read ${resolved.endDate}`);
	const start = new Date(end);
	start.setUTCMonth(start.getUTCMonth() - resolved.months);
	resolved.endMs = end.getTime();
	resolved.startMs = start.getTime();
	return resolved;
}

const iso = (millis) => new Date(millis).toISOString();

function buildContacts(random, options) {
	const personaShares = Object.fromEntries(
		Object.entries(PERSONAS).map(([name, p]) => [name, p.share]),
	);
	const domainWeights = Object.fromEntries(DOMAINS.map(([domain, weight]) => [domain, weight]));
	const domainInfo = new Map(DOMAINS.map((entry) => [entry[0], entry]));
	const span = options.endMs - options.startMs;
	const contacts = [];
	for (let index = 0; index < options.contacts; index++) {
		const firstName = random.pick(FIRST_NAMES);
		const lastName = random.pick(LAST_NAMES);
		const domain = random.weighted(domainWeights);
		const [, , appleShare, hasScanner] = domainInfo.get(domain);
		const email = `${firstName}.${lastName}.${index + 1}@${domain}`.toLowerCase();
		// 15% join during the period (some in the last 4 weeks: "New"), the rest up to 3 years before it.
		const joinsDuring = random.chance(0.15);
		const subscribedAt = joinsDuring
			? options.startMs + Math.floor(random.uniform() * span)
			: options.startMs - Math.floor(random.between(1, 3 * 365) * DAY);
		const persona = random.weighted(personaShares);
		// Active spell: most stay as they are, some churn midway, some dormant ones wake up.
		let activeFrom = -Infinity;
		let activeUntil = Infinity;
		const drift = random.uniform();
		if (persona !== 'dormant' && drift < 0.2)
			activeUntil = options.startMs + random.uniform() * span;
		else if (persona === 'dormant' && drift < 0.05)
			activeFrom = options.startMs + random.uniform() * span;
		contacts.push({
			contactId: email,
			email,
			crmId: `crm-${String(100000 + index)}`,
			firstName,
			lastName,
			subscribedAt: iso(subscribedAt),
			persona,
			appleMail: random.chance(appleShare),
			linkScanner: hasScanner,
			birthdayDayOfYear: random.integer(0, 364),
			// runtime state (not exported)
			_subscribedAt: subscribedAt,
			_activeFrom: activeFrom,
			_activeUntil: activeUntil,
			_badAddress: random.chance(0.01),
			_blocksAt: random.chance(0.03) ? options.startMs + random.uniform() * span : Infinity,
		});
	}
	return contacts;
}

function buildCampaigns(random, options) {
	const total = Math.max(1, options.campaigns);
	const automationCount = Math.min(AUTOMATIONS.length, Math.round(total * 0.15));
	const transactionalCount = Math.min(TRANSACTIONALS.length, Math.round(total * 0.1));
	const broadcastCount = Math.max(1, total - automationCount - transactionalCount);
	const span = options.endMs - options.startMs;
	const campaigns = [];
	for (let index = 0; index < broadcastCount; index++) {
		let day = Math.floor((options.startMs + ((index + 0.5) * span) / broadcastCount) / DAY) * DAY;
		const weekday = new Date(day).getUTCDay();
		if (weekday === 0) day += DAY;
		if (weekday === 6) day += 2 * DAY;
		const sentAt = day + 9 * HOUR + Math.floor((random.uniform() * 2 * HOUR) / MINUTE) * MINUTE;
		const name = `${BROADCAST_NAMES[index % BROADCAST_NAMES.length]} ${iso(sentAt).slice(0, 10)}`;
		campaigns.push({
			campaignId: `bc-${String(index + 1).padStart(3, '0')}`,
			name,
			kind: 'broadcast',
			sentAt,
			role: 'broadcast',
		});
	}
	AUTOMATIONS.slice(0, automationCount).forEach(([role, name], index) =>
		campaigns.push({
			campaignId: `au-${String(index + 1).padStart(2, '0')}`,
			name,
			kind: 'automation',
			sentAt: options.startMs,
			role,
		}),
	);
	TRANSACTIONALS.slice(0, transactionalCount).forEach(([role, name], index) => {
		const sentAt =
			role === 'policyNotice'
				? options.startMs + Math.floor((span * 0.6) / DAY) * DAY + 14 * HOUR
				: options.startMs;
		campaigns.push({
			campaignId: `tx-${String(index + 1).padStart(2, '0')}`,
			name,
			kind: 'transactional',
			sentAt,
			role,
		});
	});
	return campaigns;
}

/**
 * The generator's plan (contacts and campaigns) plus a lazily-evaluated event stream.
 * `iterateEvents()` can be called several times; each call replays the same events.
 */
function createGenerator(userOptions) {
	const options = resolveOptions(userOptions);
	const planRandom = createRandom(options.seed);
	const contacts = buildContacts(planRandom, options);
	const campaigns = buildCampaigns(planRandom, options);

	function* iterateEvents() {
		yield* simulate(options, contacts, campaigns);
	}

	return {
		options,
		contacts: contacts.map(exportContact),
		campaigns: campaigns.map(({ campaignId, name, kind, sentAt }) => ({
			campaignId,
			name,
			kind,
			sentAt: iso(sentAt),
		})),
		iterateEvents,
	};
}

function exportContact(contact) {
	const {
		contactId,
		email,
		crmId,
		firstName,
		lastName,
		subscribedAt,
		persona,
		appleMail,
		linkScanner,
	} = contact;
	return {
		contactId,
		email,
		crmId,
		firstName,
		lastName,
		subscribedAt,
		persona,
		appleMail,
		linkScanner,
	};
}

function* simulate(options, contacts, campaigns) {
	// A second stream, derived from the seed, so the plan and the simulation never shift each other.
	const random = createRandom((options.seed ^ 0x9e3779b9) >>> 0);
	const { startMs, endMs } = options;
	const dayCount = Math.ceil((endMs - startMs) / DAY);
	const byRole = new Map(campaigns.map((campaign) => [campaign.role, campaign]));
	const broadcastsByDay = new Map();
	for (const campaign of campaigns) {
		if (campaign.kind !== 'broadcast' && campaign.role !== 'policyNotice') continue;
		const day = Math.floor((campaign.sentAt - startMs) / DAY);
		if (!broadcastsByDay.has(day)) broadcastsByDay.set(day, []);
		broadcastsByDay.get(day).push(campaign);
	}

	const state = contacts.map(() => ({
		unsubscribed: false,
		bounced: false,
		blocked: false,
		lastEngagedAt: -Infinity,
	}));
	const buckets = new Map();
	let sequence = 0;
	let eventNumber = 0;

	function schedule(time, contactIndex, type, fields) {
		if (time >= endMs || time < startMs) return;
		const day = Math.floor((time - startMs) / DAY);
		let bucket = buckets.get(day);
		if (!bucket) buckets.set(day, (bucket = []));
		bucket.push({ time: Math.floor(time), contactIndex, type, sequence: sequence++, ...fields });
	}

	const activity = (contact, time) =>
		time >= contact._activeFrom && time < contact._activeUntil ? 1 : INACTIVE_FACTOR;

	function purchase(contactIndex, time, value) {
		schedule(time, contactIndex, 'purchase', { channel: 'web', value });
		state[contactIndex].lastEngagedAt = Math.max(state[contactIndex].lastEngagedAt, time);
		const confirmation = byRole.get('orderConfirmation');
		if (confirmation) send(contactIndex, confirmation, time + random.between(20, 90) * SECOND);
		const shipping = byRole.get('shipping');
		if (shipping) send(contactIndex, shipping, time + random.between(1, 3) * DAY);
		const review = byRole.get('postPurchase');
		if (review) send(contactIndex, review, time + 5 * DAY + random.between(0, 2) * HOUR);
	}

	function send(contactIndex, campaign, time) {
		const contact = contacts[contactIndex];
		const contactState = state[contactIndex];
		if (contactState.bounced) return;
		if (contactState.unsubscribed && campaign.kind !== 'transactional') return;
		if (time >= endMs) return;
		const email = { campaign, channel: 'email' };
		if (options.includeSent) schedule(time, contactIndex, 'sent', email);
		const deliveredAt = time + random.between(2, 60) * SECOND;
		if (contact._badAddress) {
			schedule(deliveredAt, contactIndex, 'bounce', email);
			contactState.bounced = true;
			return;
		}
		schedule(deliveredAt, contactIndex, 'delivered', email);
		const links = campaign.kind === 'transactional' ? 1 : 2;
		const linkUrl = (link) => `https://shop.example/${campaign.campaignId}/${link}`;
		if (contact.appleMail) {
			schedule(deliveredAt + random.between(1, 15) * MINUTE, contactIndex, 'open', {
				...email,
				machine: true,
				userAgent: APPLE_PROXY_USER_AGENT,
			});
		}
		if (contact.linkScanner) {
			const userAgent = SCANNER_USER_AGENTS[contactIndex % SCANNER_USER_AGENTS.length];
			for (let link = 1; link <= links; link++) {
				schedule(deliveredAt + random.between(1, 30) * SECOND, contactIndex, 'click', {
					...email,
					machine: true,
					userAgent,
					url: linkUrl(link),
				});
			}
		}
		const persona = PERSONAS[contact.persona];
		const boost =
			campaign.kind === 'transactional' ? 2.5 : campaign.kind === 'automation' ? 1.4 : 1;
		if (!random.chance(Math.min(0.95, persona.open * boost * activity(contact, time)))) {
			if (random.chance(persona.unsubscribe * 0.5))
				markUnsubscribed(contactIndex, deliveredAt + random.exponential(DAY), email, true);
			return;
		}
		// Most opens within hours; one in ten after the 7-day counting window.
		const openDelay = random.chance(0.9)
			? random.exponential(6 * HOUR)
			: random.between(7.5, 12) * DAY;
		const openedAt = deliveredAt + openDelay;
		schedule(openedAt, contactIndex, 'open', email);
		contactState.lastEngagedAt = Math.max(contactState.lastEngagedAt, openedAt);
		if (random.chance(persona.unsubscribe)) {
			markUnsubscribed(contactIndex, openedAt + random.between(10, 300) * SECOND, email, false);
			return;
		}
		if (!random.chance(persona.click)) return;
		const clickedAt = openedAt + random.between(5, 600) * SECOND;
		schedule(clickedAt, contactIndex, 'click', {
			...email,
			url: linkUrl(random.integer(1, links)),
		});
		if (campaign.kind === 'transactional' || !random.chance(persona.convert)) return;
		const convertedAt =
			clickedAt +
			(random.chance(0.85) ? random.exponential(8 * HOUR) : random.between(7, 20) * DAY);
		const value = Math.round(random.between(15, 250) * 100) / 100;
		schedule(convertedAt, contactIndex, 'conversion', { ...email, value });
		purchase(contactIndex, convertedAt + random.between(1, 5) * SECOND, value);
	}

	function markUnsubscribed(contactIndex, time, email, complaint) {
		if (complaint && random.chance(0.1)) schedule(time, contactIndex, 'complaint', email);
		schedule(time, contactIndex, 'unsubscribe', email);
		state[contactIndex].unsubscribed = true;
	}

	function dailyLife(contactIndex, dayStart) {
		const contact = contacts[contactIndex];
		const contactState = state[contactIndex];
		if (contact._subscribedAt >= dayStart + DAY) return;
		const persona = PERSONAS[contact.persona];
		const factor = activity(contact, dayStart);
		if (random.chance(persona.visit * factor)) {
			const visitedAt = dayStart + random.between(7, 23) * HOUR;
			const pages = 1 + Math.floor(random.exponential(2.5));
			schedule(visitedAt, contactIndex, 'web_visit', { channel: 'web', value: pages });
			contactState.lastEngagedAt = Math.max(contactState.lastEngagedAt, visitedAt);
			if (random.chance(persona.buy)) {
				purchase(
					contactIndex,
					visitedAt + random.between(2, 30) * MINUTE,
					Math.round(random.between(10, 300) * 100) / 100,
				);
			} else if (pages >= 3 && random.chance(0.25)) {
				const cart = byRole.get('cart');
				if (cart) send(contactIndex, cart, visitedAt + 2 * HOUR);
			}
		}
		if (random.chance(persona.interact * factor * (contactState.blocked ? 0 : 1))) {
			schedule(dayStart + random.between(8, 22) * HOUR, contactIndex, 'interaction', {
				channel: 'line',
			});
		}
		if (contact._blocksAt >= dayStart && contact._blocksAt < dayStart + DAY) {
			schedule(contact._blocksAt, contactIndex, 'block', { channel: 'line' });
			contactState.blocked = true;
			if (random.chance(0.4)) {
				const unblockAt = contact._blocksAt + random.between(3, 60) * DAY;
				schedule(unblockAt, contactIndex, 'unblock', { channel: 'line' });
			}
		}
		const dayOfYear = Math.floor(
			(dayStart - Date.UTC(new Date(dayStart).getUTCFullYear(), 0, 1)) / DAY,
		);
		if (dayOfYear === contact.birthdayDayOfYear) {
			const birthday = byRole.get('birthday');
			if (birthday)
				send(contactIndex, birthday, dayStart + 8 * HOUR + random.between(0, 30) * MINUTE);
		}
		if (random.chance(0.0005)) {
			const reset = byRole.get('passwordReset');
			if (reset) send(contactIndex, reset, dayStart + random.between(0, 24) * HOUR);
		}
	}

	function subscribe(contactIndex) {
		const contact = contacts[contactIndex];
		schedule(contact._subscribedAt, contactIndex, 'subscribe', { channel: 'email' });
		const welcome = byRole.get('welcome');
		if (welcome)
			send(contactIndex, welcome, contact._subscribedAt + random.between(1, 10) * MINUTE);
		const welcome2 = byRole.get('welcome2');
		if (welcome2)
			send(contactIndex, welcome2, contact._subscribedAt + 3 * DAY + random.between(0, 2) * HOUR);
	}

	const joinersByDay = new Map();
	contacts.forEach((contact, index) => {
		if (contact._subscribedAt < startMs) return;
		const day = Math.floor((contact._subscribedAt - startMs) / DAY);
		if (!joinersByDay.has(day)) joinersByDay.set(day, []);
		joinersByDay.get(day).push(index);
	});

	const winBack = byRole.get('winBack');
	for (let day = 0; day < dayCount; day++) {
		const dayStart = startMs + day * DAY;
		for (const contactIndex of joinersByDay.get(day) || []) subscribe(contactIndex);
		for (const campaign of broadcastsByDay.get(day) || []) {
			const everyone = campaign.kind === 'transactional';
			for (let contactIndex = 0; contactIndex < contacts.length; contactIndex++) {
				if (contacts[contactIndex]._subscribedAt > campaign.sentAt) continue;
				if (!everyone && !random.chance(options.audienceShare)) continue;
				send(contactIndex, campaign, campaign.sentAt + Math.floor(contactIndex / 500) * SECOND);
			}
		}
		if (winBack && new Date(dayStart).getUTCDate() === 1) {
			for (let contactIndex = 0; contactIndex < contacts.length; contactIndex++) {
				const contact = contacts[contactIndex];
				if (contact._subscribedAt > dayStart - 90 * DAY) continue;
				if (state[contactIndex].lastEngagedAt > dayStart - 90 * DAY) continue;
				if (random.chance(options.audienceShare)) send(contactIndex, winBack, dayStart + 10 * HOUR);
			}
		}
		for (let contactIndex = 0; contactIndex < contacts.length; contactIndex++)
			dailyLife(contactIndex, dayStart);

		const bucket = buckets.get(day);
		buckets.delete(day);
		if (!bucket) continue;
		bucket.sort((a, b) => a.time - b.time || a.sequence - b.sequence);
		for (const raw of bucket) {
			const event = toEvent(
				raw,
				contacts,
				options,
				`${options.eventIdPrefix}${(eventNumber++).toString(36)}`,
			);
			yield event;
			if (options.duplicateRate > 0 && random.chance(options.duplicateRate)) yield { ...event };
		}
	}
}

function toEvent(raw, contacts, options, eventId) {
	const event = {
		eventId,
		contactId: contacts[raw.contactIndex].contactId,
		type: raw.type,
		timestamp: options.timestamps === 'ms' ? raw.time : iso(raw.time),
	};
	if (raw.campaign) {
		event.campaignId = raw.campaign.campaignId;
		event.campaignKind = raw.campaign.kind;
	}
	event.channel = raw.channel;
	if (raw.machine) event.machine = true;
	if (raw.url !== undefined) event.url = raw.url;
	if (raw.value !== undefined) event.value = raw.value;
	if (raw.userAgent !== undefined) event.userAgent = raw.userAgent;
	return event;
}

/**
 * Generates a whole dataset in memory.
 * @returns {{contacts: object[], campaigns: object[], events: object[], options: object}}
 */
function generateDataset(options) {
	const generator = createGenerator(options);
	return {
		options: generator.options,
		contacts: generator.contacts,
		campaigns: generator.campaigns,
		events: Array.from(generator.iterateEvents()),
	};
}

module.exports = { generateDataset, createGenerator, DEFAULTS, PERSONAS, SCANNER_USER_AGENTS };
