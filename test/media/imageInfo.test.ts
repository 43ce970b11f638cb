import { isImageComplete, isResultComplete, readImageInfo, readResultInfo } from '../../nodes/Ideogram/media/imageInfo';
import { makeJpegHeader, makePng, makeWebp } from '../support/fixtures';

function pngHeader(width: number, height: number): Buffer {
	const ihdr = Buffer.alloc(25);
	ihdr.writeUInt32BE(13, 0);
	ihdr.write('IHDR', 4, 'latin1');
	ihdr.writeUInt32BE(width, 8);
	ihdr.writeUInt32BE(height, 12);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}

// A JPEG whose frame header comes after an EXIF segment and a quantisation table, as cameras write them.
function jpegWithSegments(width: number, height: number, frameMarker = 0xc2): Buffer {
	const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 0x10]), Buffer.alloc(14, 0x45)]);
	const dqt = Buffer.concat([Buffer.from([0xff, 0xdb, 0x00, 0x05]), Buffer.alloc(3)]);
	const sof = Buffer.from([0xff, frameMarker, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03]);
	return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, dqt, sof, Buffer.alloc(12)]);
}

function webpLossy(width: number, height: number): Buffer {
	const bytes = Buffer.alloc(30);
	bytes.write('RIFF', 0, 'latin1');
	bytes.writeUInt32LE(22, 4);
	bytes.write('WEBPVP8 ', 8, 'latin1');
	bytes.writeUInt32LE(10, 16);
	bytes.set([0x9d, 0x01, 0x2a], 23);
	bytes.writeUInt16LE(width, 26);
	bytes.writeUInt16LE(height, 28);
	return bytes;
}

function webpLossless(width: number, height: number): Buffer {
	const bytes = Buffer.alloc(25);
	bytes.write('RIFF', 0, 'latin1');
	bytes.write('WEBPVP8L', 8, 'latin1');
	bytes[20] = 0x2f;
	bytes.writeUInt32LE((width - 1) | ((height - 1) << 14), 21);
	return bytes;
}

describe('readImageInfo', () => {
	it.each([
		['PNG header', pngHeader(1024, 768), 'png', 'image/png', 1024, 768],
		['real PNG', makePng(33, 17), 'png', 'image/png', 33, 17],
		['JPEG (baseline, minimal)', makeJpegHeader(640, 480), 'jpeg', 'image/jpeg', 640, 480],
		['JPEG (progressive after EXIF and DQT)', jpegWithSegments(4032, 3024), 'jpeg', 'image/jpeg', 4032, 3024],
		['WebP lossy', webpLossy(800, 600), 'webp', 'image/webp', 800, 600],
		['WebP lossless', webpLossless(300, 200), 'webp', 'image/webp', 300, 200],
		['WebP extended (sandbox)', makeWebp(1500, 1000), 'webp', 'image/webp', 1500, 1000],
	])('%s', (_name, bytes, format, mimeType, width, height) => {
		expect(readImageInfo(bytes)).toMatchObject({ format, mimeType, width, height });
	});

	it.each([
		['empty', Buffer.alloc(0)],
		['text claiming to be an image', Buffer.from('<html><body>404</body></html>')],
		['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
		['PNG cut before its size', pngHeader(10, 10).subarray(0, 20)],
		['PNG with a zero width', pngHeader(0, 10)],
		['JPEG with no frame before the scan', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0x00])],
		['JPEG that ends after its first marker', Buffer.from([0xff, 0xd8, 0xff])],
		['RIFF that is not WebP', Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt ', 'latin1')],
	])('rejects %s', (_name, bytes) => {
		expect(readImageInfo(bytes)).toBeNull();
	});

	it('does not treat the Huffman-table marker C4 as a frame', () => {
		expect(readImageInfo(jpegWithSegments(100, 50, 0xc4))).toBeNull();
	});
});

// SOI, an EXIF segment whose thumbnail holds its own end-of-image marker, a frame header, then one scan
// (or two, with a Huffman table between them, as in a progressive JPEG) whose data holds a stuffed 0xFF00
// and a restart marker, then EOI.
function jpegWithScans(scans = 1): Buffer {
	const thumbnail = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
	const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 2 + 6 + thumbnail.length]), Buffer.from('Exif\0\0', 'latin1'), thumbnail]);
	const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00]);
	const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
	const data = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]);
	const dht = Buffer.from([0xff, 0xc4, 0x00, 0x04, 0x00, 0x00]);
	const parts = [Buffer.from([0xff, 0xd8]), app1, sof, sos, data];
	for (let scan = 1; scan < scans; scan++) parts.push(dht, sos, data);
	return Buffer.concat([...parts, Buffer.from([0xff, 0xd9])]);
}

