'use strict';
// Pixel-level PNG work the v2 sandbox needs beyond png.js's headers: the colours a mask holds (Ideogram 4.5
// refuses a mask that is not both black and white) and a transparent PNG (what Remove Background returns).
const zlib = require('zlib');

const { chunk } = require('./png');

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a, b, c) {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a non-interlaced PNG and calls `visit(grey)` for every pixel with its brightness 0–255.
 * Returns false when the file is not a PNG this reader handles (interlaced, corrupt), so the caller can
 * decide what an unreadable mask means.
 */
function forEachGreyPixel(bytes, visit) {
	if (!Buffer.isBuffer(bytes) || bytes.length < 33 || bytes.readUInt32BE(0) !== 0x89504e47) return false;
	let width = 0;
	let height = 0;
	let depth = 0;
	let type = 0;
	let palette;
	const data = [];
	for (let at = 8; at + 8 <= bytes.length; ) {
		const length = bytes.readUInt32BE(at);
		const kind = bytes.toString('latin1', at + 4, at + 8);
		const body = bytes.subarray(at + 8, at + 8 + length);
		if (kind === 'IHDR') {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			depth = body[8];
			type = body[9];
			if (body[12] !== 0) return false;
		} else if (kind === 'PLTE') palette = body;
		else if (kind === 'IDAT') data.push(body);
		else if (kind === 'IEND') break;
		at += 12 + length;
	}
	const channels = CHANNELS[type];
	if (!channels || !width || !height || (type === 3 && !palette)) return false;
	let raw;
	try {
		raw = zlib.inflateSync(Buffer.concat(data));
	} catch {
		return false;
	}
	const bitsPerPixel = channels * depth;
	const stride = Math.ceil((width * bitsPerPixel) / 8);
	const step = Math.max(1, bitsPerPixel >> 3);
	if (raw.length < (stride + 1) * height) return false;
	let previous = Buffer.alloc(stride);
	const maxSample = (1 << depth) - 1;
	const sample = (line, index) => {
		if (depth === 8) return line[index];
		if (depth === 16) return line[index * 2];
		const bit = index * depth;
		return (((line[bit >> 3] >> (8 - depth - (bit & 7))) & maxSample) * 255) / maxSample;
	};
	for (let y = 0; y < height; y++) {
		const offset = y * (stride + 1);
		const filter = raw[offset];
		const line = Buffer.from(raw.subarray(offset + 1, offset + 1 + stride));
		for (let x = 0; x < stride; x++) {
			const left = x >= step ? line[x - step] : 0;
			const up = previous[x];
			const upLeft = x >= step ? previous[x - step] : 0;
			if (filter === 1) line[x] = (line[x] + left) & 0xff;
			else if (filter === 2) line[x] = (line[x] + up) & 0xff;
			else if (filter === 3) line[x] = (line[x] + ((left + up) >> 1)) & 0xff;
			else if (filter === 4) line[x] = (line[x] + paeth(left, up, upLeft)) & 0xff;
		}
		for (let x = 0; x < width; x++) {
			const first = x * channels;
			if (type === 3) {
				const index = depth === 8 ? line[x] : Math.round((sample(line, x) * maxSample) / 255);
				visit((palette[index * 3] + palette[index * 3 + 1] + palette[index * 3 + 2]) / 3);
			} else if (channels >= 3) {
				visit((sample(line, first) + sample(line, first + 1) + sample(line, first + 2)) / 3);
			} else {
				visit(sample(line, first));
			}
		}
		previous = line;
	}
	return true;
}

/**
 * What a mask holds once grey is rounded to the nearer of black and white, as Ideogram 4.5 does:
 * `{ black, white }` booleans, or null when the bytes are not a PNG this reader decodes.
 */
function maskColours(bytes) {
	const colours = { black: false, white: false };
	const readable = forEachGreyPixel(bytes, (grey) => {
		if (grey < 128) colours.black = true;
		else colours.white = true;
	});
	return readable ? colours : null;
}

/** An RGBA PNG: a solid subject in the middle third on a fully transparent background. */
function makeCutoutPng(width, height, rgb = [40, 160, 90]) {
	const raw = Buffer.alloc((1 + width * 4) * height);
	for (let y = 0, offset = 0; y < height; y++) {
		raw[offset++] = 0;
		const rowInside = y >= height / 3 && y < (2 * height) / 3;
		for (let x = 0; x < width; x++, offset += 4) {
			if (rowInside && x >= width / 3 && x < (2 * width) / 3) raw.set([...rgb, 255], offset);
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = 6; // colour type RGBA
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

module.exports = { forEachGreyPixel, maskColours, makeCutoutPng };
