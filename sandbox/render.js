'use strict';
/**
 * The sandbox's results, derived from what was sent, so a result shows what the operation did:
 *   edit               the mask's black area repainted (the prompt's colour and words), the white area's pixels kept;
 *   replaceBackground  the central subject kept, a new background painted in the prompt's colour;
 *   remix              the input cropped to the requested size, tinted with the prompt's colour and posterised
 *                      (a higher image_weight keeps more of the input);
 *   reframe            the input scaled to fit the requested size, centred, the new areas filled from its edges;
 *   upscale            the input enlarged 2× (nearest neighbour);
 *   generate           the prompt's words in a bitmap font on a gradient of the prompt's colour;
 *   describe           the input's real size, format and dominant colours, in words.
 * The prompt's colour is the first colour word in it ("a RED car"), else a hue from its hash.
 *
 * Inputs are decoded with devDependencies (pngjs, jpeg-js, node-webpmux for WebP); results are PNG. An input
 * that does not decode (the tests' header-only JPEG and WebP files) gets a placeholder of the right size that
 * says so. Inputs over WORK_PIXELS (0.6 MP) are scaled down before rendering and results are sampled back up, so a
 * result costs about as much as a 0.6 MP picture whatever was sent; Edit keeps the full input (its kept pixels
 * are exact).
 */
const zlib = require('zlib');

const { PNG } = require('pngjs');
const jpeg = require('jpeg-js');

const { encodeRgb, encodeScaled, readImageInfo } = require('./png');
const font = require('./font');

const WORK_PIXELS = 768 * 768;

// ---------------------------------------------------------------- decoding

let webpReady;
/** node-webpmux's libwebp (WebAssembly, shipped in the package), loaded once. */
function webp() {
	webpReady ??= (async () => {
		const WebP = require('node-webpmux');
		await WebP.Image.initLib();
		return WebP;
	})();
	return webpReady;
}

/** RGBA → RGB, transparent areas over white (as a viewer shows them on a light page). */
function flatten(rgba, width, height) {
	const rgb = Buffer.alloc(width * height * 3);
	for (let i = 0, o = 0; o < rgb.length; i += 4, o += 3) {
		const a = rgba[i + 3];
		if (a === 255) {
			rgb[o] = rgba[i];
			rgb[o + 1] = rgba[i + 1];
			rgb[o + 2] = rgba[i + 2];
		} else {
			rgb[o] = (rgba[i] * a + 255 * (255 - a)) / 255;
			rgb[o + 1] = (rgba[i + 1] * a + 255 * (255 - a)) / 255;
			rgb[o + 2] = (rgba[i + 2] * a + 255 * (255 - a)) / 255;
		}
	}
	return rgb;
}

function paeth(a, b, c) {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * The common PNG (8-bit RGB or RGBA, not interlaced, as this repository and most tools write) straight to RGB,
 * without pngjs's RGBA pass; undefined for any other kind, which pngjs then decodes.
 */
function decodeSimplePng(bytes) {
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	const [depth, colourType, , , interlace] = bytes.subarray(24, 29);
	if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) return undefined;
	const idat = [];
	for (let at = 8; at + 8 <= bytes.length; ) {
		const length = bytes.readUInt32BE(at);
		const type = bytes.toString('latin1', at + 4, at + 8);
		if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
		if (type === 'IEND') break;
		at += 12 + length;
	}
	const bpp = colourType === 6 ? 4 : 3;
	const stride = width * bpp;
	const raw = zlib.inflateSync(Buffer.concat(idat));
	if (raw.length < (stride + 1) * height) throw new Error('png pixel data is incomplete');
	const pixels = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		const at = y * stride;
		const up = at - stride;
		if (filter === 0 || (filter === 2 && y === 0)) {
			pixels.set(line, at);
		} else if (filter === 1) {
			for (let i = 0; i < stride; i++) pixels[at + i] = line[i] + (i >= bpp ? pixels[at + i - bpp] : 0);
		} else if (filter === 2) {
			for (let i = 0; i < stride; i++) pixels[at + i] = line[i] + pixels[up + i];
		} else if (filter === 3) {
			for (let i = 0; i < stride; i++) pixels[at + i] = line[i] + (((i >= bpp ? pixels[at + i - bpp] : 0) + (y > 0 ? pixels[up + i] : 0)) >> 1);
		} else if (filter === 4) {
			for (let i = 0; i < stride; i++) {
				const a = i >= bpp ? pixels[at + i - bpp] : 0;
				const b = y > 0 ? pixels[up + i] : 0;
				const c = i >= bpp && y > 0 ? pixels[up + i - bpp] : 0;
				pixels[at + i] = line[i] + paeth(a, b, c);
			}
		} else {
			throw new Error(`png filter ${filter} is not defined`);
		}
	}
	return { width, height, data: bpp === 3 ? pixels : flatten(pixels, width, height) };
}

