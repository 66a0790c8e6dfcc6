import { filterMachineEvents } from '../../lib/events/filterMachineEvents';
import { findIpRange, parseIpRanges } from '../../lib/events/ipRanges';
import type { EngagementEvent, EventType } from '../../lib/events/types';
import { buildCampaignReport } from '../../lib/reports/campaignReport';
import { engagementRates } from '../../lib/reports/engagementRates';
import { scoreContacts } from '../../lib/scoreContacts';

const T0 = Date.parse('2026-11-01T10:00:00Z');
const SECOND = 1000;

function ev(
	contactId: string,
	type: EventType,
	offsetMs: number,
	extra: Partial<EngagementEvent> = {},
): EngagementEvent {
	return { contactId, type, timestamp: T0 + offsetMs, campaignId: 'spring', ...extra };
}

function reasons(result: ReturnType<typeof filterMachineEvents>) {
	return result.machine.map((found) => [found.index, found.reason, found.detail]);
}

describe('bot rule: event before delivery (Kulea)', () => {
	test('an open or click earlier than the delivery is machine-made; after it is human', () => {
		const events = [
			ev('ana', 'sent', 0),
			ev('ana', 'delivered', 60 * SECOND),
			ev('ana', 'open', 30 * SECOND),
			ev('ana', 'click', 61 * SECOND),
			ev('bo', 'sent', 0),
			ev('bo', 'open', -5 * SECOND), // no delivery event: compared with the send
			ev('cy', 'open', 5 * SECOND), // no send at all: nothing to compare with
		];
		const result = filterMachineEvents(events, { beforeDelivery: true });
		expect(reasons(result)).toEqual([
			[2, 'beforeDelivery', 'open 30 s before the delivery'],
			[5, 'beforeDelivery', 'open 5 s before the delivery'],
		]);
		expect(filterMachineEvents(events).machine).toEqual([]);
	});
});

describe('bot rule: every link in a message clicked within seconds (CustomerMinds)', () => {
	const links = ['https://x.com/a', 'https://x.com/b', 'https://x.com/c'];
	const clicks = (contactId: string, gapsMs: number[]) =>
		gapsMs.map((at, i) => ev(contactId, 'click', at, { url: links[i] }));

	test('all 3 links clicked within 10 s → every click of the burst is flagged; later clicks stay human', () => {
		const events = [
			...clicks('scanned', [1000, 1500, 2200]),
			ev('scanned', 'click', 3_600_000, { url: links[0] }),
		];
		const result = filterMachineEvents(events, { allLinksClicked: true });
		expect(reasons(result)).toEqual([
			[0, 'allLinksClicked', 'all 3 links of the message clicked within 1.2 s'],
			[1, 'allLinksClicked', 'all 3 links of the message clicked within 1.2 s'],
			[2, 'allLinksClicked', 'all 3 links of the message clicked within 1.2 s'],
		]);
	});

	test('slower than withinSeconds, fewer links than minLinks, or a link missed → human', () => {
		const slow = clicks('slow', [0, 5000, 10_001]);
		expect(filterMachineEvents(slow, { allLinksClicked: true }).machine).toEqual([]);
		expect(
			filterMachineEvents(slow, { allLinksClicked: { withinSeconds: 11 } }).machine,
		).toHaveLength(3);
		const twoLinks = [
			ev('two', 'click', 0, { url: links[0] }),
			ev('two', 'click', 100, { url: links[1] }),
		];
		expect(filterMachineEvents(twoLinks, { allLinksClicked: true }).machine).toEqual([]);
		expect(
			filterMachineEvents(twoLinks, { allLinksClicked: { minLinks: 2 } }).machine,
		).toHaveLength(2);
		// another reader clicked a third link, so the message has 3 links and `two` did not click them all
		const observed = [...twoLinks, ev('reader', 'click', 90_000, { url: links[2] })];
		expect(filterMachineEvents(observed, { allLinksClicked: { minLinks: 2 } }).machine).toEqual([]);
	});

	test('campaignLinks overrides the links seen in the data', () => {
		const twoOfThree = clicks('c', [0, 100]);
		expect(
			filterMachineEvents(twoOfThree, { allLinksClicked: { minLinks: 2 } }).machine,
		).toHaveLength(2);
		expect(
			filterMachineEvents(twoOfThree, {
				allLinksClicked: { minLinks: 2, campaignLinks: { spring: links } },
			}).machine,
		).toEqual([]);
	});
});

