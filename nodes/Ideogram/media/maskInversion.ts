import { InputError } from '../options/validators';
import { readImageInfo } from './imageInfo';

/**
 * Mask inversion for Invert Mask: Edit reads black as the area to change, Remove Object reads white as the
 * area to remove, so one mask serves both once its colours are inverted. PNG only (masks are drawn as PNG;
 * inverting a JPEG or WebP would need a codec). The pixels are never held whole: the image data is inflated
 * in chunks, each row unfiltered, inverted, filtered again with the filter it had, and deflated.
 */

/** Larger masks are refused before anything is inflated: 64 megapixels, far above any size Ideogram accepts. */
export const MAX_MASK_PIXELS = 64_000_000;

/** Neither side may exceed this, which bounds the one row held at a time. */
export const MAX_MASK_SIDE = 65_535;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Compressed image data is handed to the inflater in slices of this size, so it never runs far ahead. */
const FEED_BYTES = 64 * 1024;

/** Output image data is split into IDAT chunks of at most this size, as encoders commonly do. */
const IDAT_BYTES = 256 * 1024;

const CRC_TABLE = (() => {
	const table = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c;
	}
	return table;
})();

/** The CRC-32 a PNG chunk carries, over its type and data. */
export function crc32(...parts: Uint8Array[]): number {
	let crc = -1;
	for (const part of parts) for (let index = 0; index < part.length; index++) crc = CRC_TABLE[(crc ^ part[index]) & 0xff] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const tail = Buffer.alloc(4);
	tail.writeUInt32BE(crc32(head.subarray(4), data), 0);
	return Buffer.concat([head, data, tail]);
}

interface Header {
	width: number;
	height: number;
	bitDepth: number;
	colourType: number;
	interlaced: boolean;
}

/** Channels per pixel by colour type: grey, RGB, palette index, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Adam7: for each pass, the first column and row it covers and its steps across and down. */
const ADAM7 = [
	[0, 0, 8, 8],
	[4, 0, 8, 8],
	[0, 4, 4, 8],
	[2, 0, 4, 4],
	[0, 2, 2, 4],
	[1, 0, 2, 2],
	[0, 1, 1, 2],
];

