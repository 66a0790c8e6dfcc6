import { DateTime } from 'luxon';

import { EngagementInputError } from '../errors';
import { instantOfWallClock } from '../zoneOffset';

/**
 * A reader for text timestamps in one fixed format (`FieldMapping.timestampFormat`), written in luxon's tokens:
 * `dd.MM.yyyy HH:mm`, `MM/dd/yyyy h:mm a`, `yyyyMMddHHmmss`, … → epoch ms, NaN when the text does not match. A format
 * with an offset token (`Z`, `ZZ`, `ZZZ`, `z`) reads the offset from the text; otherwise the text is a wall-clock time
 * in `zone`, read as every timestamp without an offset is (`instantOfWallClock`). Throws on a format without a single
 * token (nothing to read).
 */
export function timestampFormatReader(format: string, zone: string): (text: string) => number {
	const unquoted = format.replace(/'[^']*'/g, '');
	if (!/[a-zA-Z]/.test(unquoted)) {
		throw new EngagementInputError(
			`${JSON.stringify(format)} has no date or time token (e.g. yyyy-MM-dd HH:mm)`,
			{ field: 'timestampFormat' },
		);
	}
	if (/[Zz]/.test(unquoted)) {
		const parse = formatParser(format, zone);
		return (text) => {
			const parsed = parse(text);
			return parsed.isValid ? parsed.toMillis() : NaN;
		};
	}
	const parse = formatParser(format, 'UTC');
	return (text) => {
		const parsed = parse(text);
		return parsed.isValid ? instantOfWallClock(parsed.toMillis(), zone) : NaN;
	};
}

/**
 * `DateTime.fromFormat` with the format compiled once where luxon can (≥ 3.5: `buildFormatParser`, about twice as
 * fast); the luxon that an n8n instance provides may be older.
 */
function formatParser(format: string, zone: string): (text: string) => DateTime {
	if (typeof DateTime.buildFormatParser === 'function') {
		const parser = DateTime.buildFormatParser(format);
		return (text) => DateTime.fromFormatParser(text, parser, { zone });
	}
	return (text) => DateTime.fromFormat(text, format, { zone });
}
