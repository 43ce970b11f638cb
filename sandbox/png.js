'use strict';
// Real PNGs for the sandbox's result images and for tests, and a header reader written independently
// of the node's (so a test that compares the two is not comparing a function with itself).
const zlib = require('zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/**
 * Encodes RGB pixels (`rgb`: width × height × 3 bytes, rows top to bottom). Filters: 'none' (the bytes the
 * sample images were first written with), or 'fast': a row equal to the one above is filtered Up (all zeros),
 * any other row Sub; both cheap, and blocky or flat results (scaled up, posterised) then compress to little.
 */
function encodeRgb(width, height, rgb, { filter = 'fast', level = 6 } = {}) {
	const stride = width * 3;
	const raw = Buffer.alloc((1 + stride) * height);
	for (let y = 0; y < height; y++) {
		const row = y * stride;
		const out = y * (stride + 1);
		if (filter === 'none') {
			raw[out] = 0;
			raw.set(rgb.subarray(row, row + stride), out + 1);
		} else if (y > 0 && Buffer.compare(rgb.subarray(row, row + stride), rgb.subarray(row - stride, row)) === 0) {
			raw[out] = 2; // Up: the rest stays zero
		} else {
			raw[out] = 1; // Sub
			for (let i = 0; i < 3 && i < stride; i++) raw[out + 1 + i] = rgb[row + i];
			for (let i = 3; i < stride; i++) raw[out + 1 + i] = (rgb[row + i] - rgb[row + i - 3]) & 0xff;
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(raw, { level })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/**
 * Encodes `image` ({ width, height, data, channels: 3 (RGB, the default) or 4 (RGBA) }) at `width` × `height`,
 * nearest neighbour, one row at a time through a deflate stream: a 8192×8192 upscale is never held unpacked
 * (a row repeated from the one above is filtered Up, so it deflates to almost nothing).
 */
async function encodeScaled(image, width, height) {
	const bpp = image.channels ?? 3;
	const stride = width * bpp;
	const column = new Int32Array(width);
	for (let x = 0; x < width; x++) column[x] = Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / width)) * bpp;
	const deflate = zlib.createDeflate({ level: 6 });
	const packed = [];
	deflate.on('data', (piece) => packed.push(piece));
	const finished = new Promise((resolve, reject) => {
		deflate.on('end', resolve);
		deflate.on('error', reject);
	});
	const repeat = Buffer.alloc(1 + stride);
	repeat[0] = 2; // Up: the same as the row above
	let previous = -1;
	for (let y = 0; y < height; y++) {
		const source = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / height));
		let row = repeat;
		if (source !== previous) {
			row = Buffer.alloc(1 + stride);
			row[0] = 1; // Sub
			const base = source * image.width * bpp;
			for (let x = 0, o = 1; x < width; x++) for (let c = 0; c < bpp; c++, o++) row[o] = image.data[base + column[x] + c];
			for (let o = stride; o > bpp; o--) row[o] = (row[o] - row[o - bpp]) & 0xff;
			previous = source;
		}
		if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve));
	}
	deflate.end();
	await finished;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = bpp === 4 ? 6 : 2; // RGBA or RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', Buffer.concat(packed)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** Encodes an RGB image; `pixel(x, y)` returns [r, g, b] (or one colour for every pixel). */
function encodePng(width, height, pixel) {
	const colour = typeof pixel === 'function' ? undefined : pixel;
	const rgb = Buffer.alloc(width * height * 3);
	for (let y = 0, offset = 0; y < height; y++) {
		for (let x = 0; x < width; x++, offset += 3) rgb.set(colour ?? pixel(x, y), offset);
	}
	return encodeRgb(width, height, rgb, { filter: 'none' });
}

/** A solid-colour RGB PNG of the given size. */
function makePng(width, height, rgb = [128, 128, 128]) {
	return encodePng(width, height, rgb);
}

/** SOI, APP0 (JFIF), SOF0 with the size, EOI: enough for any header reader. */
function makeJpegHeader(width, height) {
	const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
	const sof0 = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00]);
	return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0, Buffer.from([0xff, 0xd9])]);
}

/** A RIFF/WEBP file with a VP8X header carrying the canvas size. */
function makeWebp(width, height) {
	const bytes = Buffer.alloc(30);
	bytes.write('RIFF', 0, 'latin1');
	bytes.writeUInt32LE(22, 4);
	bytes.write('WEBPVP8X', 8, 'latin1');
	bytes.writeUInt32LE(10, 16);
	bytes.writeUIntLE(width - 1, 24, 3);
	bytes.writeUIntLE(height - 1, 27, 3);
	return bytes;
}

/** { format: 'png'|'jpeg'|'webp', width, height } or null. */
function readImageInfo(bytes) {
	if (!Buffer.isBuffer(bytes) || bytes.length < 12) return null;
	if (bytes.readUInt32BE(0) === 0x89504e47 && bytes.length >= 24) {
		return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
	}
	if (bytes[0] === 0xff && bytes[1] === 0xd8) {
		for (let at = 2; at + 9 < bytes.length; ) {
			if (bytes[at] !== 0xff) return null;
			const marker = bytes[at + 1];
			if ([0xc0, 0xc1, 0xc2, 0xc3].includes(marker)) {
				return { format: 'jpeg', width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
			}
			at += 2 + bytes.readUInt16BE(at + 2);
		}
		return null;
	}
	if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
		const kind = bytes.toString('latin1', 12, 16);
		if (kind === 'VP8X' && bytes.length >= 30) return { format: 'webp', width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
		if (kind === 'VP8L' && bytes.length >= 25) {
			const bits = bytes.readUInt32LE(21);
			return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
		}
		if (kind === 'VP8 ' && bytes.length >= 30) return { format: 'webp', width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
	}
	return null;
}

module.exports = { chunk, encodeRgb, encodeScaled, encodePng, makePng, makeJpegHeader, makeWebp, readImageInfo };
