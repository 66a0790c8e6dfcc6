import {
	verifyBrevo,
	verifyMailchimp,
	verifyPostmark,
	verifySparkPost,
} from '../../../lib/providers';
import { basicAuth } from './signing';

/**
 * Provider event names are looked up in plain objects: a name that is a property of every object (`constructor`,
 * `toString`, `__proto__`) must be reported as unmapped, never become an event whose type is a function or an object.
 */
const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
const token = { authType: 'headerToken' as const, token: 't' };
const basic = { authType: 'basicAuth' as const, username: 'u', password: 'p' };
const now = new Date().toISOString();

describe.each(NAMES)('the event name %s', (name) => {
	it('is ignored as not mapped by Brevo, Postmark, SparkPost and Mailchimp', () => {
		const results = [
			verifyBrevo(
				{
					rawBody: JSON.stringify({ event: name, email: 'a@b.c', ts_epoch: Date.now() }),
					headers: { authorization: 't' },
				},
				token,
			),
			verifyPostmark(
				{
					rawBody: JSON.stringify({ RecordType: name, Recipient: 'a@b.c', ReceivedAt: now }),
					headers: basicAuth('u', 'p'),
				},
				basic,
			),
			verifySparkPost(
				{
					rawBody: JSON.stringify([
						{
							msys: {
								track_event: { type: name, rcpt_to: 'a@b.c', timestamp: String(Date.now() / 1000) },
							},
						},
					]),
					headers: basicAuth('u', 'p'),
				},
				basic,
			),
			verifyMailchimp(
				{
					rawBody: new URLSearchParams({
						type: name,
						fired_at: '2025-01-24 15:30:00',
						'data[email]': 'a@b.c',
					}).toString(),
					headers: {},
					query: { key: 't' },
				},
				{ authType: 'queryToken', token: 't' },
			),
		];
		for (const result of results) {
			expect(result).toMatchObject({ ok: true, events: [] });
			if (result.ok) expect(result.ignored).toHaveLength(1);
		}
	});
});
