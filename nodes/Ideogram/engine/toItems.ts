import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { descriptionList, imageList, imageOutput, isSmall } from './answerChecks';
import { downloadImage, downloadSvg, type DownloadPolicy } from '../transport/download';
import { snippet } from '../transport/httpResponse';
import type { NodeSettings } from '../options/definitions';
import { isToolCall } from './toolMode';
import { generationJson, type ApiAnswer, type RetryRecord } from '../transport';
import { pendingGenerationOf } from '../transport/generations';

import { priceQuoteJson, UnexpectedAnswer } from './priceQuote';
import { downloadPolicy, maxDownloadBytes } from './prepare';
import { imagesAskedFor, type ItemCall } from './request';
import type { OperationMeta } from '../catalogue/types';

/** The retries a request needed, for its output items: `{ retries: [...] }`, or nothing when there were none. */
export function retriesJson(retries: RetryRecord[]): IDataObject {
	return retries.length > 0 ? { retries: retries as unknown as IDataObject[] } : {};
}

/** The answer's own metadata, each only while small (a server cannot bloat every item through it). */
function metadata(
	notice: unknown,
	created: unknown,
	retries: RetryRecord[],
	generationId?: unknown,
): IDataObject {
	return {
		...(typeof generationId === 'string' && generationId !== '' && isSmall(generationId)
			? { generation_id: generationId }
			: {}),
		...(created !== undefined && isSmall(created) ? { created } : {}),
		...(typeof notice === 'string' && notice !== '' && isSmall(notice) ? { notice } : {}),
		...retriesJson(retries),
	};
}

/**
 * How result images are downloaded, or undefined when they are not: the node was told not to, or it runs as
 * an AI agent's tool (agents cannot use binary, and base64 floods them).
 */
function resultDownloads(
	ctx: IExecuteFunctions,
	settings: NodeSettings,
): DownloadPolicy | undefined {
	if (settings.downloadImages === false || isToolCall(ctx)) return undefined;
	return downloadPolicy(ctx, settings, maxDownloadBytes(settings));
}

function outputFieldOf(settings: NodeSettings): string {
	return String(settings.outputBinaryPropertyName ?? '').trim() || 'data';
}

/** The operation in result file names: kebab-case from version 1.1 (replace-background), as it was before. */
function fileStem(ctx: IExecuteFunctions, meta: OperationMeta): string {
	return ctx.getNode().typeVersion >= 1.1
		? meta.value.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
		: meta.value;
}

/** How a result file is kept: its bytes checked as an image, or as an SVG document. */
interface ResultFile {
	svg: boolean;
	allowActiveSvg: boolean;
}

const IMAGE_RESULT: ResultFile = { svg: false, allowActiveSvg: false };

/** Whether a result entry is an SVG: Ideogram marks vector results with their object type. */
function resultFileOf(entry: IDataObject, settings: NodeSettings): ResultFile {
	return { svg: entry.object_type === 'svg.generation', allowActiveSvg: settings.allowActiveSvg === true };
}

/** Downloads one result (without credentials, within the policy's cap and deadline) into n8n's binary store. */
async function resultBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	policy: DownloadPolicy,
	url: string,
	what: string,
	label: string,
	kind: ResultFile = IMAGE_RESULT,
): Promise<IBinaryData> {
	const name = `ideogram-${fileStem(ctx, meta)}-${label}`;
	if (kind.svg) {
		const { data } = await downloadSvg(ctx, url, what, itemIndex, policy, kind.allowActiveSvg);
		return await ctx.helpers.prepareBinaryData(data, `${name}.svg`, 'image/svg+xml');
	}
	const { data, info } = await downloadImage(ctx, url, what, itemIndex, policy);
	return await ctx.helpers.prepareBinaryData(data, `${name}.${info.extension}`, info.mimeType);
}

