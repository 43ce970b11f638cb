'use strict';
/**
 * Describe 4.0's `json_prompt`, read from the picture: its main colours (background and palette), the subject
 * found the way Replace Background finds it (pixels of the central ellipse that differ from their row's edges)
 * as an object element with its bounding box, and the sandbox's own lettering (lettering.js) as text elements.
 */
const { colourName, decodeImage, dominantColours, shrinkTo, subjectMask, WORK_PIXELS } = require('./render');
const { findLettering } = require('./lettering');

/** [y_min, x_min, y_max, x_max] on a 0–1000 scale. */
function box(top, left, bottom, right, width, height) {
	const scale = (value, size) => Math.round((value * 1000) / size);
	return [scale(top, height), scale(left, width), scale(bottom, height), scale(right, width)];
}

/**
 * The json_prompt of an encoded image. One that does not decode (a header-only test file) is described by its
 * declared size and format ({ width, height, format }), with no elements.
 */
async function jsonPrompt(bytes, { includeBbox = true, includeStyle = false, includeTags = false, declared } = {}) {
	let image;
	try {
		image = await decodeImage(bytes);
	} catch (error) {
		const prompt = {
			high_level_description: `A ${declared.width}x${declared.height} ${declared.format.toUpperCase()} picture (sandbox description) whose pixels could not be decoded (${error.message}).`,
			compositional_deconstruction: { background: 'unknown', elements: [] },
		};
		if (includeStyle) prompt.style_description = { aesthetics: 'unknown', art_style: 'unknown', color_palette: 'unknown', lighting: 'unknown', medium: 'unknown', photo: `${declared.width}x${declared.height}` };
		if (includeTags) prompt.tags = ['sandbox', 'undecoded'];
		return prompt;
	}
	const work = shrinkTo(image, WORK_PIXELS);
	const colours = dominantColours(work, 5);
	const background = colours[0];
	const subject = subjectMask(work);
	let [minX, minY, maxX, maxY] = [work.width, work.height, -1, -1];
	let subjectPixels = 0;
	const sums = [0, 0, 0];
	for (let y = 0; y < work.height; y++) {
		for (let x = 0; x < work.width; x++) {
			const i = y * work.width + x;
			if (!subject[i]) continue;
			subjectPixels++;
			for (let c = 0; c < 3; c++) sums[c] += work.data[i * 3 + c];
			if (x < minX) minX = x;
			if (x > maxX) maxX = x;
			if (y < minY) minY = y;
			if (y > maxY) maxY = y;
		}
	}
	const elements = [];
	if (subjectPixels) {
		const colour = colourName(sums.map((sum) => Math.round(sum / subjectPixels)));
		const element = { type: 'obj', desc: `a ${colour} subject, ${Math.round((subjectPixels * 100) / subject.length)}% of the picture` };
		if (includeBbox) element.bbox = box(minY, minX, maxY + 1, maxX + 1, work.width, work.height);
		elements.push(element);
	}
	for (const block of findLettering(image)) {
		const element = { type: 'text', desc: `the words "${block.text.replace(/\n/g, ' ')}" in ${colourName([1, 3, 5].map((at) => parseInt(block.color.slice(at, at + 2), 16)))} capitals`, text: block.text };
		if (includeBbox) element.bbox = box(block.y, block.x, block.y + block.height, block.x + block.width, image.width, image.height);
		elements.push(element);
	}
	const prompt = {
		high_level_description: `A ${image.width}x${image.height} ${image.format.toUpperCase()} picture (sandbox description)${elements.length ? `: ${elements.map((element) => element.desc).join('; ')}` : ''}, on ${background.name}.`,
		compositional_deconstruction: { background: `a ${background.name} (${background.hex}) background`, elements },
	};
	if (includeStyle) {
		prompt.style_description = {
			aesthetics: 'plain, flat colour areas',
			art_style: 'sandbox rendering',
			color_palette: colours.map((colour) => `${colour.name} ${colour.hex}`).join(', '),
			lighting: 'even',
			medium: image.format === 'png' ? 'digital graphic' : 'photograph',
			photo: `${image.width}x${image.height}`,
		};
	}
	if (includeTags) prompt.tags = [...new Set(['sandbox', ...colours.map((colour) => colour.name), ...(elements.some((element) => element.type === 'text') ? ['text'] : [])])];
	return prompt;
}

module.exports = { jsonPrompt };
