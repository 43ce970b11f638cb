import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadImage } from '../helpers/download';
import type { NodeSettings } from '../helpers/options';
import { isToolCall } from '../helpers/toolMode';
import { generationJson, type ApiAnswer, type RetryRecord } from '../transport';
import { pendingGenerationOf } from '../transport/generations';

import { requestPolicy } from './prepare';
import type { OperationMeta, OperationSpec } from './types';

function metadata(notice: unknown, created: unknown, retries: RetryRecord[], generationId?: unknown): IDataObject {
	return {
		...(typeof generationId === 'string' && generationId !== '' ? { generation_id: generationId } : {}),
		...(created !== undefined ? { created } : {}),
		...(typeof notice === 'string' && notice !== '' ? { notice } : {}),
		...(retries.length > 0 ? { retries: retries as unknown as IDataObject[] } : {}),
	};
}

/** Whether result images are downloaded: unless the node is told not to, or runs as an AI agent's tool. */
function downloads(ctx: IExecuteFunctions, settings: NodeSettings): boolean {
	// As an AI tool the node answers with compact JSON: agents cannot use binary, and base64 floods them.
	return settings.downloadImages !== false && !isToolCall(ctx);
}

function outputFieldOf(settings: NodeSettings): string {
	return String(settings.outputBinaryPropertyName ?? '').trim() || 'data';
}

/** The operation in result file names: kebab-case from version 1.1 (replace-background), as it was before. */
function fileStem(ctx: IExecuteFunctions, meta: OperationMeta): string {
	return ctx.getNode().typeVersion >= 1.1 ? meta.value.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) : meta.value;
}

/** Downloads one result (without credentials) into n8n's binary store, named after the operation. */
async function resultBinary(ctx: IExecuteFunctions, itemIndex: number, meta: OperationMeta, settings: NodeSettings, url: string, what: string, label: string): Promise<IBinaryData> {
	const { data, info } = await downloadImage(ctx, url, what, itemIndex, requestPolicy(settings).timeoutMs);
	return await ctx.helpers.prepareBinaryData(data, `ideogram-${fileStem(ctx, meta)}-${label}.${info.extension}`, info.mimeType);
}

/** One item per image, in the API's order, each with its downloaded result unless the node is told not to. */
export async function imageItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	settings: NodeSettings,
	images: IDataObject[],
	extra: IDataObject,
): Promise<INodeExecutionData[]> {
	const download = downloads(ctx, settings);
	const outputField = outputFieldOf(settings);
	// The images of one answer download in parallel.
	return await Promise.all(
		images.map(async (image, index): Promise<INodeExecutionData> => {
			const json: IDataObject = { ...image, ...extra };
			// An image withheld by the safety check has no URL: it is reported, not an error (and it was billed).
			if (!download || typeof image.url !== 'string' || image.url === '') return { json, pairedItem: { item: itemIndex } };
			const label = image.seed !== undefined ? String(image.seed) : `${itemIndex + 1}-${index + 1}`;
			const binary = await resultBinary(ctx, itemIndex, meta, settings, image.url, `Result image ${index + 1}`, label);
			return { json, binary: { [outputField]: binary }, pairedItem: { item: itemIndex } };
		}),
	);
}

/** Turns an answer into output items as the spec says it holds images or descriptions. */
export async function answerToItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	spec: OperationSpec,
	settings: NodeSettings,
	answer: ApiAnswer,
): Promise<INodeExecutionData[]> {
	const { body, retries, task, generation } = answer;
	if (spec.answer === 'descriptions') {
		return [{ json: { descriptions: body.descriptions ?? [], ...metadata(undefined, undefined, retries) }, pairedItem: { item: itemIndex } }];
	}
	if (spec.answer === 'layers') return await layerItems(ctx, itemIndex, meta, settings, body, retries);
	if (generation) {
		return await imageItems(ctx, itemIndex, meta, settings, generation.images, { ...generationJson(generation), ...metadata(undefined, undefined, retries) });
	}
	// A generation the request did not wait for (its webhook gets the result): Get Generation fetches it later.
	const submitted = pendingGenerationOf(body);
	if (submitted !== undefined) {
		return [{ json: { generation_id: submitted, status: 'submitted', ...metadata(undefined, undefined, retries) }, pairedItem: { item: itemIndex } }];
	}
	if (task && !task.images) {
		return [
			{
				json: {
					task: body,
					hint: 'The gateway answered with a task instead of images. Set "Task Status URL" in the Ideogram API credential so the node waits for the result.',
				},
				pairedItem: { item: itemIndex },
			},
		];
	}
	if (task?.images) {
		return await imageItems(ctx, itemIndex, meta, settings, task.images, { task_id: task.id, ...metadata(undefined, undefined, retries) });
	}
	const images = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	return await imageItems(ctx, itemIndex, meta, settings, images, metadata(body.notice, body.created, retries, body.generation_id));
}

/** The binary field Layerize Text puts the original image in, next to the text-free base image. */
export const ORIGINAL_BINARY_FIELD = 'original';

/**
 * Layerize Text's answer as one item: the text blocks as Ideogram returns them and the seed in JSON; the
 * text-free base image in the output field and, when Ideogram links it, the original in `original`.
 */
async function layerItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	settings: NodeSettings,
	body: IDataObject,
	retries: RetryRecord[],
): Promise<INodeExecutionData[]> {
	const baseUrl = body.base_image_url;
	const originalUrl = typeof body.original_image_url === 'string' && body.original_image_url !== '' ? body.original_image_url : undefined;
	if (typeof baseUrl !== 'string' || baseUrl === '' || !Array.isArray(body.text_blocks)) {
		throw new NodeOperationError(ctx.getNode(), 'Ideogram answered Layerize Text without text_blocks and a base_image_url', {
			itemIndex,
			description: `The answer held: ${Object.keys(body).join(', ') || 'nothing'}.`,
		});
	}
	const json: IDataObject = {
		text_blocks: body.text_blocks,
		seed: body.seed,
		base_image_url: baseUrl,
		...(originalUrl !== undefined ? { original_image_url: originalUrl } : {}),
		...metadata(undefined, undefined, retries),
	};
	if (!downloads(ctx, settings)) return [{ json, pairedItem: { item: itemIndex } }];
	const label = body.seed !== undefined ? String(body.seed) : String(itemIndex + 1);
	const [base, original] = await Promise.all([
		resultBinary(ctx, itemIndex, meta, settings, baseUrl, 'Base image', label),
		originalUrl !== undefined ? resultBinary(ctx, itemIndex, meta, settings, originalUrl, 'Original image', `${label}-original`) : undefined,
	]);
	const binary: Record<string, IBinaryData> = { [outputFieldOf(settings)]: base };
	if (original) binary[ORIGINAL_BINARY_FIELD] = original;
	return [{ json, binary, pairedItem: { item: itemIndex } }];
}
