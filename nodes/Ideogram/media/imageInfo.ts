import { isSvgComplete, readSvgInfo } from './svg';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageInfo {
	format: ImageFormat;
	mimeType: string;
	extension: string;
	width: number;
	height: number;
}

const MIME_TYPES: Record<ImageFormat, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
};

const EXTENSIONS: Record<ImageFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

function info(format: ImageFormat, width: number, height: number): ImageInfo | null {
	if (!(width > 0 && height > 0)) return null;
	return { format, mimeType: MIME_TYPES[format], extension: EXTENSIONS[format], width, height };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function readPng(bytes: Buffer): ImageInfo | null {
	// The IHDR chunk always comes first: length (4), type (4), then width and height.
	if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
	return info('png', bytes.readUInt32BE(16), bytes.readUInt32BE(20));
}

// Start-of-frame markers carry the dimensions; C4 (Huffman tables), C8 (reserved) and CC
// (arithmetic coding conditioning) share the range but are not frames.
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readJpeg(bytes: Buffer): ImageInfo | null {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) return null;
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset += 1; // fill byte
			continue;
		}
		// Markers without a length field.
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) return null; // end of image or start of scan before any frame
		const length = bytes.readUInt16BE(offset + 2);
		if (isStartOfFrame(marker)) {
			if (offset + 9 > bytes.length) return null;
			return info('jpeg', bytes.readUInt16BE(offset + 7), bytes.readUInt16BE(offset + 5));
		}
		offset += 2 + length;
	}
	return null;
}

function readWebp(bytes: Buffer): ImageInfo | null {
	const chunk = bytes.toString('latin1', 12, 16);
	if (chunk === 'VP8X' && bytes.length >= 30) {
		return info('webp', bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1);
	}
	if (chunk === 'VP8L' && bytes.length >= 25 && bytes[20] === 0x2f) {
		const bits = bytes.readUInt32LE(21);
		return info('webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
	}
	// Lossy: a key frame starts with the start code 9D 01 2A, then 14-bit width and height.
	if (chunk === 'VP8 ' && bytes.length >= 30 && bytes.readUIntBE(23, 3) === 0x9d012a) {
		return info('webp', bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
	}
	return null;
}

/**
 * Reads an image's format and size from its first bytes. Only the formats Ideogram accepts (PNG, JPEG,
 * WebP) are recognised; anything else, including a file whose header is cut short, gives null. The bytes
 * decide, never a claimed MIME type or file name.
 */
export function readImageInfo(bytes: Buffer): ImageInfo | null {
	if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return readPng(bytes);
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpeg(bytes);
	if (bytes.length >= 16 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
		return readWebp(bytes);
	}
	return null;
}

function pngIsComplete(bytes: Buffer): boolean {
	// Chunks follow the signature: length (4), type (4), data, CRC (4); the image ends with its IEND chunk.
	let offset = 8;
	while (offset + 12 <= bytes.length) {
		const end = offset + 12 + bytes.readUInt32BE(offset);
		if (bytes.toString('latin1', offset + 4, offset + 8) === 'IEND') return end <= bytes.length;
		offset = end;
	}
	return false;
}

/** Markers that stand alone, without a length: TEM and the restart markers RST0–RST7. */
function isStandaloneMarker(marker: number): boolean {
	return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

function jpegIsComplete(bytes: Buffer): boolean {
	// Segments carry their length; after each start of scan (several in a progressive JPEG) the compressed
	// data runs until the next marker that is not a stuffed 0xFF00 or a restart marker.
	let offset = 2;
	while (offset + 2 <= bytes.length) {
		if (bytes[offset] !== 0xff) return false;
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (marker === 0xd9) return true;
		if (isStandaloneMarker(marker)) {
			offset += 2;
			continue;
		}
		if (offset + 4 > bytes.length) return false;
		offset += 2 + bytes.readUInt16BE(offset + 2);
		if (marker !== 0xda) continue;
		for (;;) {
			offset = bytes.indexOf(0xff, offset);
			if (offset === -1 || offset + 1 >= bytes.length) return false;
			const next = bytes[offset + 1];
			if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) offset += next === 0xff ? 1 : 2;
			else break;
		}
	}
	return false;
}

function webpIsComplete(bytes: Buffer): boolean {
	// The RIFF header's size counts every byte after its first 8.
	return bytes.length >= 8 + bytes.readUInt32LE(4);
}

/**
 * Whether an image's bytes run to its format's end: a PNG's IEND chunk, a JPEG's end-of-image marker
 * (reached by walking its segments and scans, so an EOI inside an EXIF thumbnail does not count), a WebP's
 * RIFF size. A file cut off in transfer or storage fails this; bytes after the end (padding, a phone's
 * appended motion-photo video) are allowed. Cheap: one pass over the bytes without decoding anything.
 */
export function isImageComplete(bytes: Buffer, format: ImageFormat): boolean {
	if (format === 'png') return pngIsComplete(bytes);
	if (format === 'jpeg') return jpegIsComplete(bytes);
	return bytes.length >= 12 && webpIsComplete(bytes);
}

/** A result file read as an SVG: its size in CSS pixels when the SVG states one (not always a whole number). */
export interface SvgResultInfo {
	format: 'svg';
	mimeType: 'image/svg+xml';
	extension: 'svg';
	width?: number;
	height?: number;
}

/** What a downloaded result can be: an image as the inputs are, or (from the Vectors endpoints) an SVG. */
export type ResultInfo = ImageInfo | SvgResultInfo;

/**
 * Reads a downloaded result's format: a PNG, JPEG or WebP image as {@link readImageInfo} reads it, or else an
 * SVG recognised by its content (see `readSvgInfo`). For results only: input images still go through
 * `readImageInfo`, which refuses SVG. Recognising an SVG says nothing about its safety; check that with
 * `activeSvgContent` before handing it on.
 */
export function readResultInfo(bytes: Buffer): ResultInfo | null {
	const image = readImageInfo(bytes);
	if (image) return image;
	const svg = readSvgInfo(bytes);
	if (!svg) return null;
	return { format: 'svg', mimeType: 'image/svg+xml', extension: 'svg', ...svg };
}

/** Whether a result's bytes run to its format's end: {@link isImageComplete} for images, the root's end tag for an SVG. */
export function isResultComplete(bytes: Buffer, info: ResultInfo): boolean {
	return info.format === 'svg' ? isSvgComplete(bytes) : isImageComplete(bytes, info.format);
}