describe('isImageComplete', () => {
	const png = makePng(40, 30);
	const jpeg = jpegWithScans();
	const webp = makeWebp(40, 30);

	it.each([
		['a whole PNG', png, 'png'],
		['a PNG with bytes after IEND', Buffer.concat([png, Buffer.alloc(16)]), 'png'],
		['a JPEG with one scan', jpeg, 'jpeg'],
		['a progressive JPEG (two scans, a table between)', jpegWithScans(2), 'jpeg'],
		['a JPEG without scans (header, then EOI)', makeJpegHeader(10, 10), 'jpeg'],
		['a JPEG followed by zero padding', Buffer.concat([jpeg, Buffer.alloc(64)]), 'jpeg'],
		['a JPEG with a video appended (motion photo)', Buffer.concat([jpeg, Buffer.from('\0\0\0\x18ftypmp42', 'latin1'), Buffer.alloc(100, 7)]), 'jpeg'],
		['a whole WebP', webp, 'webp'],
		['a WebP with bytes after it', Buffer.concat([webp, Buffer.alloc(1)]), 'webp'],
	] as const)('accepts %s', (_name, bytes, format) => {
		expect(isImageComplete(bytes, format)).toBe(true);
	});

	it.each([
		['a PNG cut right after its header', png.subarray(0, 33), 'png'],
		['a PNG cut inside its image data', png.subarray(0, png.length - 20), 'png'],
		['a PNG missing the last byte of IEND', png.subarray(0, png.length - 1), 'png'],
		['a PNG with an absurd chunk length', Buffer.concat([png.subarray(0, 33), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from('IDAT', 'latin1')]), 'png'],
		['a JPEG cut inside its scan', jpeg.subarray(0, jpeg.length - 4), 'jpeg'],
		['a JPEG cut before its EOI', jpeg.subarray(0, jpeg.length - 2), 'jpeg'],
		['a JPEG cut right after its EXIF segment (whose thumbnail ends with FFD9)', jpeg.subarray(0, 2 + 4 + 6 + 4), 'jpeg'],
		['a JPEG whose end is zeros instead of EOI', Buffer.concat([jpeg.subarray(0, jpeg.length - 2), Buffer.alloc(8)]), 'jpeg'],
		['a WebP one byte short', webp.subarray(0, webp.length - 1), 'webp'],
		['a WebP cut to its RIFF header', webp.subarray(0, 12), 'webp'],
	] as const)('refuses %s', (_name, bytes, format) => {
		expect(isImageComplete(bytes, format)).toBe(false);
	});

	it('checks a 10 MB image quickly (one pass, no decoding)', () => {
		const big = Buffer.concat([jpeg.subarray(0, jpeg.length - 2), Buffer.alloc(10 * 1024 * 1024, 0x11), Buffer.from([0xff, 0xd9])]);
		const started = Date.now();
		expect(isImageComplete(big, 'jpeg')).toBe(true);
		expect(Date.now() - started).toBeLessThan(500);
	});
});

describe('readResultInfo and isResultComplete (downloaded results, which may be SVGs)', () => {
	const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="512"><path d="M0 0h10v10z"/></svg>\n');

	it('reads images as readImageInfo does', () => {
		const png = makePng(40, 30);
		expect(readResultInfo(png)).toEqual(readImageInfo(png));
		expect(isResultComplete(png, readImageInfo(png)!)).toBe(true);
		expect(isResultComplete(png.subarray(0, png.length - 1), readImageInfo(png)!)).toBe(false);
	});

	it('reads an SVG by its content, with its size', () => {
		expect(readResultInfo(svg)).toEqual({ format: 'svg', mimeType: 'image/svg+xml', extension: 'svg', width: 1024, height: 512 });
		expect(readResultInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ format: 'svg', mimeType: 'image/svg+xml', extension: 'svg' });
		expect(isResultComplete(svg, readResultInfo(svg)!)).toBe(true);
		expect(isResultComplete(svg.subarray(0, svg.length - 5), readResultInfo(svg)!)).toBe(false);
	});

	it('leaves input images refusing SVG', () => {
		expect(readImageInfo(svg)).toBeNull();
	});

	it('recognises nothing else', () => {
		expect(readResultInfo(Buffer.from('<html><body>Access denied</body></html>'))).toBeNull();
		expect(readResultInfo(Buffer.from('{"error":"expired"}'))).toBeNull();
	});
});
