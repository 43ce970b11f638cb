import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { imageList, MAX_IMAGES_PER_REQUEST } from '../engine/answerChecks';
import type { NodeSettings } from '../options/definitions';
import { generationJson, type ApiAnswer } from '../transport';
import { generationPath, readGeneration } from '../transport/generations';

import { optionCollections } from './panel';
import { notSent, requestPolicy } from '../engine/prepare';
import { imageItems, retriesJson } from '../engine/toItems';
import type { Operation, OperationMeta, PreparedRequest } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'getGeneration',
	name: 'Get Generation',
	action: 'Get a generation',
	description: 'Look up an Ideogram generation by its ID: pending, failed, or completed with its images',
};

/** Generation IDs are URL-safe base64. */
const GENERATION_ID = /^[A-Za-z0-9_-]+=*$/;

/** Checks the item's Generation ID and builds its GET; a poll renders nothing, so it takes no places. */
async function prepare(ctx: IExecuteFunctions, itemIndex: number, settings: NodeSettings): Promise<PreparedRequest> {
	const value = ctx.getNodeParameter('generationId', itemIndex) as unknown;
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!GENERATION_ID.test(id)) {
		throw new NodeOperationError(ctx.getNode(), id === '' ? 'Generation ID is required' : `Generation ID "${id}" is not an Ideogram generation ID`, {
			itemIndex,
			description: 'Use the generation_id an earlier Ideogram request returned (letters, digits, - and _). Nothing was sent to Ideogram.',
		});
	}
	let policy;
	try {
		policy = requestPolicy(settings);
	} catch (error) {
		notSent(ctx, itemIndex, error);
	}
	// Reports the generation as it is now: a pending one is output as pending, not waited for.
	return { method: 'GET', path: generationPath(id), itemIndex, policy, images: 0, waitFor: [] };
}

/**
 * One item with the generation's status (and failure_reason, usage_cost_usd_micros when present); once it
 * has completed, one item per image instead, each downloaded unless Download Images is off.
 */
async function toItems(ctx: IExecuteFunctions, itemIndex: number, settings: NodeSettings, answer: ApiAnswer): Promise<INodeExecutionData[]> {
	let generation;
	try {
		generation = readGeneration(answer.body);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Ideogram's answer could not be read: ${(error as Error).message}`, { itemIndex });
	}
	const json = { ...generationJson(generation), ...retriesJson(answer.retries) };
	if (generation.status !== 'completed' || generation.images.length === 0) return [{ json, pairedItem: { item: itemIndex } }];
	// A generation holds the images of one request: never more than a request can ask for.
	const checked = imageList(generation.images, MAX_IMAGES_PER_REQUEST);
	if ('problem' in checked) {
		throw new NodeOperationError(ctx.getNode(), `Ideogram's answer has no usable image list: ${checked.problem}`, { itemIndex });
	}
	return await imageItems(ctx, itemIndex, meta, settings, checked.images, json);
}

export const operation: Operation = {
	meta,
	properties: updateDisplayOptions({ show: { operation: [meta.value] } }, [
		{
			displayName: 'Generation ID',
			name: 'generationId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'xtdZiqPwRxqY1Y7NExFmzB',
			description: 'The generation_id an earlier request returned, for example one sent with a webhook URL',
		},
		// A generation may hold SVGs (Generate Vector, Vectorize): Allow Active SVG decides whether active ones are kept.
		...optionCollections([], true, ['allowActiveSvg']),
	]),
	prepare,
	toItems,
};
