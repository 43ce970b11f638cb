import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError, splitList, textParts, upscaleRequestPart, type ImageOptions } from '../helpers/fields';
import {
	assertSameSize,
	readBinaryImage,
	readReferenceImages,
	readUrlImage,
	type BinaryReference,
	type InputImage,
} from '../helpers/inputImages';
import { imagesRendered, readyToSend } from '../helpers/imageWindow';
import { encodeMultipart, type MultipartPart } from '../helpers/multipart';
import { apiRequest, downloadImage, pollTask, taskOf, type ApiResponse, type RequestPolicy, type RetryRecord } from '../transport';

/** The node's behaviour settings, kept in the same `options` collection as the API's options. */
export interface NodeOptions extends ImageOptions {
	editEndpoint?: 'edit' | 'inpaint';
	outputBinaryPropertyName?: string;
	downloadImages?: boolean;
	concurrency?: number;
	timeout?: number;
	maxRetries?: number;
	retryPossiblyBilled?: boolean;
	taskTimeout?: number;
}

/** What distinguishes one operation: its endpoint, its files and which options it accepts. */
export interface OperationSpec {
	name: string;
	path: (options: NodeOptions) => string;
	/** Multipart name of the input image; none for text-to-image. */
	imageField?: 'image' | 'image_file';
	mask?: boolean;
	promptRequired: boolean;
	/** Reframe's required top-level Resolution parameter. */
	resolutionParameter?: boolean;
	options: Array<keyof ImageOptions>;
	/** Describe answers with descriptions; everything else with images. */
	result: 'images' | 'descriptions';
}

export function requestPolicy(options: NodeOptions): RequestPolicy {
	return {
		timeoutMs: (options.timeout ?? 180) * 1000,
		maxRetries: options.maxRetries ?? 5,
		retryAfterPossiblyBilled: options.retryPossiblyBilled ?? false,
	};
}

async function readImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	source: string,
	binaryParameter: string,
	urlParameter: string,
	label: string,
	timeoutMs: number,
): Promise<InputImage> {
	if (source === 'url') {
		return await readUrlImage(ctx, itemIndex, ctx.getNodeParameter(urlParameter, itemIndex) as string, label, timeoutMs);
	}
	if (ctx.isToolExecution?.() && !ctx.getInputData()[itemIndex]?.binary) {
		throw new NodeOperationError(ctx.getNode(), `${label}: an AI agent cannot hand this tool binary data; set "Image Source" to URL and let the agent fill in the image URL`, {
			itemIndex,
		});
	}
	return await readBinaryImage(ctx, itemIndex, ctx.getNodeParameter(binaryParameter, itemIndex) as BinaryReference, label);
}

async function requestParts(ctx: IExecuteFunctions, itemIndex: number, spec: OperationSpec, options: NodeOptions, timeoutMs: number): Promise<MultipartPart[]> {
	const prompt = spec.promptRequired ? (ctx.getNodeParameter('prompt', itemIndex) as string) : undefined;
	const resolution = spec.resolutionParameter ? (ctx.getNodeParameter('resolution', itemIndex) as string) : undefined;
	const styleReferences = spec.options.includes('styleReferenceImages') ? splitList(options.styleReferenceImages) : [];
	const characterReferences = spec.options.includes('characterReferenceImages') ? splitList(options.characterReferenceImages) : [];
	const characterMasks = spec.options.includes('characterReferenceImageMasks') ? splitList(options.characterReferenceImageMasks) : [];

	// Every text field is checked before any file is read, and everything before anything is sent.
	const parts =
		spec.name === 'upscale'
			? [upscaleRequestPart(options)]
			: textParts({ prompt, resolution, options, hasStyleReferences: styleReferences.length > 0 }, spec.options, spec.promptRequired);
	if (characterMasks.length > 0 && characterMasks.length !== characterReferences.length) {
		throw new InputError('Character Reference Masks', `there are ${characterMasks.length} masks for ${characterReferences.length} character references; give one mask per reference, or none`);
	}

	const files: MultipartPart[] = [];
	if (spec.imageField) {
		const source = ctx.getNodeParameter('imageSource', itemIndex, 'binary') as string;
		const image = await readImage(ctx, itemIndex, source, 'binaryPropertyName', 'imageUrl', 'Image', timeoutMs);
		files.push({ field: spec.imageField, value: image.file });
		if (spec.mask) {
			const mask = await readImage(ctx, itemIndex, source, 'maskBinaryPropertyName', 'maskUrl', 'Mask', timeoutMs);
			assertSameSize(ctx, itemIndex, image, mask, 'Mask');
			files.push({ field: 'mask', value: mask.file });
		}
	}
	const styles = await readReferenceImages(ctx, itemIndex, styleReferences, 'Style Reference Images', timeoutMs);
	files.push(...styles.map((image) => ({ field: 'style_reference_images', value: image.file })));
	const characters = await readReferenceImages(ctx, itemIndex, characterReferences, 'Character Reference Images', timeoutMs);
	files.push(...characters.map((image) => ({ field: 'character_reference_images', value: image.file })));
	const masks = await readReferenceImages(ctx, itemIndex, characterMasks, 'Character Reference Masks', timeoutMs);
	masks.forEach((mask, index) => assertSameSize(ctx, itemIndex, characters[index], mask, 'Character Reference Masks'));
	files.push(...masks.map((image) => ({ field: 'character_reference_images_mask', value: image.file })));
	return [...files, ...parts];
}