/** { width, height, format, data } with data RGB, 3 bytes a pixel; throws when the bytes do not decode. */
/** A PNG of any kind to RGB (transparency over white), synchronously: `{ width, height, data }`. Throws when corrupt. */
function decodePng(bytes) {
	const simple = decodeSimplePng(bytes);
	if (simple) return simple;
	const png = PNG.sync.read(bytes);
	return { width: png.width, height: png.height, data: flatten(png.data, png.width, png.height) };
}

async function decodeImage(bytes) {
	const info = readImageInfo(bytes);
	if (!info) throw new Error('not a PNG, JPEG or WebP image');
	let rgba;
	let { width, height } = info;
	if (info.format === 'png') return { ...decodePng(bytes), format: 'png' };
	if (info.format === 'jpeg') {
		const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 1024 });
		({ width, height } = image);
		rgba = image.data;
	} else {
		const WebP = await webp();
		const image = new WebP.Image();
		await image.load(Buffer.from(bytes));
		if (image.hasAnim) throw new Error('animated WebP');
		rgba = await image.getImageData();
		({ width, height } = image);
	}
	if (!rgba || rgba.length < width * height * 4) throw new Error(`${info.format} pixel data is incomplete`);
	return { width, height, format: info.format, data: flatten(rgba, width, height) };
}

// ---------------------------------------------------------------- pixels

function blank(width, height) {
	return { width, height, data: Buffer.alloc(width * height * 3) };
}

/** Box-averaged copy at most `maxPixels` large (the image itself when it is small enough). */
function shrinkTo(image, maxPixels) {
	const factor = Math.ceil(Math.sqrt((image.width * image.height) / maxPixels));
	if (factor <= 1) return image;
	const width = Math.max(1, Math.floor(image.width / factor));
	const height = Math.max(1, Math.floor(image.height / factor));
	const out = blank(width, height);
	const n = factor * factor;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let r = 0;
			let g = 0;
			let b = 0;
			for (let dy = 0; dy < factor; dy++) {
				let at = ((y * factor + dy) * image.width + x * factor) * 3;
				for (let dx = 0; dx < factor; dx++, at += 3) {
					r += image.data[at];
					g += image.data[at + 1];
					b += image.data[at + 2];
				}
			}
			const o = (y * width + x) * 3;
			out.data[o] = r / n;
			out.data[o + 1] = g / n;
			out.data[o + 2] = b / n;
		}
	}
	return out;
}

/** For each output column/row, the source column/row (nearest neighbour) of a `from` → `to` mapping. */
function sampleMap(to, from, offset = 0, scale = from / to) {
	const map = new Int32Array(to);
	for (let i = 0; i < to; i++) map[i] = Math.min(from - 1, Math.max(0, Math.floor((i - offset) * scale + scale / 2)));
	return map;
}

function hsl(h, s, l) {
	const k = (n) => (n + h / 30) % 12;
	const a = s * Math.min(l, 1 - l);
	const f = (n) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
	return [f(0), f(8), f(4)];
}

