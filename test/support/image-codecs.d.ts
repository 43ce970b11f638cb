// The parts of the sandbox's image devDependencies the tests use (the packages ship no types).
declare module 'pngjs' {
	export const PNG: { sync: { read(bytes: Buffer): { width: number; height: number; data: Buffer } } };
}

declare module 'jpeg-js' {
	export function encode(image: { width: number; height: number; data: Buffer }, quality?: number): { data: Buffer };
}

declare module 'node-webpmux' {
	export class Image {
		static initLib(): Promise<void>;
		static getEmptyImage(): Promise<Image>;
		setImageData(rgba: Buffer, options: { width: number; height: number; lossless?: number; quality?: number }): Promise<number>;
		save(path: null): Promise<Buffer>;
	}
}
