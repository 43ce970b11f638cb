/**
 * SVG results: recognising one by its content, and refusing one that would run or load something when
 * opened in a browser. Every pass here is linear in the document's length: indexOf, single-pass loops, and
 * regular expressions without nested or overlapping quantifiers.
 */

/** The root `<svg>` element must start within this many bytes (after any BOM) for a file to count as an SVG. */
export const SVG_ROOT_WITHIN_BYTES = 64 * 1024;

export interface SvgInfo {
	width?: number;
	height?: number;
}

/** XML whitespace (and the form feed HTML adds). */
function isSpaceCode(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c;
}

function skipSpace(text: string, from: number): number {
	let index = from;
	while (index < text.length && isSpaceCode(text.charCodeAt(index))) index++;
	return index;
}

/** A letter, `_`, `:` or any non-ASCII character: what may follow `<` to start a tag. */
function isNameStart(code: number): boolean {
	return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a || code >= 0xc0;
}

/** Ends a tag or attribute name: whitespace, `/`, `>`, `<`, `=` or a quote. */
function endsName(code: number): boolean {
	return isSpaceCode(code) || code === 0x2f || code === 0x3e || code === 0x3c || code === 0x3d || code === 0x22 || code === 0x27;
}

function nameEnd(text: string, from: number): number {
	let index = from;
	while (index < text.length && !endsName(text.charCodeAt(index))) index++;
	return index;
}

function readName(text: string, from: number): string {
	return text.slice(from, nameEnd(text, from));
}

/** Where the local part of the name in [from, to) starts: after its last `:`. */
function localStart(text: string, from: number, to: number): number {
	let start = from;
	for (let index = from; index < to; index++) if (text.charCodeAt(index) === 0x3a) start = index + 1;
	return start;
}

function localName(name: string): string {
	return name.slice(name.lastIndexOf(':') + 1).toLowerCase();
}

/** Whether text[from, to) is `word` (lower-case ASCII) in any case, without making a string. */
function isWord(text: string, from: number, to: number, word: string): boolean {
	if (to - from !== word.length) return false;
	for (let index = 0; index < word.length; index++) {
		if ((text.charCodeAt(from + index) | 0x20) !== word.charCodeAt(index)) return false;
	}
	return true;
}

function isOneOf(text: string, from: number, to: number, words: readonly string[]): boolean {
	for (const word of words) if (isWord(text, from, to, word)) return true;
	return false;
}

/** The end (after `>`) of a DOCTYPE starting at `from`, stepping over quoted strings and an internal subset. */
function doctypeEnd(text: string, from: number): number {
	let quote = 0;
	let inSubset = false;
	for (let index = from; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (quote) {
			if (code === quote) quote = 0;
		} else if (code === 0x22 || code === 0x27) quote = code;
		else if (code === 0x5b) inSubset = true;
		else if (code === 0x5d) inSubset = false;
		else if (code === 0x3e && !inSubset) return index + 1;
	}
	return text.length;
}

/** One attribute of a tag, as positions in the text (no strings are made while walking a document). */
interface AttributeSpan {
	nameStart: number;
	nameEnd: number;
	/** Where the name's local part (after any prefix) starts. */
	localStart: number;
	valueStart: number;
	valueEnd: number;
}

/**
 * Walks a start tag at `from` (a `<` followed by a name) as leniently as an HTML parser would, calling
 * `visit` for each attribute (the same span object, updated) until it returns something. Gives where scanning continues (after the `>`, or
 * at a `<` that cuts the tag short) and what `visit` returned.
 */
function walkTag<T>(text: string, from: number, visit: (attribute: AttributeSpan) => T | undefined): { end: number; found?: T } {
	let index = nameEnd(text, from + 1);
	const attribute: AttributeSpan = { nameStart: 0, nameEnd: 0, localStart: 0, valueStart: 0, valueEnd: 0 };
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (isSpaceCode(code) || code === 0x2f) {
			index++;
			continue;
		}
		if (code === 0x3e) return { end: index + 1 };
		if (code === 0x3c) return { end: index };
		const nameStart = index;
		index = nameEnd(text, index);
		if (index === nameStart) {
			index++; // a stray `=` or quote
			continue;
		}
		// One span object per tag, reused for each attribute: a large document has millions of them.
		attribute.nameStart = nameStart;
		attribute.nameEnd = index;
		attribute.localStart = localStart(text, nameStart, index);
		attribute.valueStart = attribute.valueEnd = index;
		index = skipSpace(text, index);
		if (text.charCodeAt(index) === 0x3d) {
			index = skipSpace(text, index + 1);
			const quote = text.charCodeAt(index);
			if (quote === 0x22 || quote === 0x27) {
				let close = text.indexOf(text[index], index + 1);
				if (close === -1) close = text.length;
				attribute.valueStart = index + 1;
				attribute.valueEnd = close;
				index = close + 1;
			} else {
				attribute.valueStart = index;
				while (index < text.length && !isSpaceCode(text.charCodeAt(index)) && text.charCodeAt(index) !== 0x3e) index++;
				attribute.valueEnd = index;
			}
		}
		const found = visit(attribute);
		if (found !== undefined) return { end: index, found };
	}
	return { end: text.length };
}

