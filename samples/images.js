'use strict';
/**
 * Small, recognisable sample PNGs for the example workflows and the end-to-end workflows (a mug on a soft
 * background, a kettle, a potted plant, a poster with a headline, a black-and-white mask), drawn with the
 * sandbox's PNG encoder and font; deterministic, so regenerated files match.
 */
const font = require('../sandbox/font');
const { encodePng } = require('../sandbox/png');

/** The soft studio backdrop every product stands on: a light wall, a table below `floor`. */
function backdrop(y, height, floor) {
	if (y > floor) return [205, 200, 192];
	const v = 236 - Math.round((18 * y) / height);
	return [v, v, v + 4];
}

const shaded = (color, amount) => color.map((c) => Math.max(0, Math.min(255, Math.round(c * amount))));

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
		return backdrop(y, height, bottom);
	});
}

/** A kettle: a wide round body, a spout to the left, a lid with a knob and a handle arching over the top. */
function kettleShot(width, height, color = [30, 130, 130]) {
	const cx = width / 2;
	const floor = height * 0.8;
	const r = Math.min(width, height) * 0.26;
	const cy = floor - r;
	return encodePng(width, height, (x, y) => {
		const dx = x - cx;
		const dy = y - cy;
		const inBody = (dx * dx) / (r * 1.15 * r * 1.15) + (dy * dy) / (r * r) <= 1 && y <= floor;
		// The spout: a slanted band from the body's left side up and out.
		const t = (cx - r * 0.9 - x) / (r * 0.7);
		const spoutY = cy + r * 0.2 - t * r * 0.6;
		const inSpout = t >= -0.3 && t <= 1 && Math.abs(y - spoutY) <= r * (0.14 - 0.05 * t);
		const inLid = Math.abs(dx) <= r * 0.45 && y >= cy - r * 1.08 && y <= cy - r * 0.9;
		const inKnob = Math.hypot(dx, y - (cy - r * 1.15)) <= r * 0.1;
		const ring = Math.hypot(dx / 1.1, y - (cy - r * 0.75));
		const inHandle = y < cy - r * 0.75 && ring >= r * 0.62 && ring <= r * 0.74;
		if (inHandle || inKnob) return [40, 40, 44];
		if (inBody || inSpout || inLid) return shaded(color, 1 - (0.35 * (x - (cx - r))) / (2 * r + 1));
		return backdrop(y, height, floor);
	});
}

/** A potted plant: a terracotta pot, and green leaves fanning out of it. */
function plantShot(width, height) {
	const cx = width / 2;
	const floor = height * 0.85;
	const potTop = height * 0.58;
	const leaves = [-0.9, -0.45, 0, 0.45, 0.9].map((angle) => ({ angle, length: height * (0.36 - 0.06 * Math.abs(angle)) }));
	return encodePng(width, height, (x, y) => {
		const depth = (y - potTop) / (floor - potTop);
		const halfPot = width * (0.16 - 0.04 * depth);
		if (y >= potTop && y <= floor && Math.abs(x - cx) <= halfPot) return shaded([190, 95, 60], y < potTop + height * 0.04 ? 0.85 : 1);
		for (const { angle, length } of leaves) {
			// Each leaf: an ellipse along a direction from the pot's rim, 0 = straight up.
			const ux = Math.sin(angle);
			const uy = -Math.cos(angle);
			const px = x - cx;
			const py = y - potTop;
			const along = px * ux + py * uy;
			const across = -px * uy + py * ux;
			const half = length / 2;
			if (along >= 0 && ((along - half) * (along - half)) / (half * half) + (across * across) / (length * 0.14) ** 2 <= 1) {
				return Math.abs(across) < length * 0.015 ? [120, 170, 90] : shaded([50, 140, 60], 0.8 + 0.2 * (along / length));
			}
		}
		return backdrop(y, height, floor);
	});
}

/** A poster: a warm field with a sun, a headline and a line of smaller text in dark letters. */
function posterShot(width, height, headline = 'SUMMER SALE', subline = 'UP TO HALF OFF') {
	const lit = new Set();
	const write = (text, box) => {
		const { lines, scale } = font.layout(text, box.width, box.height);
		lines.forEach((line, row) => {
			const lineWidth = line.length * font.ADVANCE * scale;
			const left = Math.round(box.x + (box.width - lineWidth) / 2);
			const top = Math.round(box.y + row * font.LINE_HEIGHT * scale);
			[...line].forEach((char, column) => {
				for (const [gx, gy] of font.glyph(char)) {
					for (let y = 0; y < scale; y++) for (let x = 0; x < scale; x++) lit.add(`${left + (column * font.ADVANCE + gx) * scale + x},${top + gy * scale + y}`);
				}
			});
		});
	};
	write(headline, { x: width * 0.08, y: height * 0.5, width: width * 0.84, height: height * 0.22 });
	write(subline, { x: width * 0.2, y: height * 0.78, width: width * 0.6, height: height * 0.12 });
	return encodePng(width, height, (x, y) => {
		// The near-black ink the sandbox paints and reads back (sandbox/lettering.js), so Layerize Text finds the words.
		if (lit.has(`${x},${y}`)) return [25, 25, 30];
		if (Math.hypot(x - width / 2, y - height * 0.25) <= Math.min(width, height) * 0.16) return [250, 200, 60];
		return [240 - Math.round((40 * y) / height), 150 + Math.round((30 * y) / height), 90];
	});
}

/** Black where Ideogram should repaint (a box above the product), white elsewhere; same size as the image. */
function topMask(width, height) {
	return encodePng(width, height, (x, y) => {
		const inside = x >= width * 0.2 && x < width * 0.8 && y >= height * 0.05 && y < height * 0.3;
		return inside ? [0, 0, 0] : [255, 255, 255];
	});
}

module.exports = { encodePng, kettleShot, plantShot, posterShot, productShot, topMask };