const COLOUR_WORDS = {
	red: [200, 40, 40], crimson: [190, 20, 60], orange: [235, 130, 30], amber: [240, 170, 20], yellow: [235, 205, 40],
	gold: [215, 170, 50], golden: [215, 170, 50], lime: [150, 210, 50], green: [50, 150, 70], emerald: [20, 140, 90],
	teal: [20, 128, 128], turquoise: [50, 190, 180], cyan: [40, 180, 210], blue: [40, 90, 200], navy: [25, 35, 100],
	indigo: [70, 50, 150], purple: [130, 50, 170], violet: [140, 80, 200], magenta: [200, 40, 160], pink: [235, 120, 170],
	brown: [120, 75, 40], beige: [220, 200, 160], white: [245, 245, 245], black: [25, 25, 25], grey: [128, 128, 128],
	gray: [128, 128, 128], silver: [190, 190, 200], marble: [225, 222, 215], sunset: [240, 120, 60], sunny: [245, 200, 70],
	ocean: [30, 110, 170], sea: [30, 120, 170], sky: [120, 180, 230], forest: [40, 110, 50], night: [20, 25, 60],
};

/** The colour a prompt asks for: its first colour word, else a hue from its text. */
function promptColour(prompt = '') {
	for (const word of prompt.toLowerCase().match(/[a-z]+/g) ?? []) if (COLOUR_WORDS[word]) return COLOUR_WORDS[word];
	let hash = 2166136261;
	for (const char of prompt) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
	return hsl(hash % 360, 0.55, 0.5);
}

const mix = (a, b, t) => Math.round(a + (b - a) * t);
const luminance = (r, g, b) => 0.299 * r + 0.587 * g + 0.114 * b;

/** Sets pixel `o` (a byte offset) to `rgb`: plain stores, far cheaper per pixel than TypedArray#set. */
function put(data, o, rgb) {
	data[o] = rgb[0];
	data[o + 1] = rgb[1];
	data[o + 2] = rgb[2];
}

/** Fills row `y` with one colour: the first pixel, then doubling copies. */
function fillRow(image, y, rgb, from = 0, to = image.width) {
	if (to <= from) return;
	const start = (y * image.width + from) * 3;
	const end = (y * image.width + to) * 3;
	put(image.data, start, rgb);
	for (let filled = 3; start + filled < end; filled *= 2) image.data.copyWithin(start + filled, start, Math.min(start + filled * 2, end) - filled);
}

/** A vertical gradient from `top` to `bottom`. */
function fillGradient(image, top, bottom) {
	for (let y = 0; y < image.height; y++) {
		const t = image.height > 1 ? y / (image.height - 1) : 0;
		fillRow(image, y, [mix(top[0], bottom[0], t), mix(top[1], bottom[1], t), mix(top[2], bottom[2], t)]);
	}
}

/**
 * Draws `text` as large as fits the box (x, y, width, height), centred, with a one-step shadow;
 * `inside(x, y)` limits where it may paint.
 */
function drawText(image, text, box, colour, shadow, inside = () => true) {
	const words = text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 12).join(' ');
	const { lines, scale } = font.layout(words, box.width, box.height);
	if (!scale) return;
	const blockHeight = lines.length * font.LINE_HEIGHT * scale - (font.LINE_HEIGHT - font.GLYPH_HEIGHT) * scale;
	const paint = (px, py, rgb) => {
		for (let y = py; y < py + scale && y < image.height; y++) {
			for (let x = px; x < px + scale && x < image.width; x++) {
				if (x >= 0 && y >= 0 && inside(x, y)) put(image.data, (y * image.width + x) * 3, rgb);
			}
		}
	};
	const step = Math.max(1, Math.round(scale / 3));
	for (const [offset, rgb] of [[step, shadow], [0, colour]]) {
		lines.forEach((line, row) => {
			const lineWidth = line.length * font.ADVANCE * scale - (font.ADVANCE - font.GLYPH_WIDTH) * scale;
			const left = Math.round(box.x + (box.width - lineWidth) / 2);
			const top = Math.round(box.y + (box.height - blockHeight) / 2 + row * font.LINE_HEIGHT * scale);
			[...line].forEach((char, column) => {
				for (const [gx, gy] of font.glyph(char)) paint(left + (column * font.ADVANCE + gx) * scale + offset, top + gy * scale + offset, rgb);
			});
		});
	}
}

function contrasting(colour) {
	return luminance(...colour) > 150 ? [25, 25, 30] : [250, 250, 250];
}

// ---------------------------------------------------------------- operations

