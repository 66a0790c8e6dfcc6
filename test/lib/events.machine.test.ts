import { filterMachineEvents } from '../../lib/events/filterMachineEvents';
import { DEFAULT_SCANNER_USER_AGENTS } from '../../lib/events/scannerUserAgents';
import { scoreContacts } from '../../lib/scoreContacts';
import type { EngagementEvent } from '../../lib/events/types';

const SENT = Date.UTC(2026, 2, 1, 9);
const delivered: EngagementEvent = {
	contactId: 'a',
	type: 'delivered',
	timestamp: SENT,
	campaignId: 'nl-1',
};
const at = (seconds: number, extra: Partial<EngagementEvent> = {}): EngagementEvent => ({
	contactId: 'a',
	type: 'click',
	timestamp: SENT + seconds * 1000,
	campaignId: 'nl-1',
	...extra,
});

describe('machine / bot filtering', () => {
	test('events flagged machine by the source are dropped, with the reason', () => {
		const flagged = at(600, { type: 'open', machine: true });
		const result = filterMachineEvents([delivered, flagged, at(900)]);
		expect(result.events).toEqual([delivered, at(900)]);
		expect(result.machine).toEqual([
			{ index: 1, event: flagged, reason: 'flagged', detail: 'flagged machine by the source' },
		]);
		expect(filterMachineEvents([flagged], { flagged: false }).events).toEqual([flagged]);
	});

	test("heuristic: an open or click within N seconds of that contact's send of that campaign", () => {
		const events = [
			delivered,
			at(1.5), // 1.5 s after the send: a scanner
			at(2, { type: 'open' }), // on the edge: still machine
			at(3), // 3 s: a fast human
			at(1, { campaignId: 'nl-2' }), // another campaign: no send to compare with
			at(1, { contactId: 'b' }), // another contact
			at(-5), // before the send
		];
		const result = filterMachineEvents(events, { sendProximitySeconds: 2 });
		expect(result.machine.map((m) => [m.index, m.reason, m.detail])).toEqual([
			[1, 'nearSend', 'click 1.5 s after the send'],
			[2, 'nearSend', 'open 2 s after the send'],
		]);
		expect(filterMachineEvents(events).machine).toEqual([]); // off by default
	});

	test('heuristic: known link-scanner user agents (default list, case-insensitive), or your own list', () => {
		const scanner = at(60, { userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)' });
		const safeLinks = at(60, { userAgent: 'Microsoft Office/16.0 (SafeLinks)' });
		const human = at(60, { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' });
		const result = filterMachineEvents([scanner, safeLinks, human], { scannerUserAgents: true });
		expect(result.machine.map((m) => m.detail)).toEqual([
			'user agent matches "barracuda"',
			'user agent matches "safelinks"',
		]);
		expect(result.events).toEqual([human]);
		const own = filterMachineEvents([scanner, human], { scannerUserAgents: [/iPhone/] });
		expect(own.machine.map((m) => m.index)).toEqual([1]);
		expect(DEFAULT_SCANNER_USER_AGENTS).toContain('mimecast');
	});

	test('sends and other event types are never judged machine by the heuristics', () => {
		const sentByScript = { ...delivered, userAgent: 'python-requests/2.31' };
		expect(
			filterMachineEvents([sentByScript], { scannerUserAgents: true, sendProximitySeconds: 10 })
				.machine,
		).toEqual([]);
	});

	test('mark mode keeps every event at its index and flags the detected ones machine', () => {
		const result = filterMachineEvents([delivered, at(1)], {
			mode: 'mark',
			sendProximitySeconds: 2,
		});
		expect(result.events).toEqual([delivered, { ...at(1), machine: true }]);
	});

	test('scoreContacts drops machine events by default, keeps them with excludeMachine: false, applies machineFilter', () => {
		const events = [delivered, at(1)];
		const options = { model: 'decay', asOf: SENT + 86_400_000 };
		const human = scoreContacts(events, options);
		expect(human.contacts[0].details.clickedSends).toBe(1);
		const filtered = scoreContacts(events, {
			...options,
			machineFilter: { sendProximitySeconds: 2 },
		});
		expect(filtered.contacts[0].details.clickedSends).toBe(0);
		expect(filtered.account.machineEventsExcluded).toBe(1);
		const flagged = [delivered, at(60, { machine: true })];
		expect(scoreContacts(flagged, options).contacts[0].details.clickedSends).toBe(0);
		expect(
			scoreContacts(flagged, { ...options, excludeMachine: false }).contacts[0].details
				.clickedSends,
		).toBe(1);
	});
});