/** A 2xx answer the node cannot use: the request went out and may have been billed, so say so. */
function unusableAnswer(
	ctx: IExecuteFunctions,
	itemIndex: number,
	answer: ApiAnswer,
	what: string,
	problem: string,
): NodeOperationError {
	// The body was redacted when it was parsed (transport), so the snippet cannot carry the key.
	return new NodeOperationError(
		ctx.getNode(),
		`Ideogram's answer has no usable ${what}: ${problem}`,
		{
			itemIndex,
			description: `The request was sent and may have been billed, so it was not sent again. The answer began: ${snippet(JSON.stringify(answer.body)) || '(empty)'}`,
		},
	);
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
	const policy = resultDownloads(ctx, settings);
	const outputField = outputFieldOf(settings);
	// The images of one answer (at most 8, checked before) download in parallel.
	return await Promise.all(
		images.map(async (image, index): Promise<INodeExecutionData> => {
			const json: IDataObject = { ...imageOutput(image), ...extra };
			// An image withheld by the safety check has no URL: it is reported, not an error (and it was billed).
			if (!policy || typeof image.url !== 'string' || image.url === '')
				return { json, pairedItem: { item: itemIndex } };
			// Only a numeric seed names the file, so a server cannot shape file names; from version 1.2 the item and
			// the result number come first, so the files of different items never share a name.
			const seed = typeof image.seed === 'number' ? String(image.seed) : undefined;
			const place = `${itemIndex + 1}-${index + 1}`;
			const label =
				ctx.getNode().typeVersion >= 1.2
					? [place, seed].filter(Boolean).join('-')
					: (seed ?? place);
			const kind = resultFileOf(image, settings);
			const binary = await resultBinary(ctx, itemIndex, meta, policy, image.url, `Result ${kind.svg ? 'SVG' : 'image'} ${index + 1}`, label, kind);
			return { json, binary: { [outputField]: binary }, pairedItem: { item: itemIndex } };
		}),
	);
}

/** A gateway task as the output shows it when the node cannot poll it: whole while small, else its id and status. */
function taskForOutput(body: IDataObject): IDataObject {
	if (isSmall(body, 4096)) return body;
	const data = (body.data ?? {}) as IDataObject;
	return { data: { task_id: data.task_id, task_status: data.task_status } };
}

/** A structured prompt (Describe with Ideogram 4.0): the object as Ideogram returns it, checked to be one. */
function jsonPromptItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	answer: ApiAnswer,
): INodeExecutionData[] {
	const { body, retries } = answer;
	const prompt = body.json_prompt;
	if (prompt === null || typeof prompt !== 'object' || Array.isArray(prompt)) {
		throw unusableAnswer(
			ctx,
			itemIndex,
			answer,
			'structured prompt',
			'its "json_prompt" is not an object',
		);
	}
	const json: IDataObject = { json_prompt: prompt as IDataObject };
	if (typeof body.description_id === 'string' && isSmall(body.description_id))
		json.description_id = body.description_id;
	return [
		{
			json: { ...json, ...metadata(undefined, body.created, retries) },
			pairedItem: { item: itemIndex },
		},
	];
}

/** A price quote (Estimate Cost): validated before it becomes the item's output. */
function quoteItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	answer: ApiAnswer,
): INodeExecutionData[] {
	try {
		return [
			{
				json: { ...priceQuoteJson(answer.body), ...retriesJson(answer.retries) },
				pairedItem: { item: itemIndex },
			},
		];
	} catch (error) {
		const { message, description } = error as UnexpectedAnswer;
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	}
}

/**
 * The one answer reader: turns an answer into output items as the endpoint says it holds images, SVGs,
 * descriptions, a structured prompt or layers (a price quote for a cost estimate). The answer is checked first:
 * a usable list, never more results than were asked for; only then is anything downloaded.
 */
