'use strict';
// Pixel-level PNG work the v2 sandbox needs beyond png.js's headers: the colours a mask holds (Ideogram 4.5
// refuses a mask that is not both black and white).
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

module.exports = { maskColours };
