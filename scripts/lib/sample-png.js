'use strict';
/**
 * Small, recognisable sample PNGs (a product on a soft background, a black-and-white mask) for the example
 * workflows and the end-to-end workflows. Node built-ins only; deterministic, so regenerated files match.
 */
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
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** Encodes an RGB image; `pixel(x, y)` returns [r, g, b]. */
function encodePng(width, height, pixel) {
	const raw = Buffer.alloc((width * 3 + 1) * height);
	let offset = 0;
	for (let y = 0; y < height; y++) {
		raw[offset++] = 0;
		for (let x = 0; x < width; x++) {
			const [r, g, b] = pixel(x, y);
			raw[offset++] = r;
			raw[offset++] = g;
			raw[offset++] = b;
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A product shot: a coloured object (a rounded "mug" with a handle) on a light backdrop with a floor line. */
function productShot(width, height, color = [200, 60, 50]) {
	const cx = width / 2;
	const top = height * 0.3;
	const bottom = height * 0.78;
	const half = Math.min(width, height) * 0.18;
	return encodePng(width, height, (x, y) => {
		const inBody = Math.abs(x - cx) <= half && y >= top && y <= bottom;
		const hx = x - (cx + half);
		const hy = y - (top + bottom) / 2;
		const ring = Math.hypot(hx, hy);
		const inHandle = hx > 0 && ring >= half * 0.35 && ring <= half * 0.55;
		if (inBody || inHandle) {
			const shade = 1 - (0.35 * (x - (cx - half))) / (2 * half + 1);
			return color.map((c) => Math.max(0, Math.min(255, Math.round(c * shade))));
		}
		if (y > bottom) return [205, 200, 192]; // table
		const v = 236 - Math.round((18 * y) / height);
		return [v, v, v + 4];
	});
}

/** Black where Ideogram should repaint (a box above the product), white elsewhere; same size as the image. */
function topMask(width, height) {
	return encodePng(width, height, (x, y) => {
		const inside = x >= width * 0.2 && x < width * 0.8 && y >= height * 0.05 && y < height * 0.3;
		return inside ? [0, 0, 0] : [255, 255, 255];
	});
}

module.exports = { encodePng, productShot, topMask, crc32 };
