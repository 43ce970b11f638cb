'use strict';
/**
 * Reads back the lettering the sandbox itself draws (font.js's 5×7 capitals, in near-white or near-black, as
 * Generate and Edit paint a prompt), so Layerize Text and Describe 4.0 can answer the actual text of a
 * picture the sandbox made, where it is and what is behind it. A photo has no such lettering: it gets no text.
 *
 * How: the pixels of one text colour form bands of rows; a band whose height is a whole number of glyph rows
 * is cut into glyph cells, each cell sampled at its units' centres (the one-step shadow falls outside them)
 * and matched against the font. A band is text only when most of its cells match a glyph exactly.
 */
const font = require('./font');
const { decodeImage, fillHoles, hex } = require('./render');
const { encodeRgb } = require('./png');

// The colours drawText paints letters in: white on a prompt's colour, near-black on a light one.
const INKS = [
	[250, 250, 250],
	[25, 25, 30],
];
const TOLERANCE = 10;

const CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?-\':&/'];
const BITMAPS = CHARS.map((char) => {
	const bits = new Uint8Array(font.GLYPH_WIDTH * font.GLYPH_HEIGHT);
	for (const [x, y] of font.glyph(char)) bits[y * font.GLYPH_WIDTH + x] = 1;
	return { char, bits };
});

function inkMask(image, ink) {
	const mask = new Uint8Array(image.width * image.height);
	for (let i = 0, o = 0; i < mask.length; i++, o += 3) {
		if (Math.abs(image.data[o] - ink[0]) <= TOLERANCE && Math.abs(image.data[o + 1] - ink[1]) <= TOLERANCE && Math.abs(image.data[o + 2] - ink[2]) <= TOLERANCE) mask[i] = 1;
	}
	return mask;
}

/** The character in the cell at (left, top), or '' when it matches no glyph; ' ' when empty. */
function readCell(mask, width, height, left, top, scale) {
	const bits = new Uint8Array(font.GLYPH_WIDTH * font.GLYPH_HEIGHT);
	let lit = 0;
	for (let gy = 0; gy < font.GLYPH_HEIGHT; gy++) {
		for (let gx = 0; gx < font.GLYPH_WIDTH; gx++) {
			const x = left + gx * scale + Math.floor(scale / 2);
			const y = top + gy * scale + Math.floor(scale / 2);
			if (x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x]) {
				bits[gy * font.GLYPH_WIDTH + gx] = 1;
				lit++;
			}
		}
	}
	if (!lit) return ' ';
	const match = BITMAPS.find((entry) => entry.bits.every((bit, i) => bit === bits[i]));
	return match ? match.char : '';
}

/** One line of text in the band of rows top..bottom (inclusive), or undefined when it does not read as text. */
function readLine(mask, width, height, top, bottom) {
	const rows = bottom - top + 1;
	let minX = width;
	let maxX = -1;
	for (let y = top; y <= bottom; y++) {
		for (let x = 0; x < width; x++) {
			if (!mask[y * width + x]) continue;
			if (x < minX) minX = x;
			if (x > maxX) maxX = x;
		}
	}
	// A line without a full-height glyph (only "-" or ".") is not read.
	if (rows % font.GLYPH_HEIGHT) return undefined;
	const scale = rows / font.GLYPH_HEIGHT;
	const advance = font.ADVANCE * scale;
	let best;
	// The first glyph may start with empty columns ("1", "J"): try each offset and keep the best reading.
	for (let skip = 0; skip < font.GLYPH_WIDTH; skip++) {
		const left = minX - skip * scale;
		const cells = Math.ceil((maxX - left + 1) / advance);
		let text = '';
		let misses = 0;
		for (let k = 0; k < cells; k++) {
			const char = readCell(mask, width, height, left + k * advance, top, scale);
			if (!char) misses++;
			text += char || '?';
		}
		if (!best || misses < best.misses) best = { text: text.trim(), misses, cells, left };
	}
	if (!best.text || best.misses > best.cells / 4) return undefined;
	return { x: best.left, y: top, width: best.cells * advance - (font.ADVANCE - font.GLYPH_WIDTH) * scale, height: rows, text: best.text, scale };
}

/**
 * The lettering of an RGB image ({ width, height, data }): blocks { x, y, width, height, text, color, fontSize,
 * lines } (lines of one paragraph joined by "\n"), in reading order.
 */
function findLettering(image) {
	const { width, height } = image;
	const blocks = [];
	for (const ink of INKS) {
		const mask = inkMask(image, ink);
		const lines = [];
		for (let y = 0; y < height; ) {
			let any = false;
			for (let x = 0, i = y * width; x < width && !any; x++, i++) any = mask[i] === 1;
			if (!any) {
				y++;
				continue;
			}
			let end = y;
			for (;;) {
				let next = false;
				for (let x = 0, i = (end + 1) * width; end + 1 < height && x < width && !next; x++, i++) next = mask[i] === 1;
				if (!next) break;
				end++;
			}
			const line = readLine(mask, width, height, y, end);
			if (line) lines.push(line);
			y = end + 1;
		}
		// Lines of one scale, a line pitch apart, are one paragraph (drawText wraps a prompt into such lines).
		for (const line of lines) {
			const last = blocks.at(-1);
			if (last && last.ink === ink && last.scale === line.scale && line.y - (last.y + last.height) <= (font.LINE_HEIGHT - font.GLYPH_HEIGHT) * line.scale + 1) {
				const right = Math.max(last.x + last.width, line.x + line.width);
				last.x = Math.min(last.x, line.x);
				last.width = right - last.x;
				last.height = line.y + line.height - last.y;
				last.text += `\n${line.text}`;
				last.lines += 1;
				continue;
			}
			blocks.push({ ...line, ink, lines: 1 });
		}
	}
	return blocks
		.sort((a, b) => a.y - b.y || a.x - b.x)
		.map(({ x, y, width: w, height: h, text, ink, scale, lines }) => ({ x, y, width: w, height: h, text, color: hex(ink), fontSize: font.GLYPH_HEIGHT * scale, lines }));
}

/** The image without its lettering: each block (and its shadow, a glyph unit around it) filled from its surroundings. */
function withoutLettering(image, blocks) {
	const hole = new Uint8Array(image.width * image.height);
	for (const block of blocks) {
		const pad = Math.ceil(block.fontSize / font.GLYPH_HEIGHT) + 1;
		for (let y = Math.max(0, block.y - pad); y < Math.min(image.height, block.y + block.height + pad); y++) {
			hole.fill(1, y * image.width + Math.max(0, block.x - pad), y * image.width + Math.min(image.width, block.x + block.width + pad));
		}
	}
	return blocks.length ? fillHoles(image, hole) : image;
}

/**
 * Layerize Text: { width, height, base (PNG without the lettering), blocks } for an encoded image; an input
 * that does not decode has no lettering and a grey base of its declared size.
 */
async function layerize(bytes, declared) {
	let image;
	try {
		image = await decodeImage(bytes);
	} catch {
		image = { width: declared.width, height: declared.height, data: Buffer.alloc(declared.width * declared.height * 3, 128) };
	}
	const blocks = findLettering(image);
	const base = withoutLettering(image, blocks);
	return { width: image.width, height: image.height, base: encodeRgb(base.width, base.height, base.data), blocks };
}

module.exports = { findLettering, withoutLettering, layerize };
