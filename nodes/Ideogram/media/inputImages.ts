import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_FILE_BYTES } from '../options/apiValues';
import { downloadImage, incompleteImage, type DownloadPolicy } from '../transport/download';
import type { TransferBudget } from '../transport/pacing/transferBudget';
import { megabytes } from '../transport/httpResponse';
import { readImageInfo, type ImageInfo } from './imageInfo';
import type { MultipartFile } from './multipart';
import type { MaskConvention } from '../catalogue/types';
import { InputError } from '../options/validators';

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
	maxBytes = MAX_FILE_BYTES,
	budget?: TransferBudget,
): Promise<InputImage> {
	if (typeof reference === 'string' && reference.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${what}: no binary field name given`, { itemIndex });
	}
	let name = typeof reference === 'string' ? reference.trim() : reference;
	const item = ctx.getInputData()[itemIndex];
	// A workflow in n8n's "combined" binary mode keeps each file in the item's JSON at `_files.<name>` and takes
	// a path there; the bare name that works everywhere else (`data`) is read as `_files.data`.
	const combinedFiles = item?.json?._files;
	const combined = typeof combinedFiles === 'object' && combinedFiles !== null && !Array.isArray(combinedFiles);
	if (combined && typeof name === 'string' && !name.includes('.') && name in combinedFiles) name = `_files.${name}`;
	let binary: IBinaryData;
	try {
		binary = ctx.helpers.assertBinaryData(itemIndex, name);
	} catch {
		const available = combined ? Object.keys(combinedFiles).map((key) => `_files.${key}`) : Object.keys(item?.binary ?? {});
		throw new NodeOperationError(ctx.getNode(), `${what}: the input item has no ${sourceName(reference)}`, {
			itemIndex,
			description: available.length
				? `${combined ? 'Files on this item' : 'Binary fields on this item'}: ${available.join(', ')}. Put one of them in "${what}".`
				: 'This item carries no binary data at all. Connect a node that outputs a file (Form Trigger, Read Files, HTTP Request with "File" response, Google Drive download…), or switch "Image Source" to URL.',
		});
	}
	let size = binary.bytes;
	if (size === undefined && binary.id) size = (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	if (size !== undefined && size > maxBytes) {
		throw new NodeOperationError(ctx.getNode(), `${what}: ${sourceName(reference)} is ${megabytes(size)}, over the API's ${megabytes(maxBytes)} limit`, {
			itemIndex,
			description: 'Resize or compress the image before this node (for example with the Edit Image node).',
		});
	}
	const data = await readWithinBudget(ctx, budget, size ?? maxBytes, async () => await ctx.helpers.getBinaryDataBuffer(itemIndex, name));
	if (data.length > maxBytes) {
		throw new NodeOperationError(ctx.getNode(), `${what}: ${sourceName(reference)} is ${megabytes(data.length)}, over the API's ${megabytes(maxBytes)} limit`, {
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
	const cut = incompleteImage(data, info);
	if (cut) {
		throw new NodeOperationError(ctx.getNode(), `${what}: ${sourceName(reference)} is an incomplete image: ${cut} (${data.length} bytes)`, {
			itemIndex,
			description: 'The file was cut off when it was stored or transferred. Read or download it again before this node.',
		});
	}
	return {
		file: { filename: fileName(binary.fileName, 'image', info), contentType: info.mimeType, data },
		info,
	};
}

/**
 * Reads a file as one of the execution's transfers (transport/pacing/transferBudget.ts): it waits for a
 * place and for its size in bytes, and gives both back once the bytes are in hand.
 */
async function readWithinBudget(ctx: IExecuteFunctions, budget: TransferBudget | undefined, bytes: number, read: () => Promise<Buffer>): Promise<Buffer> {
	if (!budget) return await read();
	const signal = ctx.getExecutionCancelSignal?.();
	const lease = await budget.start(signal);
	try {
		await lease.waitFor(bytes, signal);
		return await read();
	} finally {
		lease.end();
	}
}

/** The file name a URL's last path segment spells, decoded where it is valid percent-encoding (`%ZZ` stays as is). */
export function urlFileName(url: string): string {
	const segment = url.split(/[?#]/)[0].split('/').pop() ?? '';
	return segment.replace(/(?:%[0-9A-Fa-f]{2})+/g, (encoded) => {
		try {
			return decodeURIComponent(encoded);
		} catch {
			return encoded;
		}
	});
}

/** Downloads an input image from a URL, within the API's per-file limit (`policy.maxBytes`). */
export async function readUrlImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	url: string,
	what: string,
	policy: DownloadPolicy,
): Promise<InputImage> {
	if (typeof url !== 'string' || url.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${what}: no URL given`, { itemIndex });
	}
	const { data, info } = await downloadImage(ctx, url.trim(), what, itemIndex, policy);
	return { file: { filename: fileName(urlFileName(url.trim()), 'image', info), contentType: info.mimeType, data }, info };
}

/**
 * Reference images named in a list: each entry is a binary field name, or an http(s) URL. Each file within
 * `policy.maxBytes`; all of them within `maxTotalBytes` (v1's style references share 10 MB; the 4.x
 * endpoints state no total).
 */
export async function readReferenceImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	entries: string[],
	what: string,
	policy: DownloadPolicy,
	maxTotalBytes = MAX_FILE_BYTES,
): Promise<InputImage[]> {
	const images: InputImage[] = [];
	for (const entry of entries) {
		images.push(
			/^https?:\/\//i.test(entry)
				? await readUrlImage(ctx, itemIndex, entry, what, policy)
				: await readBinaryImage(ctx, itemIndex, entry, what, policy.maxBytes, policy.budget),
		);
	}
	const total = images.reduce((sum, image) => sum + image.file.data.length, 0);
	if (total > maxTotalBytes) {
		throw new NodeOperationError(ctx.getNode(), `${what}: together ${megabytes(total)}, over the API's ${megabytes(maxTotalBytes)} limit for all of them`, {
			itemIndex,
		});
	}
	return images;
}

const MASK_COLOURS: Record<MaskConvention, string> = {
	blackChanges: 'black where Ideogram should change the image, white where it should keep it',
	whiteChanges: 'white where Ideogram should remove, black where it should keep',
};

/** A mask must have exactly its image's width and height; the hint says what the mask's colours mean here. */
export function assertSameSize(image: InputImage, mask: InputImage, maskLabel: string, convention: MaskConvention): void {
	if (image.info.width !== mask.info.width || image.info.height !== mask.info.height) {
		throw new InputError(
			maskLabel,
			`the mask is ${mask.info.width}×${mask.info.height} but the image is ${image.info.width}×${image.info.height}; they must be the same size`,
			`Make the mask exactly as wide and as tall as the image: ${MASK_COLOURS[convention]}.`,
		);
	}
}
