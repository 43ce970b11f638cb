import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ImageWindow, onImagesRendered } from '../helpers/imageWindow';

import * as describe from './describe.operation';
import * as edit from './edit.operation';
import * as generate from './generate.operation';
import * as reframe from './reframe.operation';
import * as remix from './remix.operation';
import * as replaceBackground from './replaceBackground.operation';
import * as upscale from './upscale.operation';

export const operations = { describe, edit, generate, reframe, remix, replaceBackground, upscale };

export type Operation = keyof typeof operations;

function errorItem(error: Error & { description?: unknown; httpCode?: unknown }, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description !== '') json.description = error.description;
	if (typeof error.httpCode === 'string') json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs the operation for every input item with a sliding window: an item starts as soon as there is room,
 * with at most `Max Images in Flight` images rendering at once (see ImageWindow). Output keeps the input
 * order. Without "continue on fail", the first failure stops new items from starting; those in flight
 * finish (they may be billed), then the error is raised.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const run = operations[operation]?.execute;
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const window = new ImageWindow(Math.max(1, Number(this.getNodeParameter('options.concurrency', 0, 10)) || 10));
	const imagesOf = (itemIndex: number) =>
		operation === 'describe' ? 1 : Math.min(window.capacity, Math.max(1, Number(this.getNodeParameter('options.numImages', itemIndex, 1)) || 1));

	const results: INodeExecutionData[][] = new Array(items.length);
	const releases = new Map<number, () => void>();
	onImagesRendered(this, (itemIndex) => releases.get(itemIndex)?.());
	let failure: { itemIndex: number; error: Error } | undefined;
	const running = new Set<Promise<void>>();

	for (let itemIndex = 0; itemIndex < items.length && !failure; itemIndex++) {
		const images = imagesOf(itemIndex);
		await window.acquire(images);
		if (failure) {
			window.release(images);
			break;
		}
		let released = false;
		releases.set(itemIndex, () => {
			if (!released) window.release(images);
			released = true;
		});
		const task: Promise<void> = run
			.call(this, itemIndex)
			.then(
				(output) => {
					results[itemIndex] = output;
				},
				(error: Error) => {
					if (this.continueOnFail()) {
						results[itemIndex] = [errorItem(error, itemIndex)];
					} else if (!failure || itemIndex < failure.itemIndex) {
						failure = { itemIndex, error };
					}
				},
			)
			.finally(() => {
				releases.get(itemIndex)?.();
				releases.delete(itemIndex);
				running.delete(task);
			});
		running.add(task);
	}
	await Promise.all(running);
	if (failure) throw failure.error;
	return [results.flat()];
}
