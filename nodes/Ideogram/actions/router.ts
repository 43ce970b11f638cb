import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ImageWindow, setItemPacing } from '../helpers/imageWindow';
import { ideogramCredentials } from '../transport';

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
 * Request bodies held ready ahead of the window, at most: a full window's worth of small images, two or
 * three of the largest. Memory stays bounded by the window, however many items there are.
 */
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

/** Thrown to an item that was ready to send when another item had already failed: it is not sent. */
class NotSent extends Error {}

/**
 * Runs the operation for every input item with a sliding window: at most `Max Images in Flight` images
 * rendering at once (see ImageWindow), and items read and encoded ahead (as many, within READ_AHEAD_BYTES)
 * so that a request goes out the moment Ideogram answers an earlier one. Output keeps the input order.
 * Without "continue on fail", the first failure stops new items from being sent; those in flight finish
 * (they may be billed), then the error is raised.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const run = operations[operation]?.execute;
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	// n8n loads and decrypts a credential on first use; let that overlap reading the first items (a failure
	// surfaces where the credential is awaited, after the item's input has been checked).
	ideogramCredentials(this).catch(() => undefined);
	const capacity = Math.max(1, Number(this.getNodeParameter('options.concurrency', 0, 10)) || 10);
	const inFlight = new ImageWindow(capacity);
	// Items being read and encoded, or encoded and waiting for places: bounds the request bodies held ahead.
	const ahead = new ImageWindow(capacity);
	let largestBody = 0;
	const imagesOf = (itemIndex: number) =>
		operation === 'describe' ? 1 : Math.min(capacity, Math.max(1, Number(this.getNodeParameter('options.numImages', itemIndex, 1)) || 1));

	const results: INodeExecutionData[][] = new Array(items.length);
	// Per item: 'ahead' while it prepares, 'sending' once it holds places, 'done' once they are given back.
	const stage = new Map<number, 'ahead' | 'sending' | 'done'>();
	let failure: { itemIndex: number; error: Error } | undefined;
	const giveBack = (itemIndex: number) => {
		if (stage.get(itemIndex) === 'ahead') ahead.release(1);
		if (stage.get(itemIndex) === 'sending') inFlight.release(imagesOf(itemIndex));
		stage.set(itemIndex, 'done');
	};
	setItemPacing(this, {
		readyToSend: async (itemIndex, bodyBytes) => {
			largestBody = Math.max(largestBody, bodyBytes);
			ahead.resize(Math.max(1, Math.min(capacity, Math.floor(READ_AHEAD_BYTES / largestBody))));
			await inFlight.acquire(imagesOf(itemIndex));
			ahead.release(1);
			stage.set(itemIndex, 'sending');
			if (failure) throw new NotSent();
		},
		imagesRendered: giveBack,
	});
	const running = new Set<Promise<void>>();

	for (let itemIndex = 0; itemIndex < items.length && !failure; itemIndex++) {
		await ahead.acquire(1);
		if (failure) {
			ahead.release(1);
			break;
		}
		stage.set(itemIndex, 'ahead');
		const task: Promise<void> = run
			.call(this, itemIndex)
			.then(
				(output) => {
					results[itemIndex] = output;
				},
				(error: Error) => {
					if (error instanceof NotSent) return;
					if (this.continueOnFail()) {
						results[itemIndex] = [errorItem(error, itemIndex)];
					} else if (!failure || itemIndex < failure.itemIndex) {
						failure = { itemIndex, error };
					}
				},
			)
			.finally(() => {
				giveBack(itemIndex);
				running.delete(task);
			});
		running.add(task);
	}
	await Promise.all(running);
	if (failure) throw failure.error;
	return [results.flat()];
}