/** Colour-managing and descriptive chunks whose meaning does not depend on the pixel values. */
const KEPT_CHUNKS = new Set(['gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'cICP', 'mDCV', 'cLLI']);

interface Chunk {
	type: string;
	data: Buffer;
}

function describeOther(data: Buffer): string {
	const info = readImageInfo(data);
	if (info?.format === 'jpeg') return 'a JPEG image';
	if (info?.format === 'webp') return 'a WebP image';
	if (data.length === 0) return 'an empty file';
	return 'not a PNG image';
}

function readChunks(data: Buffer, label: string): Chunk[] {
	const damaged = (why: string) => new InputError(label, `the PNG mask is damaged (${why}), so Invert Mask cannot read it`);
	const chunks: Chunk[] = [];
	let offset = SIGNATURE.length;
	for (;;) {
		if (offset + 12 > data.length) throw damaged('it ends before its IEND chunk');
		const length = data.readUInt32BE(offset);
		const type = data.toString('latin1', offset + 4, offset + 8);
		if (!/^[A-Za-z]{4}$/.test(type)) throw damaged(`a chunk has the invalid type ${JSON.stringify(type)}`);
		const end = offset + 12 + length;
		if (length > 0x7fffffff || end > data.length) throw damaged(`its ${type} chunk runs past the end of the file`);
		const body = data.subarray(offset + 8, offset + 8 + length);
		const isCritical = type.charCodeAt(0) < 0x61;
		if (crc32(data.subarray(offset + 4, offset + 8), body) !== data.readUInt32BE(offset + 8 + length)) {
			if (isCritical) throw damaged(`its ${type} chunk fails its CRC check`);
		} else {
			chunks.push({ type, data: body });
		}
		offset = end;
		if (type === 'IEND') return chunks;
	}
}

function readHeader(chunks: Chunk[], label: string): Header {
	const ihdr = chunks[0];
	if (ihdr?.type !== 'IHDR' || ihdr.data.length !== 13) throw new InputError(label, 'the PNG mask is damaged (it does not start with an IHDR chunk), so Invert Mask cannot read it');
	const header: Header = {
		width: ihdr.data.readUInt32BE(0),
		height: ihdr.data.readUInt32BE(4),
		bitDepth: ihdr.data[8],
		colourType: ihdr.data[9],
		interlaced: ihdr.data[12] === 1,
	};
	const depths = BIT_DEPTHS[header.colourType];
	if (!depths || !depths.includes(header.bitDepth) || ihdr.data[10] !== 0 || ihdr.data[11] !== 0 || ihdr.data[12] > 1) {
		throw new InputError(label, `the PNG mask has an invalid header (colour type ${header.colourType}, bit depth ${header.bitDepth}), so Invert Mask cannot read it`);
	}
	if (header.width === 0 || header.height === 0) throw new InputError(label, 'the PNG mask is 0 pixels wide or high');
	if (header.width > MAX_MASK_SIDE || header.height > MAX_MASK_SIDE || header.width * header.height > MAX_MASK_PIXELS) {
		throw new InputError(
			label,
			`the PNG mask is ${header.width}×${header.height} pixels; Invert Mask reads masks of up to ${MAX_MASK_PIXELS / 1_000_000} megapixels and ${MAX_MASK_SIDE} pixels a side`,
		);
	}
	return header;
}

/** One run of rows: the whole image, or one Adam7 pass. */
interface RowRun {
	rows: number;
	rowBytes: number;
}

function rowRuns(header: Header): RowRun[] {
	const bitsPerPixel = CHANNELS[header.colourType] * header.bitDepth;
	const run = (width: number, rows: number) => ({ rows: width > 0 ? rows : 0, rowBytes: Math.ceil((width * bitsPerPixel) / 8) });
	if (!header.interlaced) return [run(header.width, header.height)];
	return ADAM7.map(([x, y, dx, dy]) => run(Math.ceil(Math.max(0, header.width - x) / dx), Math.ceil(Math.max(0, header.height - y) / dy))).filter(
		(entry) => entry.rows > 0,
	);
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	if (pa <= pb && pa <= pc) return a;
	return pb <= pc ? b : c;
}

/** Undoes a row's filter in place, front to back, so each byte is predicted from bytes already restored. */
function unfilter(filter: number, row: Uint8Array, above: Uint8Array, bpp: number): void {
	const length = row.length;
	if (filter === 1) for (let i = bpp; i < length; i++) row[i] = (row[i] + row[i - bpp]) & 0xff;
	else if (filter === 2) for (let i = 0; i < length; i++) row[i] = (row[i] + above[i]) & 0xff;
	else if (filter === 3) for (let i = 0; i < length; i++) row[i] = (row[i] + (((i >= bpp ? row[i - bpp] : 0) + above[i]) >> 1)) & 0xff;
	else if (filter === 4) for (let i = 0; i < length; i++) row[i] = (row[i] + (i >= bpp ? paeth(row[i - bpp], above[i], above[i - bpp]) : above[i])) & 0xff;
}

/** Applies a filter to a raw row in place, back to front, so each byte is predicted from raw bytes. */
function filterInPlace(filter: number, row: Uint8Array, above: Uint8Array, bpp: number): void {
	const length = row.length;
	if (filter === 1) for (let i = length - 1; i >= bpp; i--) row[i] = (row[i] - row[i - bpp]) & 0xff;
	else if (filter === 2) for (let i = 0; i < length; i++) row[i] = (row[i] - above[i]) & 0xff;
	else if (filter === 3) for (let i = length - 1; i >= 0; i--) row[i] = (row[i] - (((i >= bpp ? row[i - bpp] : 0) + above[i]) >> 1)) & 0xff;
	else if (filter === 4) for (let i = length - 1; i >= 0; i--) row[i] = (row[i] - (i >= bpp ? paeth(row[i - bpp], above[i], above[i - bpp]) : above[i])) & 0xff;
}

/**
 * Turns the inflated rows of a non-palette PNG into the rows of its inverse, as they arrive. Each row is
 * unfiltered against the row above, its colour bytes inverted (alpha bytes kept), and filtered again with
 * its own filter type against the inverted row above, so the output compresses about as well as the input.
 */
class RowInverter {
	private runIndex = 0;
	private rowsLeft: number;
	private filled = 0;
	/** The row being filled: filter byte, then the filtered bytes (unfiltered in place once complete). */
	private readonly row: Uint8Array;
	/** The row above, unfiltered, and the same inverted; zeros above a run's first row. */
	private readonly above: Uint8Array;
	private invertedAbove: Uint8Array;
	private invertedRow: Uint8Array;
	/** Per byte position within a pixel: 0xff to invert it (a colour byte), 0 to keep it (an alpha byte). */
	private readonly pattern: Uint8Array;
	/** Bytes per complete pixel, at least 1: how far back the filters look. */
	private readonly bpp: number;

	constructor(
		private readonly runs: RowRun[],
		header: Header,
		private readonly damaged: (why: string) => Error,
	) {
		const channels = CHANNELS[header.colourType];
		const hasAlpha = header.colourType === 4 || header.colourType === 6;
		this.bpp = Math.max(1, (channels * header.bitDepth) / 8);
		this.pattern = new Uint8Array(this.bpp).fill(0xff);
		if (hasAlpha) this.pattern.fill(0, ((channels - 1) * header.bitDepth) / 8);
		const widest = Math.max(...runs.map((run) => run.rowBytes));
		this.row = new Uint8Array(widest + 1);
		this.above = new Uint8Array(widest);
		this.invertedAbove = new Uint8Array(widest);
		this.invertedRow = new Uint8Array(widest);
		this.rowsLeft = runs[0].rows;
	}

	get done(): boolean {
		return this.runIndex >= this.runs.length;
	}

	/** Takes inflated bytes; gives the output rows completed by them (filter byte first). */
	push(bytes: Uint8Array): Array<Uint8Array<ArrayBuffer>> {
		const out: Array<Uint8Array<ArrayBuffer>> = [];
		let offset = 0;
		while (offset < bytes.length) {
			if (this.done) throw this.damaged('it holds more image data than its size implies');
			const rowLength = this.runs[this.runIndex].rowBytes + 1;
			const taken = Math.min(rowLength - this.filled, bytes.length - offset);
			this.row.set(bytes.subarray(offset, offset + taken), this.filled);
			this.filled += taken;
			offset += taken;
			if (this.filled === rowLength) out.push(this.finishRow(rowLength - 1));
		}
		return out;
	}

	private finishRow(rowBytes: number): Uint8Array<ArrayBuffer> {
		const filter = this.row[0];
		if (filter > 4) throw this.damaged(`a row has the unknown filter type ${filter}`);
		const { pattern, bpp } = this;
		const raw = this.row.subarray(1, rowBytes + 1);
		unfilter(filter, raw, this.above, bpp);
		const inverted = this.invertedRow.subarray(0, rowBytes);
		for (let i = 0; i < rowBytes; i++) inverted[i] = raw[i] ^ pattern[i % bpp];
		const output = new Uint8Array(rowBytes + 1);
		output[0] = filter;
		output.set(inverted, 1);
		filterInPlace(filter, output.subarray(1), this.invertedAbove, bpp);
		// This row is the next one's row above.
		this.above.set(raw);
		[this.invertedAbove, this.invertedRow] = [this.invertedRow, this.invertedAbove];
		this.filled = 0;
		if (--this.rowsLeft === 0) {
			this.runIndex++;
			this.rowsLeft = this.runs[this.runIndex]?.rows ?? 0;
			this.above.fill(0);
			this.invertedAbove.fill(0);
		}
		return output;
	}
}

/** Reads a web stream to its end, giving each chunk to `take`. */
async function drain(stream: ReadableStream, take: (chunk: Uint8Array) => Promise<void> | void): Promise<void> {
	const reader = stream.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			await take(value as Uint8Array);
		}
	} finally {
		await reader.cancel().catch(() => undefined);
	}
}