/** The mask's black (dark) area repainted with the prompt's colour (or `colour`) and words; the white area's pixels kept exactly. */
function edit(image, mask, prompt, colour = promptColour(prompt)) {
	const out = { width: image.width, height: image.height, data: Buffer.from(image.data) };
	const black = new Uint8Array(image.width * image.height);
	let minX = image.width;
	let minY = image.height;
	let maxX = -1;
	let maxY = -1;
	for (let y = 0, i = 0; y < image.height; y++) {
		for (let x = 0; x < image.width; x++, i++) {
			// Dark (luminance under 128, in integer weights) is black.
			if (mask.data[i * 3] * 299 + mask.data[i * 3 + 1] * 587 + mask.data[i * 3 + 2] * 114 < 128000) {
				black[i] = 1;
				if (x < minX) minX = x;
				if (x > maxX) maxX = x;
				if (y < minY) minY = y;
				if (y > maxY) maxY = y;
			}
		}
	}
	if (maxX < 0) return out;
	const inside = (x, y) => black[y * image.width + x] === 1;
	const light = colour.map((c) => mix(c, 255, 0.45));
	const box = { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
	for (let y = box.y; y <= maxY; y++) {
		const t = box.height > 1 ? (y - box.y) / (box.height - 1) : 0;
		const rgb = [mix(light[0], colour[0], t), mix(light[1], colour[1], t), mix(light[2], colour[2], t)];
		for (let x = box.x, i = y * image.width + box.x; x <= maxX; x++, i++) if (black[i] === 1) put(out.data, i * 3, rgb);
	}
	const pad = Math.round(Math.min(box.width, box.height) * 0.08);
	drawText(out, prompt, { x: box.x + pad, y: box.y + pad, width: box.width - 2 * pad, height: box.height - 2 * pad }, contrasting(colour), colour.map((c) => Math.round(c * 0.5)), inside);
	return out;
}

/**
 * The subject of a (work-sized) picture: pixels in the central ellipse that differ from their row's background
 * (estimated from the row's outer columns). 1 = subject, 0 = background.
 */
function subjectMask(work) {
	const { width: w, height: h, data } = work;
	const subject = new Uint8Array(w * h);
	const edge = Math.max(1, Math.round(w * 0.04));
	for (let y = 0; y < h; y++) {
		let r = 0;
		let g = 0;
		let b = 0;
		for (let k = 0; k < edge; k++) {
			for (const x of [k, w - 1 - k]) {
				const o = (y * w + x) * 3;
				r += data[o];
				g += data[o + 1];
				b += data[o + 2];
			}
		}
		r /= 2 * edge;
		g /= 2 * edge;
		b /= 2 * edge;
		const cy = (y + 0.5) / h - 0.5;
		for (let x = 0; x < w; x++) {
			const cx = (x + 0.5) / w - 0.5;
			if ((cx / 0.42) ** 2 + (cy / 0.46) ** 2 > 1) continue;
			const o = (y * w + x) * 3;
			if (Math.abs(data[o] - r) + Math.abs(data[o + 1] - g) + Math.abs(data[o + 2] - b) > 60) subject[y * w + x] = 1;
		}
	}
	return subject;
}

/**
 * The subject kept, everything else taken from `backdrop(y, t)` (t: 0 at the top, 1 at the bottom): one colour
 * for the whole row, or a function of x; at `width` × `height`.
 */
function overBackdrop(image, width, height, backdrop) {
	const work = shrinkTo(image, WORK_PIXELS);
	const { width: w, data } = work;
	const subject = subjectMask(work);
	const out = blank(width, height);
	const xs = sampleMap(width, w);
	const ys = sampleMap(height, work.height);
	for (let y = 0; y < height; y++) {
		const row = backdrop(y, y / Math.max(1, height - 1));
		const flat = Array.isArray(row) ? row : undefined;
		for (let x = 0; x < width; x++) {
			const i = ys[y] * w + xs[x];
			const o = (y * width + x) * 3;
			if (subject[i]) {
				out.data[o] = data[i * 3];
				out.data[o + 1] = data[i * 3 + 1];
				out.data[o + 2] = data[i * 3 + 2];
			} else put(out.data, o, flat ?? row(x));
		}
	}
	return out;
}

/** The subject (subjectMask) kept; a new background painted in the prompt's colour. */
function replaceBackground(image, prompt, width, height) {
	const colour = promptColour(prompt);
	const top = colour.map((c) => mix(c, 255, 0.55));
	const bottom = colour.map((c) => Math.round(c * 0.55));
	const horizon = Math.round(height * 0.72);
	return overBackdrop(image, width, height, (y, t) => (y < horizon ? [mix(top[0], colour[0], t), mix(top[1], colour[1], t), mix(top[2], colour[2], t)] : bottom));
}

/** The subject (subjectMask) kept, in front of `background` scaled to cover the output. */
function replaceBackgroundWith(image, background, width, height) {
	const work = shrinkTo(background, WORK_PIXELS);
	const scale = Math.max(width / work.width, height / work.height);
	const xs = sampleMap(width, work.width, (width - work.width * scale) / 2, 1 / scale);
	const ys = sampleMap(height, work.height, (height - work.height * scale) / 2, 1 / scale);
	const pixel = [0, 0, 0];
	return overBackdrop(image, width, height, (y) => (x) => {
		const o = (ys[y] * work.width + xs[x]) * 3;
		pixel[0] = work.data[o];
		pixel[1] = work.data[o + 1];
		pixel[2] = work.data[o + 2];
		return pixel;
	});
}

/** The subject (subjectMask) on a transparent background: RGBA, at the work size (scaled when encoded). */
function cutOut(image) {
	const work = shrinkTo(image, WORK_PIXELS);
	const subject = subjectMask(work);
	const data = Buffer.alloc(work.width * work.height * 4);
	for (let i = 0; i < subject.length; i++) {
		if (!subject[i]) continue;
		data[i * 4] = work.data[i * 3];
		data[i * 4 + 1] = work.data[i * 3 + 1];
		data[i * 4 + 2] = work.data[i * 3 + 2];
		data[i * 4 + 3] = 255;
	}
	return { width: work.width, height: work.height, channels: 4, data };
}

/**
 * What generate draws (the prompt's words), as a subject on transparency: a disc of the prompt's colour with
 * the words on it, everything else alpha 0. Drawn at most WORK_PIXELS large, at the output's proportions.
 */
function transparentGenerate(prompt, width, height) {
	const scale = Math.min(1, Math.sqrt(WORK_PIXELS / (width * height)));
	const w = Math.max(1, Math.round(width * scale));
	const h = Math.max(1, Math.round(height * scale));
	const colour = promptColour(prompt);
	const picture = blank(w, h);
	const inside = new Uint8Array(w * h);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const cx = (x + 0.5) / w - 0.5;
			const cy = (y + 0.5) / h - 0.5;
			if ((cx / 0.45) ** 2 + (cy / 0.45) ** 2 <= 1) {
				inside[y * w + x] = 1;
				put(picture.data, (y * w + x) * 3, colour);
			}
		}
	}
	const margin = Math.round(Math.min(w, h) * 0.2);
	drawText(picture, prompt || 'ideogram', { x: margin, y: margin, width: w - 2 * margin, height: h - 2 * margin }, contrasting(colour), colour.map((c) => Math.round(c * 0.5)), (x, y) => inside[y * w + x] === 1);
	const data = Buffer.alloc(w * h * 4);
	for (let i = 0; i < inside.length; i++) {
		if (!inside[i]) continue;
		data[i * 4] = picture.data[i * 3];
		data[i * 4 + 1] = picture.data[i * 3 + 1];
		data[i * 4 + 2] = picture.data[i * 3 + 2];
		data[i * 4 + 3] = 255;
	}
	return { width: w, height: h, channels: 4, data };
}

