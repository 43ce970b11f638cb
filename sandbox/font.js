'use strict';
// A 5×7 bitmap font (capitals, digits, common punctuation) for the sandbox's pictures: prompts drawn as
// words, so a result says what was asked. Lower case is drawn as capitals; other characters as a box.
const ROWS = {
	A: '.###. #...# #...# ##### #...# #...# #...#',
	B: '####. #...# #...# ####. #...# #...# ####.',
	C: '.###. #...# #.... #.... #.... #...# .###.',
	D: '####. #...# #...# #...# #...# #...# ####.',
	E: '##### #.... #.... ####. #.... #.... #####',
	F: '##### #.... #.... ####. #.... #.... #....',
	G: '.###. #...# #.... #.### #...# #...# .####',
	H: '#...# #...# #...# ##### #...# #...# #...#',
	I: '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
	J: '..### ...#. ...#. ...#. ...#. #..#. .##..',
	K: '#...# #..#. #.#.. ##... #.#.. #..#. #...#',
	L: '#.... #.... #.... #.... #.... #.... #####',
	M: '#...# ##.## #.#.# #.#.# #...# #...# #...#',
	N: '#...# #...# ##..# #.#.# #..## #...# #...#',
	O: '.###. #...# #...# #...# #...# #...# .###.',
	P: '####. #...# #...# ####. #.... #.... #....',
	Q: '.###. #...# #...# #...# #.#.# #..#. .##.#',
	R: '####. #...# #...# ####. #.#.. #..#. #...#',
	S: '.#### #.... #.... .###. ....# ....# ####.',
	T: '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..',
	U: '#...# #...# #...# #...# #...# #...# .###.',
	V: '#...# #...# #...# #...# #...# .#.#. ..#..',
	W: '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
	X: '#...# #...# .#.#. ..#.. .#.#. #...# #...#',
	Y: '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
	Z: '##### ....# ...#. ..#.. .#... #.... #####',
	0: '.###. #...# #..## #.#.# ##..# #...# .###.',
	1: '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
	2: '.###. #...# ....# ...#. ..#.. .#... #####',
	3: '####. ....# ....# .###. ....# ....# ####.',
	4: '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
	5: '##### #.... ####. ....# ....# #...# .###.',
	6: '..##. .#... #.... ####. #...# #...# .###.',
	7: '##### ....# ...#. ..#.. .#... .#... .#...',
	8: '.###. #...# #...# .###. #...# #...# .###.',
	9: '.###. #...# #...# .#### ....# ...#. .##..',
	'.': '..... ..... ..... ..... ..... .##.. .##..',
	',': '..... ..... ..... ..... .##.. ..#.. .#...',
	'!': '..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..',
	'?': '.###. #...# ....# ...#. ..#.. ..... ..#..',
	'-': '..... ..... ..... ##### ..... ..... .....',
	"'": '..#.. ..#.. .#... ..... ..... ..... .....',
	':': '..... .##.. .##.. ..... .##.. .##.. .....',
	'&': '.##.. #..#. #.#.. .#... #.#.# #..#. .##.#',
	'/': '....# ...#. ...#. ..#.. .#... .#... #....',
	' ': '..... ..... ..... ..... ..... ..... .....',
	'\u25a1': '##### #...# #...# #...# #...# #...# #####',
};
const GLYPH_WIDTH = 5;
const GLYPH_HEIGHT = 7;
const ADVANCE = 6;
const LINE_HEIGHT = 9;

/** [x, y] of every lit pixel of the character, in glyph units. */
const GLYPHS = Object.fromEntries(
	Object.entries(ROWS).map(([char, rows]) => [
		char,
		rows.split(' ').flatMap((row, y) => [...row].flatMap((cell, x) => (cell === '#' ? [[x, y]] : []))),
	]),
);

function glyph(char) {
	return GLYPHS[char.toUpperCase()] ?? GLYPHS['\u25a1'];
}

/** Breaks `text` into lines of at most `columns` characters at spaces (a longer word is cut). */
function wrap(text, columns) {
	const lines = [];
	let line = '';
	for (let word of text.split(/\s+/).filter(Boolean)) {
		while (word.length > columns) {
			if (line) lines.push(line);
			line = '';
			lines.push(word.slice(0, columns));
			word = word.slice(columns);
		}
		if (!word) continue;
		if (line && line.length + 1 + word.length > columns) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * The largest layout of `text` that fits a box: { lines, scale } where each glyph pixel is scale × scale
 * and the block is at most `width` × `height`. Scale 0 when even one pixel per glyph pixel does not fit.
 */
function layout(text, width, height) {
	const longest = Math.max(1, ...text.split(/\s+/).map((word) => word.length));
	let best = { lines: wrap(text, text.length || 1), scale: 0 };
	for (let columns = Math.min(longest, text.length || 1); columns <= Math.max(text.length, 1); columns++) {
		const lines = wrap(text, columns);
		const widest = Math.max(...lines.map((line) => line.length));
		const scale = Math.floor(Math.min(width / (widest * ADVANCE), height / (lines.length * LINE_HEIGHT)));
		// On a tie, the wider layout: fewer lines read better.
		if (scale >= best.scale) best = { lines, scale };
	}
	return best;
}

module.exports = { glyph, wrap, layout, GLYPH_WIDTH, GLYPH_HEIGHT, ADVANCE, LINE_HEIGHT };
