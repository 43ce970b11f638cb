import { PNG } from 'pngjs';

import { crc32, invertMask, MAX_MASK_PIXELS } from '../../nodes/Ideogram/media/maskInversion';
import { InputError } from '../../nodes/Ideogram/options/validators';
import { makeJpegHeader, makeWebp } from '../support/fixtures';

const LABEL = 'Mask Binary Property';
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
	[0, 0, 8, 8],
	[4, 0, 8, 8],
	[0, 4, 4, 8],
	[2, 0, 4, 4],
	[0, 2, 2, 4],
	[1, 0, 2, 2],
	[0, 1, 1, 2],
];

/** zlib-wrapped deflate, through the runtime's web streams (tests may not import zlib either). */
async function deflate(data: Buffer): Promise<Buffer> {
	return Buffer.from(await new Response(new Blob([new Uint8Array(data)]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
}

/** Decodes with pngjs, keeping each sample's own bit depth (16-bit samples come as a Uint16Array). */
const decode = PNG.sync.read as unknown as (bytes: Buffer, options: { skipRescale: boolean }) => { width: number; height: number; data: ArrayLike<number> };

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const tail = Buffer.alloc(4);
	tail.writeUInt32BE(crc32(head.subarray(4), data), 0);
	return Buffer.concat([head, data, tail]);
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters one row of raw bytes with the given filter type. */
function filterRow(filter: number, row: Buffer, above: Buffer, bpp: number): Buffer {
	const out = Buffer.alloc(row.length + 1);
	out[0] = filter;
	for (let i = 0; i < row.length; i++) {
		const a = i >= bpp ? row[i - bpp] : 0;
		const b = above[i];
		const c = i >= bpp ? above[i - bpp] : 0;
		const predicted = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
		out[i + 1] = (row[i] - predicted) & 0xff;
	}
	return out;
}

interface PngSpec {
	width: number;
	height: number;
	colourType: number;
	bitDepth: number;
	interlaced?: boolean;
	/** Sample `channel` of pixel (x, y), within the bit depth (palette index for colour type 3). */
	sample: (x: number, y: number, channel: number) => number;
	/** The filter type of each row, by row number; all five in turn unless given. */
	filterOf?: (row: number) => number;
	palette?: number[][];
	extraChunks?: Array<[string, Buffer]>;
	afterImageData?: Array<[string, Buffer]>;
	/** Replace the compressed image data. */
	imageData?: (raw: Buffer) => Buffer | Promise<Buffer>;
	idatSplit?: number;
}

/** A PNG written the long way round, so every colour type, bit depth, filter type and interlacing can be made. */
async function encodePng(spec: PngSpec): Promise<Buffer> {
	const channels = CHANNELS[spec.colourType];
	const bitsPerPixel = channels * spec.bitDepth;
	const bpp = Math.max(1, bitsPerPixel / 8);
	const filterOf = spec.filterOf ?? ((row: number) => row % 5);
	const rows: Buffer[] = [];
	let rowNumber = 0;
	const passes = spec.interlaced ? ADAM7 : [[0, 0, 1, 1]];
	for (const [x0, y0, dx, dy] of passes) {
		const xs: number[] = [];
		for (let x = x0; x < spec.width; x += dx) xs.push(x);
		if (!xs.length) continue;
		let above = Buffer.alloc(Math.ceil((xs.length * bitsPerPixel) / 8));
		for (let y = y0; y < spec.height; y += dy) {
			const row = Buffer.alloc(above.length);
			let bit = 0;
			for (const x of xs) {
				for (let channel = 0; channel < channels; channel++) {
					const value = spec.sample(x, y, channel);
					if (spec.bitDepth === 16) row.writeUInt16BE(value, bit / 8);
					else if (spec.bitDepth === 8) row[bit / 8] = value;
					else row[bit >> 3] |= value << (8 - spec.bitDepth - (bit & 7));
					bit += spec.bitDepth;
				}
			}
			rows.push(filterRow(filterOf(rowNumber++), row, above, bpp));
			above = row;
		}
	}
	const raw = Buffer.concat(rows);
	const compressed = spec.imageData ? await spec.imageData(raw) : await deflate(raw);
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(spec.width, 0);
	ihdr.writeUInt32BE(spec.height, 4);
	ihdr[8] = spec.bitDepth;
	ihdr[9] = spec.colourType;
	ihdr[12] = spec.interlaced ? 1 : 0;
	const split = spec.idatSplit ?? compressed.length;
	const idats: Buffer[] = [];
	for (let offset = 0; offset < compressed.length; offset += split) idats.push(chunk('IDAT', compressed.subarray(offset, offset + split)));
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', ihdr),
		...(spec.extraChunks ?? []).map(([type, data]) => chunk(type, data)),
		...(spec.palette ? [chunk('PLTE', Buffer.from(spec.palette.flat()))] : []),
		...idats,
		...(spec.afterImageData ?? []).map(([type, data]) => chunk(type, data)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A varied but repeatable sample for each position. */
function pattern(max: number) {
	return (x: number, y: number, channel: number) => (x * 7 + y * 13 + channel * 29 + ((x * y) % 5)) % (max + 1);
}

/** Checks, through pngjs, that `inverted` has every colour sample of `original` inverted and its alpha kept. */
function expectInverted(original: Buffer, inverted: Buffer, max: number): void {
	const before = decode(original, { skipRescale: true });
	const after = decode(inverted, { skipRescale: true });
	expect([after.width, after.height]).toEqual([before.width, before.height]);
	expect(after.data.length).toBe(before.data.length);
	// pngjs gives a pixel made transparent by a tRNS colour as 0, 0, 0, 0 whatever its colour.
	const clearedByTrns = (data: ArrayLike<number>, pixel: number) => [0, 1, 2, 3].every((channel) => data[pixel + channel] === 0);
	const mismatches: string[] = [];
	for (let index = 0; index < before.data.length && mismatches.length < 5; index++) {
		const pixel = index - (index % 4);
		const keeps = index % 4 === 3 || (clearedByTrns(before.data, pixel) && clearedByTrns(after.data, pixel));
		const expected = keeps ? before.data[index] : max - before.data[index];
		if (after.data[index] !== expected) mismatches.push(`pixel ${pixel / 4} channel ${index % 4}: ${after.data[index]}, expected ${expected}`);
	}
	expect(mismatches).toEqual([]);
}

/** The chunk types of a PNG, checking each CRC on the way. */
function chunkTypes(png: Buffer): string[] {
	const types: string[] = [];
	for (let offset = 8; offset < png.length; ) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('latin1', offset + 4, offset + 8);
		expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
		types.push(type);
		offset += 12 + length;
	}
	return types;
}

async function refusal(data: Buffer): Promise<InputError> {
	try {
		await invertMask(data, LABEL);
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error('the mask was not refused');
}

describe('crc32', () => {
	it('gives the standard check value', () => {
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
		expect(crc32(Buffer.from('1234'), Buffer.from('56789'))).toBe(0xcbf43926);
		expect(crc32(Buffer.alloc(0))).toBe(0);
	});
});

describe('invertMask', () => {
	describe('inverts every colour type and bit depth, keeping alpha', () => {
		const cases: Array<[number, number]> = [
			[0, 1],
			[0, 2],
			[0, 4],
			[0, 8],
			[0, 16],
			[2, 8],
			[2, 16],
			[4, 8],
			[4, 16],
			[6, 8],
			[6, 16],
		];
		it.each(cases)('colour type %i, bit depth %i, all five filter types', async (colourType, bitDepth) => {
			const max = bitDepth === 16 ? 0xffff : (1 << bitDepth) - 1;
			const sample = bitDepth === 16 ? (x: number, y: number, c: number) => (pattern(255)(x, y, c) * 257 + x * 3 + c) & 0xffff : pattern(max);
			const original = await encodePng({ width: 13, height: 11, colourType, bitDepth, sample });
			const inverted = await invertMask(original, LABEL);
			expectInverted(original, inverted, max);
			expect(chunkTypes(inverted)).toEqual(['IHDR', 'IDAT', 'IEND']);
		});

		it.each(cases)('colour type %i, bit depth %i, interlaced', async (colourType, bitDepth) => {
			const max = bitDepth === 16 ? 0xffff : (1 << bitDepth) - 1;
			for (const [width, height] of [
				[13, 11],
				[1, 1],
				[3, 9],
				[9, 2],
			]) {
				const original = await encodePng({ width, height, colourType, bitDepth, interlaced: true, sample: pattern(Math.min(max, 250)) });
				expectInverted(original, await invertMask(original, LABEL), max);
			}
		});

		it.each([1, 2, 4, 8])('colour type 3 (palette), bit depth %i: the palette is inverted, the indices and transparency kept', async (bitDepth) => {
			const entries = Math.min(1 << bitDepth, 6);
			const palette = Array.from({ length: entries }, (_, index) => [index * 40, 255 - index * 30, (index * 97) % 256]);
			const trns = Buffer.from(Array.from({ length: entries }, (_, index) => (index === 1 ? 0 : 255 - index)));
			for (const interlaced of [false, true]) {
				const original = await encodePng({
					width: 10,
					height: 7,
					colourType: 3,
					bitDepth,
					interlaced,
					palette,
					afterImageData: [],
					sample: (x, y) => (x + y * 3) % entries,
					extraChunks: [],
				});
				const withTransparency = Buffer.concat([
					original.subarray(0, original.indexOf('IDAT') - 4),
					chunk('tRNS', trns),
					original.subarray(original.indexOf('IDAT') - 4),
				]);
				const inverted = await invertMask(withTransparency, LABEL);
				expectInverted(withTransparency, inverted, 255);
				expect(chunkTypes(inverted)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
			}
		});

		it('reads a black-and-white mask as the opposite mask', async () => {
			const original = await encodePng({ width: 8, height: 8, colourType: 0, bitDepth: 8, sample: (x) => (x < 4 ? 0 : 255) });
			const after = PNG.sync.read(await invertMask(original, LABEL));
			expect(after.data.subarray(0, 4)).toEqual(Buffer.from([255, 255, 255, 255]));
			expect(after.data.subarray(16, 20)).toEqual(Buffer.from([0, 0, 0, 255]));
		});

		it('gives back the original pixels when inverted twice', async () => {
			const original = await encodePng({ width: 17, height: 9, colourType: 6, bitDepth: 8, sample: pattern(255) });
			const twice = await invertMask(await invertMask(original, LABEL), LABEL);
			expect(PNG.sync.read(twice).data).toEqual(PNG.sync.read(original).data);
		});

		it.each([0, 1, 2, 3, 4])('keeps filter type %i on every row', async (filter) => {
			const original = await encodePng({ width: 20, height: 6, colourType: 2, bitDepth: 8, sample: pattern(255), filterOf: () => filter });
			const inverted = await invertMask(original, LABEL);
			expectInverted(original, inverted, 255);
		});
	});

	describe('other chunks', () => {
		it('inverts a grey or RGB transparent colour and background, so the same pixels stay transparent', async () => {
			const grey = await encodePng({
				width: 6,
				height: 4,
				colourType: 0,
				bitDepth: 8,
				sample: (x) => x * 40,
				extraChunks: [
					['tRNS', Buffer.from([0, 80])],
					['bKGD', Buffer.from([0, 10])],
				],
			});
			const inverted = await invertMask(grey, LABEL);
			expectInverted(grey, inverted, 255);
			expect(Array.from(decode(inverted, { skipRescale: true }).data).filter((_, index) => index % 4 === 3)).toContain(0);
			expect(inverted.subarray(inverted.indexOf('tRNS') + 4, inverted.indexOf('tRNS') + 6)).toEqual(Buffer.from([0, 175]));
			expect(inverted.subarray(inverted.indexOf('bKGD') + 4, inverted.indexOf('bKGD') + 6)).toEqual(Buffer.from([0, 245]));

			const rgb = await encodePng({ width: 5, height: 3, colourType: 2, bitDepth: 16, sample: (x, _y, c) => (x === 2 ? 1000 * (c + 1) : x * 5000), extraChunks: [['tRNS', Buffer.from([3, 232, 7, 208, 11, 184])]] });
			expectInverted(rgb, await invertMask(rgb, LABEL), 0xffff);

			const lowDepth = await encodePng({ width: 9, height: 2, colourType: 0, bitDepth: 2, sample: (x) => x % 4, extraChunks: [['tRNS', Buffer.from([0, 1])]] });
			const lowInverted = await invertMask(lowDepth, LABEL);
			expectInverted(lowDepth, lowInverted, 3);
			expect(lowInverted.subarray(lowInverted.indexOf('tRNS') + 4, lowInverted.indexOf('tRNS') + 6)).toEqual(Buffer.from([0, 2]));
		});

		it('keeps colour-space and safe-to-copy chunks and drops those tied to the old pixels', async () => {
			const original = await encodePng({
				width: 4,
				height: 4,
				colourType: 2,
				bitDepth: 8,
				sample: pattern(255),
				extraChunks: [
					['gAMA', Buffer.from([0, 0, 0xb1, 0x8f])],
					['sRGB', Buffer.from([0])],
					['pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])],
					['acTL', Buffer.alloc(8)],
					['prVT', Buffer.from('x')],
				],
				afterImageData: [
					['tEXt', Buffer.from('Comment\0mask')],
					['fdAT', Buffer.alloc(8)],
				],
				idatSplit: 7,
			});
			const inverted = await invertMask(original, LABEL);
			expect(chunkTypes(inverted)).toEqual(['IHDR', 'gAMA', 'sRGB', 'pHYs', 'IDAT', 'tEXt', 'IEND']);
			expectInverted(original, inverted, 255);
		});

		it('splits large image data into several IDAT chunks that pngjs reads back', async () => {
			let seed = 1;
			const noise = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16;
			const original = await encodePng({ width: 400, height: 300, colourType: 6, bitDepth: 8, sample: () => noise() & 0xff });
			const inverted = await invertMask(original, LABEL);
			expect(chunkTypes(inverted).filter((type) => type === 'IDAT').length).toBeGreaterThan(1);
			expectInverted(original, inverted, 255);
		});
	});

	describe('refusals', () => {
		it('refuses a JPEG, a WebP and anything else, naming the field and what was given', async () => {
			const jpeg = await refusal(makeJpegHeader(8, 8));
			expect(jpeg.message).toMatch(/^Mask Binary Property: Invert Mask needs a PNG mask, but this one is a JPEG image/);
			expect(jpeg.field).toBe(LABEL);
			expect((await refusal(makeWebp(8, 8))).message).toContain('Invert Mask needs a PNG mask, but this one is a WebP image');
			expect((await refusal(Buffer.from('<svg/>'))).message).toContain('but this one is not a PNG image');
			expect((await refusal(Buffer.alloc(0))).message).toContain('but this one is an empty file');
		});

		it('refuses a mask over the pixel limit before inflating anything', async () => {
			const side = Math.ceil(Math.sqrt(MAX_MASK_PIXELS)) + 1;
			const huge = await encodePng({ width: 1, height: 1, colourType: 0, bitDepth: 8, sample: () => 0, imageData: () => Buffer.from('not deflate at all') });
			huge.writeUInt32BE(side, 16);
			huge.writeUInt32BE(side, 20);
			huge.writeUInt32BE(crc32(huge.subarray(12, 29)), 29);
			const error = await refusal(huge);
			expect(error.message).toBe(`${LABEL}: the PNG mask is ${side}×${side} pixels; Invert Mask reads masks of up to 64 megapixels and 65535 pixels a side`);
		});

		it('stops inflating a decompression bomb as soon as it passes the size the header implies', async () => {
			const bomb = await encodePng({ width: 4, height: 4, colourType: 0, bitDepth: 8, sample: () => 0, imageData: async () => await deflate(Buffer.alloc(30_000_000)) });
			expect(bomb.length).toBeLessThan(50_000);
			const error = await refusal(bomb);
			expect(error.message).toBe(`${LABEL}: the PNG mask is damaged (it holds more image data than its size implies), so Invert Mask cannot read it`);
		});

		it('refuses image data that ends early or does not inflate', async () => {
			const short = await encodePng({ width: 8, height: 8, colourType: 0, bitDepth: 8, sample: () => 1, imageData: async (raw) => await deflate(raw.subarray(0, raw.length - 3)) });
			expect((await refusal(short)).message).toContain('(its image data ends early)');
			const garbage = await encodePng({ width: 8, height: 8, colourType: 0, bitDepth: 8, sample: () => 1, imageData: () => Buffer.from('definitely not zlib data') });
			expect((await refusal(garbage)).message).toContain('(its image data does not inflate)');
			const cut = await encodePng({ width: 8, height: 8, colourType: 0, bitDepth: 8, sample: (x) => x, imageData: async (raw) => (await deflate(raw)).subarray(0, 20) });
			expect((await refusal(cut)).message).toMatch(/\(its image data (ends early|does not inflate)\)/);
		});

		it('accepts image data whose stream has bytes after its end or lacks its checksum, once every row arrived', async () => {
			const sample = pattern(255);
			const junk = await encodePng({ width: 6, height: 5, colourType: 0, bitDepth: 8, sample, imageData: async (raw) => Buffer.concat([await deflate(raw), Buffer.from('junk')]) });
			expectInverted(junk, await invertMask(junk, LABEL), 255);
			const noChecksum = await encodePng({ width: 6, height: 5, colourType: 0, bitDepth: 8, sample, imageData: async (raw) => (await deflate(raw)).subarray(0, -4) });
			const inverted = await invertMask(noChecksum, LABEL);
			expect(decode(inverted, { skipRescale: true }).data).toEqual(decode(await invertMask(junk, LABEL), { skipRescale: true }).data);
		});

		it('refuses an unknown filter type, a damaged chunk and a file cut short', async () => {
			const badFilter = await encodePng({ width: 4, height: 4, colourType: 0, bitDepth: 8, sample: () => 1, filterOf: (row) => (row === 2 ? 7 : 0) });
			expect((await refusal(badFilter)).message).toContain('a row has the unknown filter type 7');
			const good = await encodePng({ width: 4, height: 4, colourType: 0, bitDepth: 8, sample: () => 1 });
			const flipped = Buffer.from(good);
			flipped[flipped.indexOf('IDAT') + 6] ^= 0xff;
			expect((await refusal(flipped)).message).toContain('its IDAT chunk fails its CRC check');
			expect((await refusal(good.subarray(0, good.length - 6))).message).toContain('the PNG mask is damaged');
			expect((await refusal(good.subarray(0, 20))).message).toContain('the PNG mask is damaged');
		});

		it('refuses an invalid header and a palette image without a palette', async () => {
			const badDepth = await encodePng({ width: 2, height: 2, colourType: 2, bitDepth: 8, sample: () => 0 });
			badDepth[24] = 4; // RGB at 4 bits is not a PNG format
			badDepth.writeUInt32BE(crc32(badDepth.subarray(12, 29)), 29);
			expect((await refusal(badDepth)).message).toContain('invalid header (colour type 2, bit depth 4)');
			const noPalette = await encodePng({ width: 2, height: 2, colourType: 3, bitDepth: 8, sample: () => 0 });
			expect((await refusal(noPalette)).message).toContain('(it has no palette)');
			const unknownCritical = await encodePng({ width: 2, height: 2, colourType: 0, bitDepth: 8, sample: () => 0, extraChunks: [['ABCD', Buffer.alloc(1)]] });
			expect((await refusal(unknownCritical)).message).toContain('the unknown critical chunk ABCD');
		});
	});

	it('inverts a 1024×1024 mask', async () => {
		const original = await encodePng({ width: 1024, height: 1024, colourType: 0, bitDepth: 8, sample: (x, y) => ((x - 512) ** 2 + (y - 512) ** 2 < 200 ** 2 ? 255 : 0), filterOf: (row) => row % 5 });
		const inverted = await invertMask(original, LABEL);
		const after = PNG.sync.read(inverted);
		expect(after.data.subarray(0, 4)).toEqual(Buffer.from([255, 255, 255, 255]));
		const centre = (512 * 1024 + 512) * 4;
		expect(after.data.subarray(centre, centre + 4)).toEqual(Buffer.from([0, 0, 0, 255]));
	});
});