describe('bot rule: scanner IP ranges supplied by the user', () => {
	test('IPv4 and IPv6 CIDR ranges and single addresses', () => {
		const ranges = parseIpRanges(['40.94.0.0/15', '2a01:111::/32', '192.0.2.7']);
		expect(findIpRange('40.95.255.255', ranges)?.label).toBe('40.94.0.0/15');
		expect(findIpRange('40.96.0.0', ranges)).toBeUndefined();
		expect(findIpRange('2a01:111:f400::1', ranges)?.label).toBe('2a01:111::/32');
		expect(findIpRange('2a01:112::1', ranges)).toBeUndefined();
		expect(findIpRange('192.0.2.7', ranges)?.label).toBe('192.0.2.7');
		expect(findIpRange('192.0.2.8', ranges)).toBeUndefined();
		expect(findIpRange('::ffff:192.0.2.7', ranges)?.label).toBe('192.0.2.7');
		expect(findIpRange('not an ip', ranges)).toBeUndefined();
	});

	test('bad ranges are refused, naming the field', () => {
		expect(() => parseIpRanges(['10.0.0.0/33'])).toThrow(
			'field "scannerIpRanges": bad prefix length in "10.0.0.0/33"',
		);
		expect(() => parseIpRanges(['300.1.1.1'])).toThrow('cannot read IP range');
		expect(() => filterMachineEvents([], { scannerIpRanges: ['1:2:3'] })).toThrow(
			'cannot read IP range',
		);
	});

	test('opens and clicks from a listed range are machine-made', () => {
		const events = [
			ev('ana', 'click', 0, { ip: '40.94.12.1' }),
			ev('ana', 'open', 0, { ip: '81.2.69.160' }),
			ev('ana', 'sent', 0, { ip: '40.94.12.1' }), // not an open or click
		];
		expect(reasons(filterMachineEvents(events, { scannerIpRanges: ['40.94.0.0/15'] }))).toEqual([
			[0, 'scannerIp', 'click from IP 40.94.12.1 in scanner range 40.94.0.0/15'],
		]);
	});
});

describe('bot rule: "2 of 3 signals" mode (Mautic #16263)', () => {
	const signals = {
		sendProximitySeconds: 2,
		scannerIpRanges: ['40.94.0.0/15'],
		scannerUserAgents: ['mimecast'],
	};
	const events = [
		ev('ana', 'sent', 0),
		ev('ana', 'open', 1000), // near the send only
		ev('ana', 'click', 1500, { ip: '40.94.1.1' }), // near the send + IP
		ev('ana', 'click', 60_000, { ip: '40.94.1.1', userAgent: 'Mimecast URL Protect' }), // IP + UA
		ev('ana', 'click', 90_000, { userAgent: 'Mimecast' }), // UA only
		ev('ana', 'click', 1800, { ip: '40.94.1.1', userAgent: 'mimecast' }), // all three
	];

	test('one signal alone keeps the event; two or more flag it with the evidence', () => {
		expect(reasons(filterMachineEvents(events, { signals }))).toEqual([
			[2, 'signals', 'click: 2 of 3 signals (1.5 s after the send; IP 40.94.1.1 in 40.94.0.0/15)'],
			[
				3,
				'signals',
				'click: 2 of 3 signals (IP 40.94.1.1 in 40.94.0.0/15; user agent matches "mimecast")',
			],
			[
				5,
				'signals',
				'click: 3 of 3 signals (1.8 s after the send; IP 40.94.1.1 in 40.94.0.0/15; user agent matches "mimecast")',
			],
		]);
	});

	test('required: 3 needs all three; required: 1 takes any', () => {
		expect(
			filterMachineEvents(events, { signals: { ...signals, required: 3 } }).machine.map(
				(m) => m.index,
			),
		).toEqual([5]);
		expect(
			filterMachineEvents(events, { signals: { ...signals, required: 1 } }).machine.map(
				(m) => m.index,
			),
		).toEqual([1, 2, 3, 4, 5]);
		expect(() => filterMachineEvents(events, { signals: { required: 4 } })).toThrow(
			'field "signals.required": must be 1, 2 or 3',
		);
	});
});