function metadata(notice: unknown, created: unknown, retries: RetryRecord[]): IDataObject {
	return {
		...(created !== undefined ? { created } : {}),
		...(typeof notice === 'string' && notice !== '' ? { notice } : {}),
		...(retries.length > 0 ? { retries: retries as unknown as IDataObject[] } : {}),
	};
}

async function imageItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: OperationSpec,
	options: NodeOptions,
	images: IDataObject[],
	extra: IDataObject,
	timeoutMs: number,
): Promise<INodeExecutionData[]> {
	// As an AI tool the node answers with compact JSON: agents cannot use binary, and base64 floods them.
	const download = (options.downloadImages ?? true) && !ctx.isToolExecution?.();
	const outputField = options.outputBinaryPropertyName?.trim() || 'data';
	// The images of one answer download in parallel; each becomes its own item, in the API's order.
	return await Promise.all(
		images.map(async (image, index): Promise<INodeExecutionData> => {
			const json: IDataObject = { ...image, ...extra };
			// An image withheld by the safety check has no URL: it is reported, not an error (and it was billed).
			if (!download || typeof image.url !== 'string' || image.url === '') return { json, pairedItem: { item: itemIndex } };
			const { data, info } = await downloadImage(ctx, image.url, `Result image ${index + 1}`, itemIndex, timeoutMs);
			const label = image.seed !== undefined ? String(image.seed) : `${itemIndex + 1}-${index + 1}`;
			const binary = await ctx.helpers.prepareBinaryData(data, `ideogram-${spec.name}-${label}.${info.extension}`, info.mimeType);
			return { json, binary: { [outputField]: binary }, pairedItem: { item: itemIndex } };
		}),
	);
}

/**
 * Validates the item, encodes its request and sends it. The request body (input files included) lives only in
 * this function's frame, so it can be freed as soon as the API answers, before the results are downloaded.
 */
async function sendRequest(ctx: IExecuteFunctions, itemIndex: number, spec: OperationSpec, options: NodeOptions, policy: RequestPolicy): Promise<ApiResponse> {
	let multipart: ReturnType<typeof encodeMultipart>;
	try {
		multipart = encodeMultipart(await requestParts(ctx, itemIndex, spec, options, policy.timeoutMs));
	} catch (error) {
		if (error instanceof InputError) {
			throw new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description: 'Nothing was sent to Ideogram.' });
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
	await readyToSend(ctx, itemIndex, multipart.body.length);
	return await apiRequest(ctx, { method: 'POST', path: spec.path(options), body: multipart.body, contentType: multipart.contentType, itemIndex, policy });
}

/** Runs one operation for one input item: validate, send one multipart request, turn the answer into items. */
export async function runOperation(ctx: IExecuteFunctions, itemIndex: number, spec: OperationSpec): Promise<INodeExecutionData[]> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const policy = requestPolicy(options);
	const response = await sendRequest(ctx, itemIndex, spec, options, policy);

	if (spec.result === 'descriptions') {
		imagesRendered(ctx, itemIndex);
		return [{ json: { descriptions: response.body.descriptions ?? [], ...metadata(undefined, undefined, response.retries) }, pairedItem: { item: itemIndex } }];
	}

	const task = taskOf(response.body);
	if (task) {
		const outcome = await pollTask(ctx, task, itemIndex, policy, (options.taskTimeout ?? 600) * 1000);
		imagesRendered(ctx, itemIndex);
		if (!outcome) {
			return [
				{
					json: {
						task: response.body,
						hint: 'The gateway answered with a task instead of images. Set "Task Status URL" in the Ideogram API credential so the node waits for the result.',
					},
					pairedItem: { item: itemIndex },
				},
			];
		}
		const extra = { task_id: task.task_id, ...metadata(undefined, undefined, [...response.retries, ...outcome.retries]) };
		return await imageItems(ctx, itemIndex, spec, options, outcome.images, extra, policy.timeoutMs);
	}

	imagesRendered(ctx, itemIndex);
	const images = Array.isArray(response.body.data) ? (response.body.data as IDataObject[]) : [];
	const extra = metadata(response.body.notice, response.body.created, response.retries);
	return await imageItems(ctx, itemIndex, spec, options, images, extra, policy.timeoutMs);
}