/**
 * Every pixel where `hole[i]` is 1 filled from its surroundings: the mean of a linear blend between the nearest
 * kept pixels left and right in its row and above and below in its column (whichever exist).
 */
function fillHoles(image, hole) {
	const { width, height } = image;
	const out = { width, height, data: Buffer.from(image.data) };
	const sum = new Float32Array(width * height * 3);
	const count = new Uint8Array(width * height);
	const blendRun = (length, at, before, after) => {
		// `at(k)` is the pixel index of the run's k-th pixel; before/after are kept pixel indexes or -1.
		for (let k = 0; k < length; k++) {
			const i = at(k);
			const t = (k + 1) / (length + 1);
			for (let c = 0; c < 3; c++) {
				const a = before >= 0 ? image.data[before * 3 + c] : image.data[after * 3 + c];
				const b = after >= 0 ? image.data[after * 3 + c] : a;
				sum[i * 3 + c] += a + (b - a) * t;
			}
			count[i] += 1;
		}
	};
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; ) {
			if (!hole[y * width + x]) {
				x++;
				continue;
			}
			let end = x;
			while (end < width && hole[y * width + end]) end++;
			const before = x > 0 ? y * width + x - 1 : -1;
			const after = end < width ? y * width + end : -1;
			if (before >= 0 || after >= 0) blendRun(end - x, (k) => y * width + x + k, before, after);
			x = end;
		}
	}
	for (let x = 0; x < width; x++) {
		for (let y = 0; y < height; ) {
			if (!hole[y * width + x]) {
				y++;
				continue;
			}
			let end = y;
			while (end < height && hole[end * width + x]) end++;
			const before = y > 0 ? (y - 1) * width + x : -1;
			const after = end < height ? end * width + x : -1;
			if (before >= 0 || after >= 0) blendRun(end - y, (k) => (y + k) * width + x, before, after);
			y = end;
		}
	}
	for (let i = 0; i < count.length; i++) {
		if (!hole[i]) continue;
		for (let c = 0; c < 3; c++) out.data[i * 3 + c] = count[i] ? Math.round(sum[i * 3 + c] / count[i]) : 128;
	}
	return out;
}

