import { LOG_QUOTE_MAX, quoteForLog } from '../../../lib/providers';

describe('quoteForLog: request data inside a log line', () => {
	it('quotes as a JSON string: line breaks, tabs, escape sequences and quotes cannot start or end a line', () => {
		const forged =
			'x\n2026-01-01T00:00:00Z info Engagement Webhook Trigger: all good\r\t\u001b[2K"';
		const quoted = quoteForLog(forged);
		expect(quoted).toBe(
			'"x\\n2026-01-01T00:00:00Z info Engagement Webhook Trigger: all good\\r\\t\\u001b[2K\\""',
		);
		expect(JSON.parse(quoted)).toBe(forged);
	});

	it('also escapes what JSON leaves alone but viewers act on: DEL, C1 controls, separators, bidi and zero-width', () => {
		for (const character of [
			'\u007f',
			'\u0085',
			'\u009b',
			'\u2028',
			'\u2029',
			'\u202e',
			'\u2066',
			'\u200b',
			'\ufeff',
		]) {
			const quoted = quoteForLog(`a${character}b`);
			expect(quoted).toBe(`"a\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}b"`);
			expect(JSON.parse(quoted)).toBe(`a${character}b`);
		}
	});

	it('cuts long values after LOG_QUOTE_MAX characters, by code points, and marks the cut', () => {
		expect(quoteForLog('a'.repeat(LOG_QUOTE_MAX))).toBe(`"${'a'.repeat(LOG_QUOTE_MAX)}"`);
		expect(quoteForLog('a'.repeat(1_000_000))).toBe(`"${'a'.repeat(LOG_QUOTE_MAX)}"…`);
		// 😀 is two UTF-16 units: never split into a lone surrogate.
		expect(quoteForLog('😀'.repeat(5), 3)).toBe('"😀😀😀"…');
	});

	it('writes other values as JSON first', () => {
		expect(quoteForLog(42)).toBe('"42"');
		expect(quoteForLog({ a: '\n' })).toBe('"{\\"a\\":\\"\\\\n\\"}"');
		expect(quoteForLog(undefined)).toBe('"undefined"');
	});
});