describe('a click upgrades a machine open to a real one (Listrak)', () => {
	const events = [
		ev('ana', 'delivered', 0),
		ev('ana', 'open', 3000, { machine: true }), // Apple privacy open
		ev('ana', 'click', 600_000),
		ev('bo', 'delivered', 0),
		ev('bo', 'open', 3000, { machine: true }),
		ev('bo', 'click', 3500, { machine: true }), // a machine click does not upgrade
		ev('cy', 'open', 3000, { machine: true, campaignId: 'other' }),
		ev('cy', 'click', 3000, { campaignId: 'spring' }), // another campaign does not upgrade
	];

	test('drop mode: the upgraded open is kept, unflagged, and listed apart', () => {
		const result = filterMachineEvents(events, { clickUpgradesOpen: true });
		expect(result.upgraded?.map((found) => found.index)).toEqual([1]);
		expect(result.machine.map((found) => found.index)).toEqual([4, 5, 6]);
		expect(result.events).toEqual([
			events[0],
			{ ...events[1], machine: false },
			events[2],
			events[3],
			events[7],
		]);
	});

	test('mark mode keeps every event; without the option nothing is upgraded', () => {
		const marked = filterMachineEvents(events, { clickUpgradesOpen: true, mode: 'mark' });
		expect(marked.events.map((event) => event.machine === true)).toEqual([
			false,
			false,
			false,
			false,
			true,
			true,
			true,
			false,
		]);
		expect(filterMachineEvents(events).upgraded).toBeUndefined();
		expect(filterMachineEvents(events).machine.map((found) => found.index)).toEqual([1, 4, 5, 6]);
	});

	test('through scoreContacts: the upgraded open is no longer excluded; the other machine open still is', () => {
		const sends = ['k1', 'k2', 'k3'].map((campaignId, i) =>
			ev('ana', 'sent', i * 86_400_000, { campaignId }),
		);
		const log = [
			...sends,
			ev('ana', 'open', 4000, { campaignId: 'k1', machine: true }),
			ev('ana', 'click', 5000, { campaignId: 'k1', url: 'https://x.com' }),
			ev('ana', 'open', 86_400_000 + 4000, { campaignId: 'k2', machine: true }),
		];
		const asOf = T0 + 10 * 86_400_000;
		const plain = scoreContacts(log, { model: 'mailpoet', asOf });
		expect(plain.contacts[0].details).toMatchObject({ sentInWindow: 3, openedInWindow: 1 });
		expect(plain.account.machineEventsExcluded).toBe(2);
		const upgraded = scoreContacts(log, {
			model: 'mailpoet',
			asOf,
			machineFilter: { clickUpgradesOpen: true },
		});
		expect(upgraded.contacts[0].details).toMatchObject({ sentInWindow: 3, openedInWindow: 1 });
		expect(upgraded.account.machineEventsExcluded).toBe(1);
	});
});

describe('scanner rules through scoreContacts (machineFilter)', () => {
	test('a scanner click before delivery no longer makes a contact Engaged', () => {
		const asOf = T0 + 86_400_000;
		const log = [
			ev('ana', 'delivered', 10_000),
			ev('ana', 'click', 2000, { url: 'https://x.com/a' }),
		];
		expect(scoreContacts(log, { model: 'klaviyoEngagement', asOf }).contacts[0].band).toBe(
			'Engaged',
		);
		const filtered = scoreContacts(log, {
			model: 'klaviyoEngagement',
			asOf,
			machineFilter: { beforeDelivery: true },
		});
		expect(filtered.contacts[0].band).toBe('Neither');
		expect(filtered.account.machineEventsExcluded).toBe(1);
	});
});

describe('bot rules in the reports (machineFilter)', () => {
	// ana's open and click come 1–2 s after the send (a link scanner on delivery); bo opens and clicks an hour later.
	const log = [
		ev('ana', 'sent', 0),
		ev('ana', 'open', 1 * SECOND),
		ev('ana', 'click', 2 * SECOND, { url: 'https://x.com/a' }),
		ev('bo', 'sent', 0),
		ev('bo', 'open', 3600 * SECOND),
		ev('bo', 'click', 3601 * SECOND, { url: 'https://x.com/a' }),
	];
	const machineFilter = { sendProximitySeconds: 5 };

	test('engagementRates: events the rules flag leave the rates; raw figures still count them', () => {
		expect(engagementRates(log)).toMatchObject({ recipients: 2, opened: 2, clicked: 2 });
		const filtered = engagementRates(log, { machineFilter, includeRawFigures: true });
		expect(filtered).toMatchObject({ recipients: 2, opened: 1, clicked: 1, openRate: 0.5 });
		expect(filtered.raw).toMatchObject({ recipients: 2, opened: 2, clicked: 2 });
		expect(engagementRates(log, { machineFilter, excludeMachine: false })).toMatchObject({
			opened: 2,
			clicked: 2,
		});
	});

	test('buildCampaignReport: the campaign row and the user rows drop the flagged view and click', () => {
		const report = buildCampaignReport(log, { machineFilter, includeRawFigures: true });
		expect(report.campaigns[0]).toMatchObject({ sent: 2, view: 1, click: 1 });
		expect(report.campaigns[0].raw).toEqual({ sent: 2, view: 2, click: 2, goal: 0 });
		const ana = report.users.find((row) => row.userId === 'ana');
		expect(ana).toMatchObject({ view: null, click: null });
	});
});
