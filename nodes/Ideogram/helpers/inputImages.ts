import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_FILE_BYTES } from './apiValues';
import { downloadImage } from './download';
import { megabytes } from './httpResponse';
import { readImageInfo, type ImageInfo } from './imageInfo';
import type { MultipartFile } from './multipart';

export interface InputImage {
	file: MultipartFile;
	info: ImageInfo;
}

/** A binary field name (`data`) or, from an expression such as `{{ $binary.data }}`, the binary object itself. */
export type BinaryReference = string | IBinaryData;

function fileName(original: string | undefined, fallback: string, info: ImageInfo): string {
	const base = (original ?? '').replace(/\.[^./\\]*$/, '').replace(/[\r\n"]/g, '').trim() || fallback;
	return `${base}.${info.extension}`;
}

function sourceName(reference: BinaryReference): string {
	return typeof reference === 'string' ? `binary field "${reference}"` : 'the binary object given';
}

/**
 * Reads one input image through n8n's binary helpers, so it works in every binary data mode. The size is
 * checked from metadata before the bytes are loaded; the format comes from the bytes, not the MIME type.
 */
export async function readBinaryImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	reference: BinaryReference,
	what: string,
): Promise<InputImage> {
	if (typeof reference === 'string' && reference.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${what}: no binary field name given`, { itemIndex });
	}
	const name = typeof reference === 'string' ? reference.trim() : reference;
	let binary: IBinaryData;
	try {
		binary = ctx.helpers.assertBinaryData(itemIndex, name);
	} catch {
		const available = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
		throw new NodeOperationError(ctx.getNode(), `${what}: the input item has no ${sourceName(reference)}`, {
			itemIndex,
			description: available.length
				? `Binary fields on this item: ${available.join(', ')}. Put one of them in "${what}".`
				: 'This item carries no binary data at all. Connect a node that outputs a file (Form Trigger, Read Files, HTTP Request with "File" response, Google Drive download…), or switch "Image Source" to URL.',
		});
	}
	let size = binary.bytes;
	if (size === undefined && binary.id) size = (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	if (size !== undefined && size > MAX_FILE_BYTES) {
		throw new NodeOperationError(ctx.getNode(), `${what}: ${sourceName(reference)} is ${megabytes(size)}, over the API's ${megabytes(MAX_FILE_BYTES)} limit`, {
			itemIndex,
			description: 'Resize or compress the image before this node (for example with the Edit Image node).',
		});
	}
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
	if (data.length > MAX_FILE_BYTES) {
		throw new NodeOperationError(ctx.getNode(), `${what}: ${sourceName(reference)} is ${megabytes(data.length)}, over the API's ${megabytes(MAX_FILE_BYTES)} limit`, {
			itemIndex,
		});
	}
	const info = readImageInfo(data);
	if (!info) {
		throw new NodeOperationError(ctx.getNode(), `${what}: ${sourceName(reference)} is not a JPEG, PNG or WebP image`, {
			itemIndex,
			description: `Its content does not start like any of those formats (it claims to be ${binary.mimeType || 'of unknown type'}${binary.fileName ? `, named ${binary.fileName}` : ''}). Ideogram accepts only JPEG, PNG and WebP.`,
		});
	}
	return {
		file: { filename: fileName(binary.fileName, 'image', info), contentType: info.mimeType, data },
		info,
	};
}

export async function readUrlImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	url: string,
	what: string,
	timeoutMs: number,
): Promise<InputImage> {
	if (typeof url !== 'string' || url.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${what}: no URL given`, { itemIndex });
	}
	const { data, info } = await downloadImage(ctx, url.trim(), what, itemIndex, timeoutMs, MAX_FILE_BYTES);
	const lastSegment = decodeURIComponent(new URL(url.trim()).pathname.split('/').pop() ?? '');
	return { file: { filename: fileName(lastSegment, 'image', info), contentType: info.mimeType, data }, info };
}

/** Reference images named in a list: each entry is a binary field name, or an http(s) URL. */
export async function readReferenceImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	entries: string[],
	what: string,
	timeoutMs: number,
): Promise<InputImage[]> {
	const images: InputImage[] = [];
	for (const entry of entries) {
		images.push(
			/^https?:\/\//i.test(entry)
				? await readUrlImage(ctx, itemIndex, entry, what, timeoutMs)
				: await readBinaryImage(ctx, itemIndex, entry, what),
		);
	}
	const total = images.reduce((sum, image) => sum + image.file.data.length, 0);
	if (total > MAX_FILE_BYTES) {
		throw new NodeOperationError(ctx.getNode(), `${what}: together ${megabytes(total)}, over the API's ${megabytes(MAX_FILE_BYTES)} limit for all of them`, {
			itemIndex,
		});
	}
	return images;
}

export function assertSameSize(ctx: IExecuteFunctions, itemIndex: number, image: InputImage, mask: InputImage, maskLabel: string): void {
	if (image.info.width !== mask.info.width || image.info.height !== mask.info.height) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${maskLabel}: the mask is ${mask.info.width}×${mask.info.height} but the image is ${image.info.width}×${image.info.height}; they must be the same size`,
			{
				itemIndex,
				description: 'Make the mask exactly as wide and as tall as the image: black where Ideogram should change the image, white where it should keep it.',
			},
		);
	}
}