/** Remove Object: the mask's white area (luminance at least 128) filled from its surroundings; the rest kept exactly. */
function removeObject(image, mask) {
	const hole = new Uint8Array(image.width * image.height);
	for (let i = 0; i < hole.length; i++) {
		if (mask.data[i * 3] * 299 + mask.data[i * 3 + 1] * 587 + mask.data[i * 3 + 2] * 114 >= 128000) hole[i] = 1;
	}
	return fillHoles(image, hole);
}

/** Cropped to cover the requested size, tinted with the prompt's colour and posterised to 4 levels a channel. */
function remix(image, prompt, width, height, imageWeight = 50) {
	const work = shrinkTo(image, WORK_PIXELS);
	const scale = Math.max(width / work.width, height / work.height);
	const xs = sampleMap(width, work.width, (width - work.width * scale) / 2, 1 / scale);
	const ys = sampleMap(height, work.height, (height - work.height * scale) / 2, 1 / scale);
	const tint = promptColour(prompt);
	const strength = 0.65 - 0.5 * (Math.min(100, Math.max(1, imageWeight)) / 100);
	// Per channel: input value → tinted and posterised to 6 levels, as three lookup tables.
	const tables = tint.map((t) => Uint8Array.from({ length: 256 }, (_, v) => Math.round((v + (t - v) * strength) / 51) * 51));
	const [tr, tg, tb] = tables;
	const out = blank(width, height);
	for (let y = 0; y < height; y++) {
		const row = ys[y] * work.width;
		for (let x = 0, o = y * width * 3; x < width; x++, o += 3) {
			const i = (row + xs[x]) * 3;
			out.data[o] = tr[work.data[i]];
			out.data[o + 1] = tg[work.data[i + 1]];
			out.data[o + 2] = tb[work.data[i + 2]];
		}
	}
	return out;
}

/** Scaled to fit, centred; the new areas continue the input's edge pixels, faded, so the extension shows. */
function reframe(image, width, height) {
	const work = shrinkTo(image, WORK_PIXELS);
	const scale = Math.min(width / image.width, height / image.height);
	const fitW = Math.max(1, Math.round(image.width * scale));
	const fitH = Math.max(1, Math.round(image.height * scale));
	const left = Math.floor((width - fitW) / 2);
	const top = Math.floor((height - fitH) / 2);
	const xs = sampleMap(width, work.width, left, work.width / fitW);
	const ys = sampleMap(height, work.height, top, work.height / fitH);
	const fade = Uint8Array.from({ length: 256 }, (_, v) => mix(v, 200, 0.45));
	const out = blank(width, height);
	for (let y = 0; y < height; y++) {
		const outsideY = y < top || y >= top + fitH;
		for (let x = 0; x < width; x++) {
			const i = (ys[y] * work.width + xs[x]) * 3;
			const o = (y * width + x) * 3;
			if (outsideY || x < left || x >= left + fitW) {
				out.data[o] = fade[work.data[i]];
				out.data[o + 1] = fade[work.data[i + 1]];
				out.data[o + 2] = fade[work.data[i + 2]];
			} else {
				out.data[o] = work.data[i];
				out.data[o + 1] = work.data[i + 1];
				out.data[o + 2] = work.data[i + 2];
			}
		}
	}
	return out;
}