/** Writes `data` to a web stream in slices, then closes it; a failure surfaces on the readable side. */
async function feed(stream: WritableStream, data: Uint8Array): Promise<void> {
	const writer = stream.getWriter();
	for (let offset = 0; offset < data.length; offset += FEED_BYTES) await writer.write(data.subarray(offset, offset + FEED_BYTES));
	await writer.close();
}

/**
 * Inflates the image data and deflates the inverted rows, both with the runtime's web streams (no zlib
 * import). Inflating stops, and the mask is refused, as soon as the data runs past what the header implies.
 */
async function invertImageData(compressed: Buffer, header: Header, damaged: (why: string) => Error): Promise<Buffer> {
	const inverter = new RowInverter(rowRuns(header), header, damaged);
	const inflater = new DecompressionStream('deflate');
	const deflater = new CompressionStream('deflate');
	const deflaterInput = deflater.writable.getWriter();
	const output: Uint8Array[] = [];
	const collecting = drain(deflater.readable, (chunk) => {
		output.push(chunk);
	});
	const feeding = feed(inflater.writable, compressed);
	feeding.catch(() => undefined); // a failure to inflate shows on the readable side
	collecting.catch(() => undefined);
	let failure: Error | undefined;
	try {
		await drain(inflater.readable, async (bytes) => {
			const rows = inverter.push(bytes);
			if (rows.length) await deflaterInput.write(rows.length === 1 ? rows[0] : Buffer.concat(rows));
		});
		if (!inverter.done) failure = damaged('its image data ends early');
	} catch (error) {
		// Every row arrived, then the stream's end failed (bytes after it, a wrong checksum; newer Node versions
		// refuse both): decoders such as browsers' show such images, so they pass here too.
		if (error instanceof InputError) failure = error;
		else if (!inverter.done) failure = damaged('its image data does not inflate');
	}
	if (failure) {
		await deflaterInput.abort().catch(() => undefined);
		throw failure;
	}
	await deflaterInput.close();
	await collecting;
	return Buffer.concat(output);
}

