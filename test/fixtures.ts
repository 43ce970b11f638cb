import type { InputFile } from './harness';
// The sandbox's own image encoder (an implementation independent of the node's header reader):
// real PNGs, and JPEG/WebP headers that carry a size.
import { makeJpegHeader, makePng, makeWebp, readImageInfo as readSandboxImageInfo } from '../sandbox/png';

export { makeJpegHeader, makePng, makeWebp, readSandboxImageInfo };

export function pngFile(width: number, height: number, fileName = 'photo.png'): InputFile {
	return { data: makePng(width, height, [200, 40, 40]), mimeType: 'image/png', fileName };
}

export function maskFile(width: number, height: number): InputFile {
	return { data: makePng(width, height, [0, 0, 0]), mimeType: 'image/png', fileName: 'mask.png' };
}
