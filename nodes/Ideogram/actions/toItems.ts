import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { downloadImage } from '../helpers/download';
import type { NodeSettings } from '../helpers/options';
import type { ApiAnswer, RetryRecord } from '../transport';

import { requestPolicy } from './prepare';
import type { OperationMeta, OperationSpec } from './types';

function metadata(notice: unknown, created: unknown, retries: RetryRecord[]): IDataObject {
	return {
		...(created !== undefined ? { created } : {}),
		...(typeof notice === 'string' && notice !== '' ? { notice } : {}),
		...(retries.length > 0 ? { retries: retries as unknown as IDataObject[] } : {}),
	};
}

/** The operation in result file names: kebab-case from version 1.1 (replace-background), as it was before. */
function fileStem(ctx: IExecuteFunctions, meta: OperationMeta): string {
	return ctx.getNode().typeVersion >= 1.1 ? meta.value.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) : meta.value;
}

/** One item per image, in the API's order, each with its downloaded result unless the node is told not to. */
async function imageItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	settings: NodeSettings,
	images: IDataObject[],
	extra: IDataObject,
): Promise<INodeExecutionData[]> {
	// As an AI tool the node answers with compact JSON: agents cannot use binary, and base64 floods them.
	const download = settings.downloadImages !== false && !ctx.isToolExecution?.();
	const outputField = String(settings.outputBinaryPropertyName ?? '').trim() || 'data';
	const { timeoutMs } = requestPolicy(settings);
	// The images of one answer download in parallel.
	return await Promise.all(
		images.map(async (image, index): Promise<INodeExecutionData> => {
			const json: IDataObject = { ...image, ...extra };
			// An image withheld by the safety check has no URL: it is reported, not an error (and it was billed).
			if (!download || typeof image.url !== 'string' || image.url === '') return { json, pairedItem: { item: itemIndex } };
			const { data, info } = await downloadImage(ctx, image.url, `Result image ${index + 1}`, itemIndex, timeoutMs);
			const label = image.seed !== undefined ? String(image.seed) : `${itemIndex + 1}-${index + 1}`;
			const binary = await ctx.helpers.prepareBinaryData(data, `ideogram-${fileStem(ctx, meta)}-${label}.${info.extension}`, info.mimeType);
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
	const { body, retries, task } = answer;
	if (spec.answer === 'descriptions') {
		return [{ json: { descriptions: body.descriptions ?? [], ...metadata(undefined, undefined, retries) }, pairedItem: { item: itemIndex } }];
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
	return await imageItems(ctx, itemIndex, meta, settings, images, metadata(body.notice, body.created, retries));
}
