import { crc32 } from '../../../lib/files/crc32';
import { createZip } from '../../../lib/files/zip';
import { hasCommand, readZipWithZipJs, test7z, extract7z, list7z, testUnzip } from './readers';

const files = [
	{ name: 'report/Campaign.csv', data: 'id,sent\r\nc1,3\r\n' },
	{ name: 'données-é.txt', data: 'accents ✓ 한국어' },
	{ name: 'binary.bin', data: new Uint8Array(70_000).map((_, i) => (i * 31 + 7) % 256) },
	{ name: 'empty.txt', data: '' },
];

describe('crc32', () => {
	it('matches the standard check value of "123456789"', () => {
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
	});
	it('continues over chunks', () => {
		const whole = Buffer.from('hello, world');
		expect(crc32(whole.subarray(5), crc32(whole.subarray(0, 5)))).toBe(crc32(whole));
	});
});

describe('createZip (stored)', () => {
	const archive = createZip(files, {
		modifiedAt: Date.UTC(2024, 2, 1, 9, 30, 10),
		timezone: 'Asia/Seoul',
	});

	it('is read back byte for byte by zip.js, with UTF-8 names', async () => {
		const entries = await readZipWithZipJs(archive);
		expect(entries.map((e) => e.name)).toEqual(files.map((f) => f.name));
		entries.forEach((entry, i) => {
			const expected = files[i].data;
			expect(
				entry.data.equals(
					Buffer.from(typeof expected === 'string' ? Buffer.from(expected) : expected),
				),
			).toBe(true);
			expect(entry.encrypted).toBe(false);
		});
	});

	it('stamps the modification time as local wall-clock time in the chosen zone', async () => {
		const [entry] = await readZipWithZipJs(archive);
		// zip.js reads the DOS time as a local time of the machine running the test
		const d = entry.lastModDate;
		expect([
			d.getFullYear(),
			d.getMonth() + 1,
			d.getDate(),
			d.getHours(),
			d.getMinutes(),
			d.getSeconds(),
		]).toEqual([2024, 3, 1, 18, 30, 10]);
	});

	(hasCommand('7z') ? it : it.skip)(
		'deflates what shrinks and stores the rest (7z listing)',
		() => {
			const entries = list7z(archive)
				.split('----------')[1]
				.split(/\n\s*\n/);
			const methods = entries
				.filter((block) => block.includes('Method = '))
				.map((block) => [/^Path = (.*)$/m.exec(block)![1], /^Method = (.*)$/m.exec(block)![1]]);
			expect(methods).toEqual([
				['report/Campaign.csv', 'Store'],
				['données-é.txt', 'Store'],
				['binary.bin', 'Deflate'],
				['empty.txt', 'Store'],
			]);
		},
	);

	it('can leave compression off', async () => {
		const stored = createZip(files, { compress: false });
		expect(stored.length).toBeGreaterThan(70_000);
		expect(archive.length).toBeLessThan(10_000);
		expect((await readZipWithZipJs(stored)).map((e) => e.data.length)).toEqual(
			files.map((f) => Buffer.byteLength(f.data as string)),
		);
	});

	(hasCommand('unzip') ? it : it.skip)('passes `unzip -t`', () => {
		const result = testUnzip(archive);
		expect(result.output).toContain('No errors detected');
		expect(result.status).toBe(0);
	});

	it('rejects duplicate and absolute names', () => {
		expect(() =>
			createZip([
				{ name: 'a', data: '' },
				{ name: 'a', data: '' },
			]),
		).toThrow(/duplicate name "a"/);
		expect(() => createZip([{ name: '/etc/passwd', data: '' }])).toThrow(/relative/);
	});
});

describe('createZip with a password (WinZip AES-256, AE-2)', () => {
	const password = 'correct horse battery staple ✓';
	const archive = createZip(files, { password });

	it('is decrypted by zip.js with the right password', async () => {
		const entries = await readZipWithZipJs(archive, password);
		expect(entries.map((e) => e.name)).toEqual(files.map((f) => f.name));
		entries.forEach((entry, i) => {
			const expected = files[i].data;
			expect(entry.encrypted).toBe(true);
			expect(
				entry.data.equals(
					Buffer.from(typeof expected === 'string' ? Buffer.from(expected) : expected),
				),
			).toBe(true);
		});
	});

	it('is refused by zip.js with a wrong password', async () => {
		await expect(readZipWithZipJs(archive, 'wrong password')).rejects.toThrow(/password/i);
	});

	it('does not contain the plain text', () => {
		expect(archive.includes(Buffer.from('accents ✓'))).toBe(false);
		expect(archive.includes(Buffer.from('id,sent'))).toBe(false);
	});

	it('uses a fresh salt per entry and per archive', () => {
		const again = createZip(files, { password });
		expect(again.equals(archive)).toBe(false);
	});

	it('refuses an empty password', () => {
		expect(() => createZip(files, { password: '' })).toThrow(/non-empty password/);
	});

	(hasCommand('7z') ? it : it.skip)(
		'passes `7z t` with the password and fails with a wrong one',
		() => {
			const good = test7z(archive, password);
			expect(good.output).toContain('Everything is Ok');
			expect(good.status).toBe(0);
			expect(list7z(archive).match(/Method = AES-256 (Store|Deflate)/g)).toHaveLength(files.length);
			const bad = test7z(archive, 'nope');
			expect(bad.status).not.toBe(0);
			expect(bad.output).toMatch(/Wrong password/i);
			expect(
				extract7z(archive, password, 'binary.bin').equals(Buffer.from(files[2].data as Uint8Array)),
			).toBe(true);
		},
	);
});
