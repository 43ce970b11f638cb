import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_FILE_BYTES } from '../options/apiValues';
import type { DownloadPolicy } from '../transport/download';
import { assertSameSize, readBinaryImage, readReferenceImages, readUrlImage, type BinaryReference, type InputImage } from '../media/inputImages';
import { encodeMultipart, type MultipartPart } from '../media/multipart';
import { apiField, checkCombinations, InputError, labelOf, splitList, type ApiField, type NodeSettings } from '../options/definitions';
import { isToolCall } from './toolMode';
import { privateHostsSetting } from '../options/privateHosts';
import { durationMs, settingInRange } from '../options/durations';
import { MAX_DOWNLOAD_MB, transferBudgetOf } from '../transport/pacing/transferBudget';
import { ideogramCredentials, type RequestPolicy } from '../transport';
import { credentialSecrets } from '../transport/redact';

import type { OperationSpec, PreparedRequest } from '../catalogue/types';

/**
 * The item's settings: the `options` collection and, from node version 1.1 on, the `requestOptions`
 * collection that holds how the node behaves. Reading both keeps any saved workflow working.
 */
export function readSettings(ctx: IExecuteFunctions, itemIndex: number): NodeSettings {
	return {
		...(ctx.getNodeParameter('options', itemIndex, {}) as NodeSettings),
		...(ctx.getNodeParameter('requestOptions', itemIndex, {}) as NodeSettings),
	};
}

/**
 * How requests are sent and bounded. Timeout (each request or download) and Task Timeout (polling) are
 * checked against their ranges (options/durations.ts); 0, a negative number or text is refused before
 * anything is sent (it never meant "no limit").
 */
export function requestPolicy(settings: NodeSettings): RequestPolicy {
	privateHostsSetting(settings); // checked here too, before anything is sent, for operations that read no input file
	return {
		timeoutMs: durationMs('timeout', settings),
		maxRetries: Number(settings.maxRetries ?? 5),
		retryAfterPossiblyBilled: settings.retryPossiblyBilled === true,
		taskTimeoutMs: durationMs('taskTimeout', settings),
	};
}

/** The most bytes a result image download may bring: "Max Download Size (MB)", 50 MB unless set, at most MAX_DOWNLOAD_MB. */
export function maxDownloadBytes(settings: NodeSettings): number {
	return Math.round(settingInRange('maxDownloadSize', { fallback: 50, min: 0.001, max: MAX_DOWNLOAD_MB, unit: 'MB' }, settings) * 1024 * 1024);
}

/** How image downloads of this item are bounded: input URLs at `maxBytes` (the API's per-file limit), results at Max Download Size. */
export function downloadPolicy(ctx: IExecuteFunctions, settings: NodeSettings, maxBytes: number): DownloadPolicy {
	return {
		timeoutMs: requestPolicy(settings).timeoutMs,
		maxBytes,
		allowPrivateAddresses: settings.allowPrivateAddresses === true,
		privateHostsAllowed: privateHostsSetting(settings),
		budget: transferBudgetOf(ctx),
		credential: async () => {
			const credentials = await ideogramCredentials(ctx);
			return { baseUrl: String(credentials.baseUrl || 'https://api.ideogram.ai'), secrets: credentialSecrets(credentials.apiKey, credentials.baseUrl) };
		},
	};
}

/** How many images the request asks for (1 to 8), which is also how many places it takes in the image window. */
export function imagesAskedFor(spec: Pick<OperationSpec, 'options'>, settings: NodeSettings): number {
	return spec.options.includes('numImages') ? Math.max(1, Number(settings.numImages ?? 1) || 1) : 1;
}

/** The top-level parameters an endpoint may take besides its options. */
export interface TopLevelParameters {
	prompt?: unknown;
	resolution?: unknown;
}

/**
 * The item's text fields, validated, in the order they are sent: prompt, Reframe's resolution, then the
 * endpoint's options. Options the endpoint does not take (left in workflow JSON by another operation) are
 * ignored.
 */
export function requestFields(spec: Pick<OperationSpec, 'prompt' | 'resolutionParameter' | 'options'>, settings: NodeSettings, parameters: TopLevelParameters): ApiField[] {
	const fields: ApiField[] = [];
	if (spec.prompt) {
		if (typeof parameters.prompt !== 'string' || parameters.prompt.trim() === '') {
			throw new InputError('Prompt', 'is empty; write what the result should show');
		}
		fields.push({ field: 'prompt', value: parameters.prompt });
	}
	if (spec.resolutionParameter) {
		const resolution = apiField('resolution', parameters.resolution, true);
		if (resolution) fields.push(resolution);
	}
	checkCombinations(
		Object.fromEntries(spec.options.map((name) => [name, settings[name]])),
		spec.options.includes('styleReferenceImages') && splitList(settings.styleReferenceImages).length > 0,
	);
	for (const name of spec.options) {
		const field = apiField(name, settings[name]);
		if (field) fields.push(field);
	}
	return fields;
}

export function fieldParts(fields: ApiField[], encoding: OperationSpec['encoding']): MultipartPart[] {
	if (encoding === 'imageRequest') {
		const request = Object.fromEntries(fields.map(({ field, value, imageRequestField }) => [imageRequestField ?? field, value]));
		return [{ field: 'image_request', value: JSON.stringify(request), contentType: 'application/json' }];
	}
	return fields.flatMap(({ field, value }): MultipartPart[] => {
		if (Array.isArray(value)) return value.map((entry) => ({ field, value: entry }));
		if (typeof value === 'object') return [{ field, value: JSON.stringify(value), contentType: 'application/json' }];
		return [{ field, value: String(value) }];
	});
}