/** A start tag's name and attributes as strings; for the one root tag that {@link readSvgInfo} reads. */
function readTag(text: string, from: number): { name: string; attributes: Map<string, string> } {
	const attributes = new Map<string, string>();
	walkTag(text, from, (attribute) => {
		const name = text.slice(attribute.nameStart, attribute.nameEnd);
		if (!attributes.has(name)) attributes.set(name, text.slice(attribute.valueStart, attribute.valueEnd));
		return undefined;
	});
	return { name: readName(text, from + 1), attributes };
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function bomLength(data: Buffer): number {
	return data.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
}

/** Where the root element's `<` is, after the prolog (XML declaration, comments, processing instructions, DOCTYPE). */
function rootStart(text: string): number | undefined {
	let index = 0;
	for (;;) {
		index = skipSpace(text, index);
		if (text.startsWith('<?', index)) {
			const end = text.indexOf('?>', index + 2);
			if (end === -1) return undefined;
			index = end + 2;
		} else if (text.startsWith('<!--', index)) {
			const end = text.indexOf('-->', index + 4);
			if (end === -1) return undefined;
			index = end + 3;
		} else if (text.slice(index, index + 9).toUpperCase() === '<!DOCTYPE') {
			index = doctypeEnd(text, index + 9);
		} else if (text[index] === '<' && isNameStart(text.charCodeAt(index + 1))) {
			return index;
		} else {
			return undefined;
		}
	}
}

const LENGTH_UNITS: Record<string, number> = { '': 1, px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, pt: 4 / 3, pc: 16 };

/** An absolute length in CSS pixels; percentages, font-relative units and anything unparsable give undefined. */
function parseLength(value: string | undefined): number | undefined {
	if (value === undefined || value.length > 64) return undefined;
	const match = /^\s*\+?(\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?\s*([a-z]*)\s*$/i.exec(value);
	if (!match) return undefined;
	const factor = LENGTH_UNITS[match[2].toLowerCase()];
	const number = parseFloat(value.trim().replace(/^\+/, '')) * (factor ?? NaN);
	return Number.isFinite(number) && number > 0 ? number : undefined;
}

function parseViewBox(value: string | undefined): { width: number; height: number } | undefined {
	if (value === undefined || value.length > 256) return undefined;
	const numbers = value.trim().split(/[\s,]+/).map(Number);
	if (numbers.length !== 4 || !numbers.every(Number.isFinite)) return undefined;
	const [, , width, height] = numbers;
	return width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * Recognises an SVG document by its content: an optional UTF-8 BOM, then a prolog (XML declaration,
 * comments, processing instructions, a DOCTYPE) and an `<svg>` root element (any namespace prefix) starting
 * within the first {@link SVG_ROOT_WITHIN_BYTES} bytes. Gives its size in CSS pixels from the root's
 * `width`/`height` (absolute units converted) or, where they are missing or relative, from its `viewBox`
 * (keeping the aspect ratio when only one of them is given); `{}` when the SVG states no size. Anything else
 * (HTML, XML with another root, UTF-16 text, a raster image) gives undefined. Only reads that prefix.
 */
export function readSvgInfo(data: Buffer): SvgInfo | undefined {
	const start = bomLength(data);
	const text = data.toString('utf8', start, Math.min(data.length, start + SVG_ROOT_WITHIN_BYTES));
	const root = rootStart(text);
	if (root === undefined) return undefined;
	const tag = readTag(text, root);
	if (localName(tag.name) !== 'svg' || tag.name.length > 64) return undefined;
	const attribute = (name: string) => tag.attributes.get(name);
	let width = parseLength(attribute('width'));
	let height = parseLength(attribute('height'));
	const viewBox = parseViewBox(attribute('viewBox'));
	if (viewBox) {
		if (width === undefined && height === undefined) ({ width, height } = viewBox);
		else if (width === undefined && height !== undefined) width = (height * viewBox.width) / viewBox.height;
		else if (height === undefined && width !== undefined) height = (width * viewBox.height) / viewBox.width;
	}
	return { ...(width !== undefined ? { width } : {}), ...(height !== undefined ? { height } : {}) };
}

/**
 * Whether an SVG's bytes run to the end of its root element: the last markup is the root's end tag
 * (`</svg>`, any prefix) or a self-closed root, followed by nothing but whitespace and comments. Reads the
 * last 4 KiB only.
 */
export function isSvgComplete(data: Buffer): boolean {
	let text = data.toString('utf8', Math.max(0, data.length - 4096)).trimEnd();
	while (text.endsWith('-->')) {
		const open = text.lastIndexOf('<!--');
		if (open === -1) return false;
		text = text.slice(0, open).trimEnd();
	}
	if (!text.endsWith('>')) return false;
	const open = text.lastIndexOf('<');
	if (open === -1) return false;
	if (text[open + 1] === '/') return localName(readName(text, open + 2)) === 'svg';
	// A root with no content: `<svg …/>` is the whole document.
	return text.endsWith('/>') && localName(readName(text, open + 1)) === 'svg' && rootStart(text) === open;
}

// ---------------------------------------------------------------------------------------------------------
// Active content
// ---------------------------------------------------------------------------------------------------------

/** Elements that run script, embed other documents or pull in HTML, by local name (any namespace prefix). */
const ACTIVE_ELEMENTS = [
	'script',
	'foreignobject',
	'iframe',
	'frame',
	'frameset',
	'embed',
	'object',
	'applet',
	'handler', // SVG Tiny 1.2 event handler
	'listener', // XML Events
	'include', // XInclude
	'meta',
	'base',
	'link',
	'form',
	'portal',
] as const;

/** Attributes (by local name) whose value is a URL the browser loads or follows. */
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'background', 'poster', 'codebase', 'lowsrc', 'dynsrc', 'ping', 'base'] as const;

/** Character encodings in which ASCII reads as ASCII, so the checks below see what a browser sees. */
const ASCII_ENCODINGS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii', 'iso-8859-1', 'latin1', 'windows-1252']);

/** Checked on the first 32 bytes after a URL starts, lower-cased and without whitespace. */
const EMBEDDED_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/;

const SCRIPT_SCHEMES = ['javascript:', 'vbscript:', 'livescript:', 'data:text/html', 'data:application/xhtml', 'data:text/xml', 'data:application/xml'];

/** CSS that loads or runs something without a `url(…)`. */
const CSS_PROBLEMS: Array<[string, string]> = [
	['@import', 'a CSS @import'],
	['expression(', 'a CSS expression()'],
	['image-set(', 'a CSS image-set(), which can load external images'],
	['-moz-binding', 'a CSS -moz-binding'],
	['behavior:', 'a CSS behavior'],
];

/** Character references decoded for the checks: the XML ones and those used to split a URL scheme. */
const NAMED_ENTITIES: Record<string, string> = {
	lt: '<',
	gt: '>',
	amp: '&',
	quot: '"',
	apos: "'",
	colon: ':',
	tab: '\t',
	newline: '\n',
	lpar: '(',
	rpar: ')',
	sol: '/',
	bsol: '\\',
	num: '#',
	period: '.',
	comma: ',',
	semi: ';',
	equals: '=',
	commat: '@',
	nbsp: '\u00a0',
};

/** Shows at most 100 characters of a found value, without control characters. */
function shown(value: string): string {
	const clean = value.replace(/[^ -~\u0080-\uffff]/g, '');
	return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

function isHexDigit(code: number): boolean {
	return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66);
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

function isAsciiLetter(code: number): boolean {
	return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
}

/**
 * Writes a code point as UTF-8 at `at` and gives the new end. Every encoding this replaces is at least as
 * long as its result, so the output never outgrows the input. NUL, surrogates and anything out of range
 * become `?`.
 */
function writeCodePoint(out: Buffer, at: number, code: number): number {
	if (code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return out.write('?', at, 'latin1') + at;
	return at + out.write(String.fromCodePoint(code), at, 'utf8');
}

/**
 * Reads hex (`radix` 16) or decimal digits from `from`. A CSS escape takes at most `limit` digits (`consumeAll`
 * false); a character reference takes them all, and more than `limit` reads as out of range.
 */
function readNumber(bytes: Buffer, from: number, radix: 10 | 16, limit: number, consumeAll: boolean): { end: number; value: number } {
	let index = from;
	let value = 0;
	while (index < bytes.length && (radix === 16 ? isHexDigit(bytes[index]) : isDigit(bytes[index]))) {
		if (index - from >= limit) {
			if (!consumeAll) break;
			value = Infinity;
		} else value = value * radix + parseInt(String.fromCharCode(bytes[index]), radix);
		index++;
	}
	return { end: index, value };
}

/**
 * Decodes character references as an HTML parser would (numeric ones with or without `;`, and the named ones
 * used to split a URL scheme: `&colon;`, `&Tab;`, `&NewLine;`…), so `&#106;avascript:` reads as `javascript:`.
 */
function decodeReferences(bytes: Buffer): Buffer {
	const out = Buffer.allocUnsafe(bytes.length);
	let at = 0;
	let index = 0;
	while (index < bytes.length) {
		const amp = bytes.indexOf(0x26, index);
		const copyEnd = amp === -1 ? bytes.length : amp;
		at += bytes.copy(out, at, index, copyEnd);
		if (amp === -1) break;
		index = amp + 1;
		let decoded: number | string | undefined;
		if (bytes[index] === 0x23) {
			const hex = (bytes[index + 1] | 0x20) === 0x78;
			const number = readNumber(bytes, index + (hex ? 2 : 1), hex ? 16 : 10, 8, true);
			if (number.end > index + (hex ? 2 : 1)) {
				decoded = number.value;
				index = number.end;
			}
		} else {
			let end = index;
			while (end < bytes.length && end - index < 16 && isAsciiLetter(bytes[end])) end++;
			const named = NAMED_ENTITIES[bytes.toString('latin1', index, end).toLowerCase()];
			if (named !== undefined) {
				decoded = named;
				index = end;
			}
		}
		if (decoded === undefined) {
			out[at++] = 0x26;
			continue;
		}
		if (bytes[index] === 0x3b) index++;
		at = typeof decoded === 'number' ? writeCodePoint(out, at, decoded) : at + out.write(decoded, at, 'utf8');
	}
	return out.subarray(0, at);
}

/**
 * The document as the value checks read it: character references and CSS escapes (`\6a`, `\j`, a backslash
 * before a newline) decoded, whitespace and control characters removed (browsers strip them from URLs, and
 * they split a scheme); `lower` is the same with ASCII letters lower-cased. Works on bytes, in two passes.
 */
function normalise(data: Buffer): { bytes: Buffer; lower: Buffer } {
	const decoded = data.includes(0x26) ? decodeReferences(data) : data;
	const bytes = Buffer.allocUnsafe(decoded.length);
	const lower = Buffer.allocUnsafe(decoded.length);
	let kept = 0;
	const keep = (code: number) => {
		if (code <= 0x20 || code === 0x7f) return;
		bytes[kept] = code;
		lower[kept++] = code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
	};
	for (let index = 0; index < decoded.length; ) {
		const code = decoded[index++];
		if (code !== 0x5c) {
			if (code > 0x20 && code !== 0x7f) {
				bytes[kept] = code;
				lower[kept++] = code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
			}
			continue;
		}
		if (index >= decoded.length) break;
		if (!isHexDigit(decoded[index])) {
			keep(decoded[index++]); // `\j` is `j`; a backslash before a newline leaves only whitespace, removed here
			continue;
		}
		const number = readNumber(decoded, index, 16, 6, false);
		index = number.end;
		if (isSpaceCode(decoded[index])) index += decoded[index] === 0x0d && decoded[index + 1] === 0x0a ? 2 : 1;
		const end = writeCodePoint(bytes, kept, number.value);
		for (let at = kept; at < end; at++) keep(bytes[at]);
	}
	return { bytes: bytes.subarray(0, kept), lower: lower.subarray(0, kept) };
}

/** What a URL attribute's value would do, or undefined for a same-document fragment or an embedded image. */
function referenceProblem(value: string, isUse: boolean): string | undefined {
	const { bytes, lower } = normalise(Buffer.from(value, 'utf8'));
	const url = bytes.toString('utf8');
	const head = lower.toString('latin1', 0, 32);
	const scheme = SCRIPT_SCHEMES.find((prefix) => head.startsWith(prefix));
	if (scheme) return `a ${scheme} link`;
	if (url === '' || url.startsWith('#')) return undefined;
	if (isUse) return `a <use> element pointing outside the document (${shown(url)})`;
	if (EMBEDDED_IMAGE.test(head)) return undefined;
	if (head.startsWith('data:')) return `an embedded data: URL that is not a PNG, JPEG, GIF or WebP image (${shown(url.slice(0, 40))})`;
	return `an external reference to ${shown(url)}`;
}

function encodingProblem(data: Buffer): string | undefined {
	if (data.indexOf(0) !== -1) return 'a NUL byte (an SVG must be UTF-8 text)';
	if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) return 'UTF-16 text (only UTF-8 is checked)';
	const start = bomLength(data);
	const head = data.toString('latin1', start, start + 1024);
	if (!head.startsWith('<?xml')) return undefined;
	const close = head.indexOf('?>');
	const encoding = /\sencoding\s*=\s*["']([^"']*)["']/i.exec(close === -1 ? head : head.slice(0, close))?.[1];
	if (encoding !== undefined && !ASCII_ENCODINGS.has(encoding.trim().toLowerCase())) return `the character encoding ${shown(encoding)} (only UTF-8 is checked)`;
	return undefined;
}

/**
 * Looks at every `<` in the document, inside comments and CDATA sections too, so a parser that reads the
 * document differently (an HTML parser, say) finds nothing this pass did not see.
 */
function markupProblem(text: string): string | undefined {
	const declarationAt = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	for (let index = text.indexOf('<'); index !== -1; index = text.indexOf('<', index + 1)) {
		const next = text.charCodeAt(index + 1);
		if (next === 0x21) {
			if (text.startsWith('<!--', index)) {
				const end = text.indexOf('-->', index + 4);
				if (end === -1) return 'an unterminated comment';
				// `--` is not allowed in an XML comment, and an HTML parser ends a comment at `--!>` or `<!-->`.
				const body = text.slice(index + 4, end);
				if (body.includes('--') || body.startsWith('>') || body.startsWith('->') || body.endsWith('-')) return 'a malformed comment';
				continue;
			}
			if (text.startsWith('<![CDATA[', index)) continue;
			const keywordEnd = nameEnd(text, index + 2);
			if (isWord(text, index + 2, keywordEnd, 'doctype')) continue;
			if (isWord(text, index + 2, keywordEnd, 'entity')) return 'an entity declaration (<!ENTITY), which can expand without bound';
			return keywordEnd > index + 2 ? `a <!${shown(text.slice(index + 2, keywordEnd))}> declaration` : 'malformed markup (<! without a declaration)';
		}
		if (next === 0x3f) {
			const target = readName(text, index + 2);
			if (index === declarationAt && target === 'xml') continue;
			return `a processing instruction <?${shown(target)}`;
		}
		if (!isNameStart(next)) continue;
		const end = nameEnd(text, index + 1);
		if (isOneOf(text, localStart(text, index + 1, end), end, ACTIVE_ELEMENTS)) return `a <${shown(text.slice(index + 1, end))}> element`;
	}
	return undefined;
}

/** The problem with one attribute of an element, if any. */
function attributeProblemAt(text: string, isUse: boolean, attribute: AttributeSpan): string | undefined {
	const { localStart: from, nameEnd: to } = attribute;
	const name = () => text.slice(attribute.nameStart, attribute.nameEnd);
	const value = () => text.slice(attribute.valueStart, attribute.valueEnd);
	if (to - from > 2 && (text.charCodeAt(from) | 0x20) === 0x6f && (text.charCodeAt(from + 1) | 0x20) === 0x6e) return `the event-handler attribute ${shown(name())}`;
	if (isOneOf(text, from, to, URL_ATTRIBUTES)) return referenceProblem(value(), isUse);
	if (isWord(text, from, to, 'attributename')) {
		const animated = localName(value().trim());
		if (animated.startsWith('on') || (URL_ATTRIBUTES as readonly string[]).includes(animated)) return `an animation of the attribute ${shown(value().trim())}`;
	}
	return undefined;
}

/** Walks the tags as an XML parser reads them and checks each attribute. */
function attributeProblem(text: string): string | undefined {
	let isUse = false;
	const check = (attribute: AttributeSpan) => attributeProblemAt(text, isUse, attribute);
	let index = text.indexOf('<');
	while (index !== -1) {
		let next: number;
		if (text.startsWith('<!--', index)) next = text.indexOf('-->', index + 4) + 3;
		else if (text.startsWith('<![CDATA[', index)) next = text.indexOf(']]>', index + 9) + 3;
		else if (text.startsWith('<!', index)) next = doctypeEnd(text, index + 2);
		else if (text.startsWith('<?', index)) next = text.indexOf('?>', index + 2) + 2;
		else if (text.startsWith('</', index)) next = text.indexOf('>', index + 2) + 1;
		else if (isNameStart(text.charCodeAt(index + 1))) {
			const end = nameEnd(text, index + 1);
			isUse = isWord(text, localStart(text, index + 1, end), end, 'use');
			const tag = walkTag(text, index, check);
			if (tag.found) return tag.found;
			next = Math.max(tag.end, index + 1);
		} else next = index + 1;
		// An unterminated comment, section or instruction runs to the end.
		if (next <= index) return undefined;
		index = text.indexOf('<', next);
	}
	return undefined;
}

/** `on…=` anywhere a parser could take it for an attribute: after whitespace, a quote, `/` or a prefix's `:`. */
const EVENT_ATTRIBUTE = /(?:^|[\s"'/:])(on[a-z]+)\s*=/i;

/** Each `url(` (and CSS `src(`) must point at a fragment or an embedded image. */
function urlFunctionProblem(bytes: Buffer, lower: Buffer): string | undefined {
	for (const opener of ['url(', 'src(']) {
		for (let index = lower.indexOf(opener); index !== -1; index = lower.indexOf(opener, index + 1)) {
			let start = index + opener.length;
			if (lower[start] === 0x22 || lower[start] === 0x27) start++;
			if (lower[start] === 0x23) continue; // #fragment
			// The first bytes decide; only a refused target is read further, for the message.
			const head = lower.toString('latin1', start, start + 32);
			const scheme = SCRIPT_SCHEMES.find((prefix) => head.startsWith(prefix));
			if (scheme) return `a ${scheme} link`;
			if (head.startsWith('#') || EMBEDDED_IMAGE.test(head)) continue;
			const target = bytes.toString('utf8', start, start + 200);
			const end = target.search(/[)"']/);
			return `an external reference to ${shown(end === -1 ? target : target.slice(0, end)) || '(an empty URL)'}`;
		}
	}
	return undefined;
}

/** Whatever the structure, values are checked again on the decoded document with whitespace removed. */
function valueProblem(data: Buffer, text: string): string | undefined {
	const event = EVENT_ATTRIBUTE.exec(text);
	if (event) return `the event-handler attribute ${shown(event[1])}`;
	const { bytes, lower } = normalise(data);
	for (const scheme of SCRIPT_SCHEMES) if (lower.includes(scheme)) return `a ${scheme} link`;
	for (const [needle, problem] of CSS_PROBLEMS) if (lower.includes(needle)) return problem;
	if (lower.includes('http://www.w3.org/1999/xhtml')) return 'XHTML content (the XHTML namespace)';
	const urlProblem = urlFunctionProblem(bytes, lower);
	if (urlProblem) return urlProblem;
	for (let index = lower.indexOf('data:'); index !== -1; index = lower.indexOf('data:', index + 1)) {
		// `metadata:` is not a data: URL; a scheme starts after a character that cannot be part of one.
		const before = index > 0 ? lower[index - 1] : 0;
		if (isAsciiLetter(before) || isDigit(before) || before === 0x2b || before === 0x2d || before === 0x2e) continue;
		if (!EMBEDDED_IMAGE.test(lower.toString('latin1', index, index + 32))) {
			return `an embedded data: URL that is not a PNG, JPEG, GIF or WebP image (${shown(bytes.toString('utf8', index, index + 40))})`;
		}
	}
	return undefined;
}

/**
 * The first active content found in an SVG, described for an error message (`a <script> element`, `the
 * event-handler attribute onload`, `a javascript: link`, `an external reference to https://…`), or
 * undefined when the SVG is safe to open in a browser. Errs on the side of refusing: scripts and
 * script-running elements (any case or namespace prefix), event-handler attributes, `javascript:`-like
 * URLs however encoded (character references, CSS escapes, split by whitespace), references to anything
 * but a same-document `#fragment` or an embedded PNG/JPEG/GIF/WebP (attributes, `url(…)`, `@import`),
 * DTD declarations (entity expansion), processing instructions such as `<?xml-stylesheet`, comments an
 * HTML parser would end early, and text that is not UTF-8 (or an ASCII-compatible encoding). Linear in the
 * document's length; the caller bounds that.
 */
export function activeSvgContent(data: Buffer): string | undefined {
	const encoding = encodingProblem(data);
	if (encoding) return encoding;
	const text = data.toString('utf8');
	return markupProblem(text) ?? attributeProblem(text) ?? valueProblem(data, text);
}
