/** The most characters of one request value a failure message quotes. */
export const LOG_QUOTE_MAX = 100;

/**
 * Characters JSON.stringify leaves as they are but a log viewer may act on: DEL and the C1 controls (NEL breaks lines
 * in some viewers), the Unicode line and paragraph separators, zero-width and bidirectional controls (they reorder
 * or hide what follows), the BOM.
 */
const UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Request data as a failure message quotes it before it reaches the n8n log, where the sender must not be able to
 * start a line of its own or hide the rest of ours: a JSON string literal (quotes, backslashes, line breaks and the C0
 * controls escaped), the characters in UNSAFE escaped as `\uXXXX` too, cut after `max` characters with `…` after the
 * closing quote. Anything that is not a string is first written as JSON.
 */
export function quoteForLog(value: unknown, max = LOG_QUOTE_MAX): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	// By code points, so a cut never splits a surrogate pair; a body may be megabytes, so stop at the cut.
	let kept = '';
	let count = 0;
	let cut = false;
	for (const character of text) {
		if (count === max) {
			cut = true;
			break;
		}
		kept += character;
		count += 1;
	}
	const quoted = JSON.stringify(kept).replace(
		UNSAFE,
		(character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
	return cut ? `${quoted}…` : quoted;
}
