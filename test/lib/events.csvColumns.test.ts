import fc from 'fast-check';

import { readEventColumns } from '../../lib/events/eventColumnsReader';
import { parseEventsCsv } from '../../lib/events/parseEvents';

/**
 * CsvColumnsParser's readers of plain forms give exactly what the object path (`parseEventsCsv`) gives for the same
 * text: here `value`, read by hand when it is digits with at most one decimal point, by `Number` otherwise.
 */

async function valuesOf(texts: string[]): Promise<{ columns: number[]; objects: number[] }> {
	const csv = [
		'eventId,contactId,type,timestamp,value',
		...texts.map((text, row) => `e${row},c${row},purchase,1790000000000,${text}`),
	].join('\n');
	const columns = await readEventColumns([Buffer.from(csv)]);
	const objects = parseEventsCsv(csv).map((event) => event.value ?? NaN);
	return { columns: Array.from(columns.value), objects };
}

test('a soft bounce is skipped from bytes as from objects; mapped to bounce, it is read as one', async () => {
	const csv = [
		'eventId,contactId,type,timestamp',
		'e0,a,soft_bounce,1790000000000',
		'e1,a,hard_bounce,1790000000001',
		'e2,b,softbounce,1790000000002',
	].join('\n');
	const columns = await readEventColumns([Buffer.from(csv)]);
	expect(columns.length).toBe(1);
	expect(parseEventsCsv(csv).map((event) => event.type)).toEqual(['bounce']);
	const mapped = await readEventColumns([Buffer.from(csv)], {
		typeValues: { soft_bounce: 'bounce', softbounce: 'bounce' },
	});
	expect(mapped.length).toBe(3);
});

describe('CsvColumnsParser values', () => {
	it('reads decimals and integers exactly as Number does', async () => {
		const texts = [
			'49.99',
			'0.1',
			'0.3',
			'007.250',
			'1234567890123.45',
			'12345678901234.5',
			'999999999999999',
			'9999999999999999',
			'99999999999999.99',
			'0.000000000000001',
			'1.7976931348623157',
			'3',
			'2.5',
		];
		const { columns, objects } = await valuesOf(texts);
		expect(columns).toEqual(objects);
		expect(columns).toEqual(texts.map(Number));
	});

	it('leaves other forms to Number (or to the object path’s errors)', async () => {
		const texts = ['1.', '.5', '1.2.3', '-1.5', ' 4 ', '1e2', '+7', '0x10', '1_000'];
		const { columns, objects } = await valuesOf(
			texts.filter((text) => Number.isFinite(Number(text))),
		);
		expect(columns).toEqual(objects);
		for (const text of texts.filter((text) => !Number.isFinite(Number(text)))) {
			const csv = `eventId,contactId,type,timestamp,value\ne1,c1,purchase,1790000000000,${text}`;
			let expected: unknown;
			try {
				parseEventsCsv(csv);
			} catch (error) {
				expected = error;
			}
			await expect(readEventColumns([Buffer.from(csv)])).rejects.toEqual(expected);
		}
	});

	it('agrees with the object path on random digit strings with a point anywhere', async () => {
		const decimal = fc
			.tuple(fc.stringMatching(/^[0-9]{1,17}$/), fc.nat(18))
			.map(([digits, point]) =>
				point === 0 || point >= digits.length
					? digits
					: `${digits.slice(0, point)}.${digits.slice(point)}`,
			);
		await fc.assert(
			fc.asyncProperty(fc.array(decimal, { minLength: 1, maxLength: 50 }), async (texts) => {
				const { columns, objects } = await valuesOf(texts);
				expect(columns).toEqual(objects);
			}),
			{ numRuns: 200 },
		);
	});
});
