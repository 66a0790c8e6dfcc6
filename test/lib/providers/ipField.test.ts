/**
 * The event's `ip` (issue 9: scanner IP ranges) is read from each provider payload that carries one. Field names:
 * docs/webhook-trigger.md and research/esp-webhooks.md.
 */
import {
	parseMandrillEvents,
	parseResend,
	parseSendGrid,
	parseSesNotification,
	parseSparkPost,
	type AdapterResult,
} from '../../../lib/providers';

const json = (body: unknown) => ({ rawBody: JSON.stringify(body), headers: {} });
const ipsOf = (result: AdapterResult) =>
	result.ok ? result.events.map((event) => [event.type, event.ip]) : result;

describe('provider adapters carry the open/click IP address as ip', () => {
	test('SendGrid: ip', () => {
		const result = parseSendGrid(
			json([
				{ email: 'a@x.io', event: 'click', timestamp: 1700000000, ip: '40.94.1.2', url: 'u' },
				{ email: 'a@x.io', event: 'delivered', timestamp: 1700000000 },
			]),
		);
		expect(ipsOf(result)).toEqual([
			['click', '40.94.1.2'],
			['delivered', undefined],
		]);
	});

	test('Mandrill: ip', () => {
		const result = parseMandrillEvents(
			JSON.stringify([
				{ event: 'open', ts: 1700000000, msg: { email: 'a@x.io' }, ip: '2a01:111::5' },
			]),
		);
		expect(ipsOf(result)).toEqual([['open', '2a01:111::5']]);
	});

	test('Amazon SES: click.ipAddress', () => {
		const result = parseSesNotification({
			Type: 'Notification',
			MessageId: 'n1',
			Timestamp: '2024-01-01T00:00:00.000Z',
			Message: JSON.stringify({
				eventType: 'Click',
				mail: { messageId: 'm1', destination: ['a@x.io'], timestamp: '2024-01-01T00:00:00.000Z' },
				click: {
					ipAddress: '192.0.2.1',
					link: 'https://x.io',
					timestamp: '2024-01-01T00:01:00.000Z',
				},
			}),
		});
		expect(ipsOf(result)).toEqual([['click', '192.0.2.1']]);
	});

	test('Resend: data.click.ipAddress', () => {
		const result = parseResend(
			json({
				type: 'email.clicked',
				created_at: '2024-11-22T23:41:12.126Z',
				data: {
					email_id: 'e1',
					to: ['a@x.io'],
					click: {
						ipAddress: '122.115.53.11',
						link: 'https://x.io',
						timestamp: '2024-11-24T05:00:57.163Z',
					},
				},
			}),
			'msg_1',
		);
		expect(ipsOf(result)).toEqual([['click', '122.115.53.11']]);
	});

	test('SparkPost: ip_address', () => {
		const result = parseSparkPost(
			json([
				{
					msys: {
						track_event: {
							type: 'click',
							rcpt_to: 'a@x.io',
							timestamp: '1700000000',
							event_id: 'ev1',
							ip_address: '198.51.100.7',
							target_link_url: 'https://x.io',
						},
					},
				},
			]),
		);
		expect(ipsOf(result)).toEqual([['click', '198.51.100.7']]);
	});
});
