'use strict';
/**
 * Small, recognisable sample PNGs (a product on a soft background, a black-and-white mask) for the example
 * workflows and the end-to-end workflows, drawn with the sandbox's PNG encoder; deterministic, so regenerated files match.
 */
const { encodePng } = require('../sandbox/png');

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

module.exports = { encodePng, productShot, topMask };
