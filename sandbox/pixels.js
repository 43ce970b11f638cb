'use strict';
// Pixel-level PNG work the v2 sandbox needs beyond png.js's headers: the colours a mask holds (Ideogram 4.5
// refuses a mask that is not both black and white) and a transparent PNG (what Remove Background returns).
const zlib = require('zlib');

const { chunk } = require('./png');
const { decodePng } = require('./render');

/**
 * What a mask holds once grey is rounded to the nearer of black and white, as Ideogram 4.5 does:
 * `{ black, white }` booleans, or null when the bytes are not a PNG this reader decodes.
 */
function maskColours(bytes) {
	let image;
	try {
		image = decodePng(bytes);
	} catch {
		return null;
	}
	const colours = { black: false, white: false };
	for (let at = 0; at < image.data.length && !(colours.black && colours.white); at += 3) {
		const grey = (image.data[at] + image.data[at + 1] + image.data[at + 2]) / 3;
		if (grey < 128) colours.black = true;
		else colours.white = true;
	}
	return colours;
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

module.exports = { maskColours, makeCutoutPng };
