import { engagementRates } from '../../lib/reports/engagementRates';
import type { ReportEvent } from '../../lib/reports/types';

const T0 = Date.parse('2026-10-01T10:00:00Z');
const HOUR = 3_600_000;

const event = (
	contactId: string,
	type: ReportEvent['type'],
	at: number,
	extra: Partial<ReportEvent> = {},
): ReportEvent => ({ contactId, type, timestamp: at, campaignId: 'b1', ...extra });

describe('engagement rates: "unknown" is not "zero" (issue 9: rates count tracked sends only)', () => {
	test('a recipient whose every broadcast send was untracked leaves the open rate, not the click rate', () => {
		const rates = engagementRates([
			event('a', 'sent', T0),
			event('a', 'open', T0 + HOUR),
			event('b', 'sent', T0),
			// c's only broadcast went out without open tracking: no open can be measured, but the click is
			event('c', 'sent', T0, { tracked: false }),
			event('c', 'click', T0 + HOUR),
		]);
		expect(rates).toMatchObject({
			recipients: 3,
			untrackedRecipients: 1,
			opened: 1,
			openRate: 0.5,
			clicked: 1,
			clickRate: 1 / 3,
		});
	});

	test('an open of an untracked send does not count; one tracked send keeps the contact in the denominator', () => {
		const rates = engagementRates([
			event('a', 'sent', T0, { tracked: false }),
			event('a', 'open', T0 + HOUR),
			event('a', 'sent', T0, { campaignId: 'b2' }),
		]);
		expect(rates).toMatchObject({ recipients: 1, untrackedRecipients: 0, opened: 0, openRate: 0 });
	});

	test('without tracked flags nothing changes', () => {
		const rates = engagementRates([event('a', 'sent', T0), event('a', 'open', T0 + HOUR)]);
		expect(rates).toMatchObject({ recipients: 1, untrackedRecipients: 0, opened: 1, openRate: 1 });
	});
});