/** The input at most WORK_PIXELS large: the encoder enlarges it to the requested size, nearest neighbour. */
function upscale(image) {
	return shrinkTo(image, WORK_PIXELS);
}

/** The prompt's words on a gradient of its colour. */
function generate(prompt, width, height) {
	const colour = promptColour(prompt);
	const out = blank(width, height);
	fillGradient(out, colour.map((c) => mix(c, 255, 0.35)), colour.map((c) => Math.round(c * 0.45)));
	const margin = Math.round(Math.min(width, height) * 0.08);
	drawText(out, prompt || 'ideogram', { x: margin, y: margin, width: width - 2 * margin, height: height - 2 * margin }, [250, 250, 250], [20, 20, 25]);
	return out;
}

/** A result that says the input could not be decoded (its size is still the answered one). */
function placeholder(width, height, reason) {
	const out = blank(width, height);
	fillGradient(out, [90, 90, 96], [60, 60, 66]);
	const margin = Math.round(Math.min(width, height) * 0.08);
	drawText(out, `sandbox: ${reason}`, { x: margin, y: margin, width: width - 2 * margin, height: height - 2 * margin }, [240, 240, 240], [20, 20, 20]);
	return out;
}

// ---------------------------------------------------------------- describe

const NAMED = [
	['black', [20, 20, 20]], ['dark grey', [70, 70, 70]], ['grey', [128, 128, 128]], ['light grey', [200, 200, 200]], ['white', [245, 245, 245]],
	['red', [200, 40, 40]], ['dark red', [130, 30, 30]], ['orange', [235, 130, 30]], ['yellow', [235, 205, 40]], ['beige', [215, 200, 170]],
	['brown', [120, 75, 40]], ['green', [50, 150, 70]], ['dark green', [25, 80, 35]], ['teal', [20, 128, 128]], ['light blue', [130, 180, 230]],
	['blue', [40, 90, 200]], ['navy', [25, 35, 100]], ['purple', [130, 50, 170]], ['pink', [235, 120, 170]],
];

function colourName(rgb) {
	let best = NAMED[0];
	let distance = Infinity;
	for (const entry of NAMED) {
		const d = (entry[1][0] - rgb[0]) ** 2 + (entry[1][1] - rgb[1]) ** 2 + (entry[1][2] - rgb[2]) ** 2;
		if (d < distance) [best, distance] = [entry, d];
	}
	return best[0];
}

