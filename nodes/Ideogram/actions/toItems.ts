import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { descriptionList, imageList, imageOutput, isSmall } from '../helpers/answer';
import { downloadImage } from '../helpers/download';
import { snippet } from '../helpers/httpResponse';
import type { NodeSettings } from '../helpers/options';
import { ideogramCredentials, type ApiAnswer, type RetryRecord } from '../transport';

import { downloadPolicy, imagesAskedFor, maxDownloadBytes } from './prepare';
import type { OperationMeta, OperationSpec } from './types';

/** The answer's own metadata, each only while small (a server cannot bloat every item through it). */
function metadata(notice: unknown, created: unknown, retries: RetryRecord[]): IDataObject {
	return {
		...(created !== undefined && isSmall(created) ? { created } : {}),
		...(typeof notice === 'string' && notice !== '' && isSmall(notice) ? { notice } : {}),
		...(retries.length > 0 ? { retries: retries as unknown as IDataObject[] } : {}),
	};
}

/** The operation in result file names: kebab-case from version 1.1 (replace-background), as it was before. */
function fileStem(ctx: IExecuteFunctions, meta: OperationMeta): string {
	return ctx.getNode().typeVersion >= 1.1 ? meta.value.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) : meta.value;
}

/** A 2xx answer the node cannot use: the request went out and may have been billed, so say so. */
function unusableAnswer(ctx: IExecuteFunctions, itemIndex: number, answer: ApiAnswer, what: string, problem: string): NodeOperationError {
	// The body was redacted when it was parsed (transport), so the snippet cannot carry the key.
	return new NodeOperationError(ctx.getNode(), `Ideogram's answer has no usable ${what}: ${problem}`, {
		itemIndex,
		description: `The request was sent and may have been billed, so it was not sent again. The answer began: ${snippet(JSON.stringify(answer.body)) || '(empty)'}`,
	});
}

/** One item per image, in the API's order, each with its downloaded result unless the node is told not to. */
async function imageItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	settings: NodeSettings,
	images: IDataObject[],
	extra: IDataObject,
	secrets: string[],
): Promise<INodeExecutionData[]> {
	// As an AI tool the node answers with compact JSON: agents cannot use binary, and base64 floods them.
	const download = settings.downloadImages !== false && !ctx.isToolExecution?.();
	const outputField = String(settings.outputBinaryPropertyName ?? '').trim() || 'data';
	const policy = download ? await downloadPolicy(ctx, settings, maxDownloadBytes(settings)) : undefined;
	// The images of one answer (at most 8, checked before) download in parallel.
	return await Promise.all(
		images.map(async (image, index): Promise<INodeExecutionData> => {
			const json: IDataObject = { ...imageOutput(image, secrets), ...extra };
			// An image withheld by the safety check has no URL: it is reported, not an error (and it was billed).
			if (!policy || typeof image.url !== 'string' || image.url === '') return { json, pairedItem: { item: itemIndex } };
			const { data, info } = await downloadImage(ctx, image.url, `Result image ${index + 1}`, itemIndex, policy);
			const label = typeof image.seed === 'number' ? String(image.seed) : `${itemIndex + 1}-${index + 1}`;
			const binary = await ctx.helpers.prepareBinaryData(data, `ideogram-${fileStem(ctx, meta)}-${label}.${info.extension}`, info.mimeType);
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

/**
 * Turns an answer into output items as the spec says it holds images or descriptions. The answer is checked
 * first: a usable list, never more images than were asked for; only then is anything downloaded.
 */
export async function answerToItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	spec: OperationSpec,
	settings: NodeSettings,
	answer: ApiAnswer,
): Promise<INodeExecutionData[]> {
	const { body, retries, task } = answer;
	const secrets = [String((await ideogramCredentials(ctx)).apiKey ?? '')];
	if (spec.answer === 'descriptions') {
		const checked = descriptionList(body.descriptions, secrets);
		if ('problem' in checked) throw unusableAnswer(ctx, itemIndex, answer, 'descriptions', checked.problem);
		return [{ json: { descriptions: checked.descriptions, ...metadata(undefined, undefined, retries) }, pairedItem: { item: itemIndex } }];
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
	const checked = imageList(task ? task.images : body.data, imagesAskedFor(spec, settings));
	if ('problem' in checked) throw unusableAnswer(ctx, itemIndex, answer, 'image list', checked.problem);
	const extra = task ? { task_id: task.id, ...metadata(undefined, undefined, retries) } : metadata(body.notice, body.created, retries);
	return await imageItems(ctx, itemIndex, meta, settings, checked.images, extra, secrets);
}