export async function answerToItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	call: ItemCall,
	settings: NodeSettings,
	answer: ApiAnswer,
): Promise<INodeExecutionData[]> {
	const { endpoint, mode } = call;
	const { body, retries, task, generation } = answer;
	if (mode === 'estimate') return quoteItems(ctx, itemIndex, answer);
	if (mode === 'webhook' && pendingGenerationOf(body) === undefined && !Array.isArray(body.data)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'The answer to the request with a Webhook URL has no generation_id',
			{
				itemIndex,
				description: `Ideogram acknowledges an async request with its generation_id; got ${snippet(JSON.stringify(body))}`,
			},
		);
	}
	if (endpoint.answer === 'descriptions') {
		const checked = descriptionList(body.descriptions);
		if ('problem' in checked)
			throw unusableAnswer(ctx, itemIndex, answer, 'descriptions', checked.problem);
		return [
			{
				json: { descriptions: checked.descriptions, ...metadata(undefined, undefined, retries) },
				pairedItem: { item: itemIndex },
			},
		];
	}
	if (endpoint.answer === 'jsonPrompt') return jsonPromptItems(ctx, itemIndex, answer);
	if (endpoint.answer === 'layers')
		return await layerItems(ctx, itemIndex, meta, settings, body, retries);
	// A generation the request did not wait for (its webhook gets the result): Get Generation fetches it later.
	const submitted = generation ? undefined : pendingGenerationOf(body);
	if (submitted !== undefined) {
		return [
			{
				json: {
					generation_id: submitted,
					status: 'submitted',
					...metadata(undefined, undefined, retries),
				},
				pairedItem: { item: itemIndex },
			},
		];
	}
	if (task && !task.images) {
		return [
			{
				json: {
					task: taskForOutput(body),
					hint: 'The gateway answered with a task instead of images. Set "Task Status URL" in the Ideogram API credential so the node waits for the result.',
				},
				pairedItem: { item: itemIndex },
			},
		];
	}
	const checked = imageList(
		generation ? generation.images : task ? task.images : body.data,
		imagesAskedFor(endpoint, settings),
	);
	if ('problem' in checked)
		throw unusableAnswer(ctx, itemIndex, answer, 'image list', checked.problem);
	const extra = generation
		? { ...generationJson(generation), ...metadata(undefined, undefined, retries) }
		: task
			? { task_id: task.id, ...metadata(undefined, undefined, retries) }
			: metadata(body.notice, body.created, retries, body.generation_id);
	return await imageItems(ctx, itemIndex, meta, settings, checked.images, extra);
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
	const originalUrl =
		typeof body.original_image_url === 'string' && body.original_image_url !== ''
			? body.original_image_url
			: undefined;
	if (typeof baseUrl !== 'string' || baseUrl === '' || !Array.isArray(body.text_blocks)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Ideogram answered Layerize Text without text_blocks and a base_image_url',
			{
				itemIndex,
				description: `The request was sent and may have been billed. The answer held: ${Object.keys(body).join(', ') || 'nothing'}.`,
			},
		);
	}
	const json: IDataObject = {
		text_blocks: body.text_blocks,
		seed: body.seed,
		base_image_url: baseUrl,
		...(originalUrl !== undefined ? { original_image_url: originalUrl } : {}),
		...metadata(undefined, undefined, retries),
	};
	const policy = resultDownloads(ctx, settings);
	if (!policy) return [{ json, pairedItem: { item: itemIndex } }];
	const label = typeof body.seed === 'number' ? String(body.seed) : String(itemIndex + 1);
	const [base, original] = await Promise.all([
		resultBinary(ctx, itemIndex, meta, policy, baseUrl, 'Base image', label),
		originalUrl !== undefined
			? resultBinary(
					ctx,
					itemIndex,
					meta,
					policy,
					originalUrl,
					'Original image',
					`${label}-original`,
				)
			: undefined,
	]);
	const binary: Record<string, IBinaryData> = { [outputFieldOf(settings)]: base };
	if (original) binary[ORIGINAL_BINARY_FIELD] = original;
	return [{ json, binary, pairedItem: { item: itemIndex } }];
}
