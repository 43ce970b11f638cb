'use strict';
/**
 * The sandbox's SVG results (Ideogram Vector 1.0): well-formed SVG documents without scripts, drawn from the
 * request. Vectorize traces the input: the picture is reduced to at most GRID cells on its longer side, each
 * cell takes the nearest of the picture's main colours, and each colour becomes one path of row runs.
 * Generate draws the prompt's words on a shape of the prompt's colour, over a trace of its first image when
 * it has one. A prompt (or, for Vectorize, a file name) containing `script-test` adds a `<script>` element,
 * so a client's refusal of active SVG can be tested end to end.
 */
const { decodeImage, dominantColours, promptColour, shrinkTo } = require('./render');

const GRID = 48;
const ACTIVE_TRIGGER = 'script-test';

function escapeXml(text) {
	return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]);
}

const hexOf = (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** Paths (one per main colour) tracing the image into a cols × rows grid: { cols, rows, paths: [{ fill, d }] }. */
function trace(image) {
	const factor = Math.max(image.width, image.height) / GRID;
	const cols = Math.max(1, Math.round(image.width / Math.max(1, factor)));
	const rows = Math.max(1, Math.round(image.height / Math.max(1, factor)));
	const small = shrinkTo(image, cols * rows * 4);
	const palette = dominantColours(small, 6).map((colour) => [1, 3, 5].map((at) => parseInt(colour.hex.slice(at, at + 2), 16)));
	const cells = new Uint8Array(cols * rows);
	for (let y = 0; y < rows; y++) {
		for (let x = 0; x < cols; x++) {
			const o = (Math.min(small.height - 1, Math.floor(((y + 0.5) * small.height) / rows)) * small.width + Math.min(small.width - 1, Math.floor(((x + 0.5) * small.width) / cols))) * 3;
			let best = 0;
			let distance = Infinity;
			palette.forEach((rgb, index) => {
				const d = (rgb[0] - small.data[o]) ** 2 + (rgb[1] - small.data[o + 1]) ** 2 + (rgb[2] - small.data[o + 2]) ** 2;
				if (d < distance) [best, distance] = [index, d];
			});
			cells[y * cols + x] = best;
		}
	}
	const paths = palette.map((rgb, index) => {
		let d = '';
		for (let y = 0; y < rows; y++) {
			for (let x = 0; x < cols; ) {
				if (cells[y * cols + x] !== index) {
					x++;
					continue;
				}
				let end = x;
				while (end < cols && cells[y * cols + end] === index) end++;
				d += `M${x} ${y}h${end - x}v1h-${end - x}z`;
				x = end;
			}
		}
		return { fill: hexOf(rgb), d };
	});
	return { cols, rows, paths: paths.filter((path) => path.d) };
}

function document(width, height, body, active) {
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		...body,
		...(active ? ['<script>/* sandbox script-test: active content */</script>'] : []),
		'</svg>',
		'',
	].join('\n');
}

function traced(image, width, height) {
	const { cols, rows, paths } = trace(image);
	return [`<g transform="scale(${width / cols} ${height / rows})" shape-rendering="crispEdges">`, ...paths.map((path) => `<path fill="${path.fill}" d="${path.d}"/>`), '</g>'];
}

/**
 * Vectorize: the input traced, at the input's size. An input that does not decode (a header-only test file)
 * gets an SVG of its declared size that says so.
 */
async function vectorize(bytes, fileName = '', declared = { width: 1024, height: 1024 }) {
	const active = fileName.includes(ACTIVE_TRIGGER);
	let image;
	try {
		image = await decodeImage(bytes);
	} catch (error) {
		const { width, height } = declared;
		const note = `<text x="${width / 2}" y="${height / 2}" font-family="sans-serif" font-size="${Math.max(8, Math.round(width / 40))}" text-anchor="middle" fill="#f0f0f0">${escapeXml(`sandbox: could not decode the input (${error.message})`)}</text>`;
		return { svg: document(width, height, [`<rect width="${width}" height="${height}" fill="#5a5a60"/>`, note], active), width, height };
	}
	return { svg: document(image.width, image.height, traced(image, image.width, image.height), active), width: image.width, height: image.height };
}

/** Generate: the prompt's words on a rounded shape of its colour, over a trace of the first image if any. */
async function generateSvg(prompt, width, height, firstImage) {
	const colour = promptColour(prompt);
	const light = colour.map((c) => Math.round(c + (255 - c) * 0.7));
	const body = [`<rect width="${width}" height="${height}" fill="${hexOf(light)}"/>`];
	if (firstImage) {
		try {
			body.push(...traced(await decodeImage(firstImage), width, height));
		} catch {
			// An undecodable reference leaves only the prompt's drawing.
		}
	}
	const words = prompt.replace(/\s+/g, ' ').trim().split(' ').slice(0, 12);
	const lines = [];
	for (const word of words) {
		if (lines.length && (lines.at(-1) + ' ' + word).length <= 16) lines[lines.length - 1] += ` ${word}`;
		else lines.push(word);
	}
	const size = Math.round(Math.min(width / 12, height / (lines.length * 2 + 2)));
	body.push(`<rect x="${Math.round(width * 0.1)}" y="${Math.round(height * 0.2)}" width="${Math.round(width * 0.8)}" height="${Math.round(height * 0.6)}" rx="${Math.round(Math.min(width, height) * 0.08)}" fill="${hexOf(colour)}"/>`);
	body.push(
		`<text x="${width / 2}" y="${Math.round(height / 2 - ((lines.length - 1) * size * 1.2) / 2)}" font-family="sans-serif" font-size="${size}" text-anchor="middle" dominant-baseline="middle" fill="#ffffff">`,
		...lines.map((line, index) => `<tspan x="${width / 2}" dy="${index ? size * 1.2 : 0}">${escapeXml(line)}</tspan>`),
		'</text>',
	);
	return { svg: document(width, height, body, prompt.includes(ACTIVE_TRIGGER)), width, height };
}

module.exports = { vectorize, generateSvg, ACTIVE_TRIGGER };