const hex = (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('').toUpperCase()}`;

/** Up to `count` dominant colours: { hex, name, share } (share of the pixels, 0..1), most common first. */
function dominantColours(image, count = 3) {
	const bins = new Map();
	const total = image.width * image.height;
	const step = Math.max(1, Math.floor(total / 65536));
	let sampled = 0;
	for (let i = 0; i < total; i += step, sampled++) {
		const o = i * 3;
		const key = ((image.data[o] >> 5) << 6) | ((image.data[o + 1] >> 5) << 3) | (image.data[o + 2] >> 5);
		const bin = bins.get(key) ?? [0, 0, 0, 0];
		bin[0] += 1;
		bin[1] += image.data[o];
		bin[2] += image.data[o + 1];
		bin[3] += image.data[o + 2];
		bins.set(key, bin);
	}
	// Bins of close colours (a shade split by a bin edge) are merged, counts added, averages weighted.
	const merged = [];
	for (const [n, r, g, b] of [...bins.values()].sort((a, c) => c[0] - a[0])) {
		const near = merged.find((m) => Math.abs(m[1] / m[0] - r / n) + Math.abs(m[2] / m[0] - g / n) + Math.abs(m[3] / m[0] - b / n) < 40);
		if (near) [near[0], near[1], near[2], near[3]] = [near[0] + n, near[1] + r, near[2] + g, near[3] + b];
		else merged.push([n, r, g, b]);
	}
	return merged
		.sort((a, b) => b[0] - a[0])
		.slice(0, count)
		.map(([n, r, g, b]) => {
			const rgb = [Math.round(r / n), Math.round(g / n), Math.round(b / n)];
			return { hex: hex(rgb), name: colourName(rgb), share: n / sampled };
		});
}

/** Describe's answer: the input's real size, format and dominant colours. */
async function describeImage(bytes) {
	const info = readImageInfo(bytes);
	const size = info ? `${info.width}×${info.height} ${info.format.toUpperCase()}` : 'unrecognised';
	let image;
	try {
		image = await decodeImage(bytes);
	} catch (error) {
		return `A ${size} image (sandbox description). Its pixels could not be decoded (${error.message}), so its colours are unknown.`;
	}
	const colours = dominantColours(image)
		.filter((colour) => colour.share >= 0.02)
		.map((colour) => `${colour.name} ${colour.hex} (${Math.round(colour.share * 100)}%)`);
	return `A ${image.width}×${image.height} ${image.format.toUpperCase()} image (sandbox description). Dominant colours: ${colours.join(', ')}.`;
}

// ---------------------------------------------------------------- entry point

const OPERATIONS = ['edit', 'preciseEdit', 'replaceBackground', 'replaceBackgroundWith', 'removeBackground', 'removeObject', 'remix', 'reframe', 'upscale', 'generate', 'generateTransparent'];

/** The most common colour of an encoded image, as [r, g, b]. */
async function mainColour(bytes) {
	const [first] = dominantColours(shrinkTo(await decodeImage(bytes), 65536), 1);
	return [1, 3, 5].map((at) => parseInt(first.hex.slice(at, at + 2), 16));
}

/** The picture for one request (see renderResult), before encoding; RGB, or RGBA with `channels: 4`. */
async function draw({ operation, image, mask, references = [], background, prompt, width, height, imageWeight }) {
	if (operation === 'generateTransparent') return transparentGenerate(prompt, width, height);
	if (operation === 'generate' || !image) return generate(prompt, width, height);
	const input = await decodeImage(image);
	const maskImage = mask ? await decodeImage(mask) : undefined;
	const maskFits = maskImage && maskImage.width === input.width && maskImage.height === input.height;
	switch (operation) {
		case 'edit':
		case 'preciseEdit': {
			if (!maskFits || input.width !== width || input.height !== height) return remix(input, prompt, width, height, imageWeight);
			// Precise Edit paints the masked area in its first reference's main colour, when it has one.
			const colour = operation === 'preciseEdit' && references.length ? await mainColour(references[0]) : undefined;
			return edit(input, maskImage, prompt, colour);
		}
		case 'removeObject':
			return maskFits ? removeObject(input, maskImage) : input;
		case 'removeBackground':
			return cutOut(input);
		case 'replaceBackground':
			return replaceBackground(input, prompt, width, height);
		case 'replaceBackgroundWith':
			return replaceBackgroundWith(input, await decodeImage(background), width, height);
		case 'reframe':
			return reframe(input, width, height);
		case 'upscale':
			return upscale(input);
		default:
			return remix(input, prompt, width, height, imageWeight);
	}
}

/**
 * A result PNG of `width` × `height` for one request: { operation, image, mask, references, background (bytes),
 * prompt, width, height, imageWeight }. Never throws for bad input: an undecodable image gets a placeholder
 * that says so.
 */
async function renderResult(job) {
	let picture;
	try {
		picture = await draw({ ...job, prompt: job.prompt ?? '' });
	} catch (error) {
		picture = placeholder(job.width, job.height, `could not decode the input (${error.message})`);
	}
	if (picture.width === job.width && picture.height === job.height && picture.channels !== 4) return encodeRgb(picture.width, picture.height, picture.data);
	return encodeScaled(picture, job.width, job.height);
}

module.exports = { OPERATIONS, WORK_PIXELS, renderResult, describeImage, decodeImage, decodePng, dominantColours, promptColour, shrinkTo, subjectMask, fillHoles, colourName, hex };