/** An input file's parameters, and their names as the panel shows them (errors use those names). */
export interface FileInput {
	binaryParameter: string;
	binaryLabel: string;
	urlParameter: string;
	urlLabel: string;
}

export const IMAGE: FileInput = { binaryParameter: 'binaryPropertyName', binaryLabel: 'Input Image Field', urlParameter: 'imageUrl', urlLabel: 'Image URL' };
export const MASK: FileInput = { binaryParameter: 'maskBinaryPropertyName', binaryLabel: 'Input Mask Field', urlParameter: 'maskUrl', urlLabel: 'Mask URL' };

/** The item's input image (or mask) from binary data or a URL, checked, within `policy.maxBytes`. */
export async function readImage(ctx: IExecuteFunctions, itemIndex: number, source: string, input: FileInput, policy: DownloadPolicy): Promise<InputImage> {
	if (source === 'url') {
		return await readUrlImage(ctx, itemIndex, ctx.getNodeParameter(input.urlParameter, itemIndex) as string, input.urlLabel, policy);
	}
	if (isToolCall(ctx) && !ctx.getInputData()[itemIndex]?.binary) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${input.binaryLabel}: an AI agent cannot hand this tool binary data; set "Image Source" to URL and let the agent fill in the image URL`,
			{ itemIndex },
		);
	}
	return await readBinaryImage(ctx, itemIndex, ctx.getNodeParameter(input.binaryParameter, itemIndex) as BinaryReference, input.binaryLabel, policy.maxBytes, policy.budget);
}

/** The item's files in the order the API documents them: image, mask, style, character references, their masks. */
async function fileParts(ctx: IExecuteFunctions, itemIndex: number, spec: OperationSpec, settings: NodeSettings, policy: DownloadPolicy): Promise<MultipartPart[]> {
	const listed = (name: 'styleReferenceImages' | 'characterReferenceImages' | 'characterReferenceImageMasks') =>
		spec.options.includes(name) ? splitList(settings[name]) : [];
	const characterReferences = listed('characterReferenceImages');
	const characterMasks = listed('characterReferenceImageMasks');
	if (characterMasks.length > 0 && characterMasks.length !== characterReferences.length) {
		throw new InputError(
			labelOf('characterReferenceImageMasks'),
			`there are ${characterMasks.length} masks for ${characterReferences.length} character references; give one mask per reference, or none`,
		);
	}

	const files: MultipartPart[] = [];
	if (spec.imageField) {
		const source = ctx.getNodeParameter('imageSource', itemIndex, 'binary') as string;
		const image = await readImage(ctx, itemIndex, source, IMAGE, { ...policy, maxBytes: spec.maxImageBytes ?? policy.maxBytes });
		files.push({ field: spec.imageField, value: image.file });
		if (spec.mask) {
			const mask = await readImage(ctx, itemIndex, source, MASK, policy);
			assertSameSize(ctx, itemIndex, image, mask, source === 'url' ? MASK.urlLabel : MASK.binaryLabel);
			files.push({ field: 'mask', value: mask.file });
		}
	}
	const styles = await readReferenceImages(ctx, itemIndex, listed('styleReferenceImages'), labelOf('styleReferenceImages'), policy);
	files.push(...styles.map((image) => ({ field: 'style_reference_images', value: image.file })));
	const characters = await readReferenceImages(ctx, itemIndex, characterReferences, labelOf('characterReferenceImages'), policy);
	files.push(...characters.map((image) => ({ field: 'character_reference_images', value: image.file })));
	const masks = await readReferenceImages(ctx, itemIndex, characterMasks, labelOf('characterReferenceImageMasks'), policy);
	masks.forEach((mask, index) => assertSameSize(ctx, itemIndex, characters[index], mask, labelOf('characterReferenceImageMasks')));
	files.push(...masks.map((image) => ({ field: 'character_reference_images_mask', value: image.file })));
	return files;
}

/** A failure while an item was prepared, as its error: an InputError names the field and says nothing was sent. */
export function notSent(ctx: IExecuteFunctions, itemIndex: number, error: unknown): never {
	if (error instanceof InputError) {
		throw new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description: 'Nothing was sent to Ideogram.' });
	}
	throw error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Prepares one item of a multipart endpoint: checks every text field before any file is read, reads the
 * files, and encodes the body. Nothing is sent; a failure here says so.
 */
export async function prepareMultipart(ctx: IExecuteFunctions, itemIndex: number, spec: OperationSpec, settings: NodeSettings): Promise<PreparedRequest> {
	try {
		// Every setting and text field is checked before any file is read, and everything before anything is sent.
		const policy = requestPolicy(settings);
		if (spec.answer === 'images') maxDownloadBytes(settings);
		const fields = requestFields(spec, settings, {
			prompt: spec.prompt ? ctx.getNodeParameter('prompt', itemIndex) : undefined,
			resolution: spec.resolutionParameter ? ctx.getNodeParameter('resolution', itemIndex) : undefined,
		});
		const files = await fileParts(ctx, itemIndex, spec, settings, downloadPolicy(ctx, settings, MAX_FILE_BYTES));
		const { body, contentType } = encodeMultipart([...files, ...fieldParts(fields, spec.encoding)]);
		return { method: 'POST', path: spec.path(settings), body, contentType, itemIndex, policy, images: imagesAskedFor(spec, settings) };
	} catch (error) {
		notSent(ctx, itemIndex, error);
	}
}
