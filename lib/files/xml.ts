/**
 * Text for XML and (polyglot) HTML documents: escapes markup characters and drops the code points XML 1.0 forbids
 * (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF), which would make Excel "repair" a workbook and
 * strict parsers reject a report. CR is written as a character reference so parsers do not normalise it away.
 */
const FORBIDDEN =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'\r': '&#13;',
};

/** Escapes `value` for use as XML element text or attribute value (double- or single-quoted). */
export function escapeXml(value: string): string {
	return value.replace(FORBIDDEN, '').replace(/[&<>"'\r]/g, (char) => ENTITIES[char]);
}