function invertSamples(data: Buffer, bitDepth: number): Buffer {
	const inverted = Buffer.from(data);
	const max = bitDepth === 16 ? 0xffff : (1 << bitDepth) - 1;
	for (let offset = 0; offset + 1 < inverted.length; offset += 2) inverted.writeUInt16BE(max - (inverted.readUInt16BE(offset) & max), offset);
	return inverted;
}

/**
 * The PNG mask with its colours inverted (black ↔ white, every grey level and colour to its complement),
 * its alpha channel and transparency kept: a palette's entries are inverted (the indices stay), otherwise
 * every sample but alpha. Colour types 0, 2, 3, 4 and 6, every bit depth, every filter type, interlaced or
 * not. CRCs are checked on the way in and written on the way out. A mask that is not a PNG, is damaged, is
 * over {@link MAX_MASK_PIXELS} (checked before inflating) or inflates past its size is refused with an
 * InputError naming `label`.
 */
export async function invertMask(data: Buffer, label: string): Promise<Buffer> {
	if (data.length < SIGNATURE.length || !data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
		throw new InputError(label, `Invert Mask needs a PNG mask, but this one is ${describeOther(data)}. Convert the mask to PNG, or turn Invert Mask off and draw it the other way round.`);
	}
	const chunks = readChunks(data, label);
	const header = readHeader(chunks, label);
	const damaged = (why: string) => new InputError(label, `the PNG mask is damaged (${why}), so Invert Mask cannot read it`);
	const isPalette = header.colourType === 3;
	if (isPalette && !chunks.some((entry) => entry.type === 'PLTE')) throw damaged('it has no palette');
	const compressed = Buffer.concat(chunks.filter((entry) => entry.type === 'IDAT').map((entry) => entry.data));
	if (compressed.length === 0) throw damaged('it has no image data');

	const out: Buffer[] = [SIGNATURE];
	let wroteImageData = false;
	for (const { type, data: body } of chunks) {
		if (type === 'IDAT') {
			if (wroteImageData) continue;
			wroteImageData = true;
			if (isPalette) {
				for (const entry of chunks) if (entry.type === 'IDAT') out.push(chunk('IDAT', entry.data));
				continue;
			}
			const imageData = await invertImageData(compressed, header, damaged);
			for (let offset = 0; offset < imageData.length; offset += IDAT_BYTES) out.push(chunk('IDAT', imageData.subarray(offset, offset + IDAT_BYTES)));
		} else if (type === 'IHDR' || type === 'IEND' || KEPT_CHUNKS.has(type)) {
			out.push(chunk(type, body));
		} else if (type === 'PLTE') {
			// For a palette image the colours themselves; for true colour a suggested palette, inverted alike.
			out.push(chunk(type, Buffer.from(body.map((value) => 255 - value))));
		} else if (type === 'tRNS' || type === 'bKGD') {
			// Palette images give indices, which stay; otherwise 16-bit samples, inverted like the pixels.
			out.push(chunk(type, isPalette ? body : invertSamples(body, header.bitDepth)));
		} else if (type.charCodeAt(0) < 0x61) {
			throw new InputError(label, `the PNG mask has the unknown critical chunk ${type}, so Invert Mask cannot read it`);
		} else if (type.charCodeAt(3) >= 0x61) {
			out.push(chunk(type, body)); // safe to copy whatever the pixels (text, time, physical size…)
		}
		// Other ancillary chunks depend on the pixels (animation frames, histograms) and are dropped.
	}
	return Buffer.concat(out);
}
