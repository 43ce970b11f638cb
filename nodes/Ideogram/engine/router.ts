import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { ImageWindow, type Places as AheadPlace } from './readAhead';
import { PlacesWaitEnded, type Places, type WindowShare } from '../transport/pacing/sharedWindow';
import { ideogramCredentials, keyWindow, send } from '../transport';

import { operations } from '../operations/index';
import { readSettings } from './prepare';
import type { PreparedRequest } from '../catalogue/types';
import { checkQuoteAgainstLimit, planSpending, requestCost, withCost, withExecutionCost } from './spending';

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

/**
 * Resolves after the I/O already waiting has been handled (a timer runs after the loop's pending events).
 * When a wave of answers arrives, the requests they let go are what the remaining items wait for; reading
 * the next input and downloading results are not, so they step back behind the answers and the requests.
 */
const afterPendingIo = async (): Promise<void> => await sleep(0);

/**
 * Runs the operation for every input item. Each item goes: prepare (read and check its input, encode the
 * request) → take places in the image window → send → give the places back as soon as Ideogram has
 * answered → turn the answer into items (downloads). The window is the API key's, shared by every
 * execution of the node in this process (transport/pacing/sharedWindow.ts): this execution has at most its own
 * `Max Images in Flight` images rendering, and all executions on the key together at most the largest of
 * their settings, less while Ideogram answers `429 inflight_limit`. Items are prepared ahead (up to a
 * window's worth, within READ_AHEAD_BYTES) so a request goes out the moment an earlier one is answered.
 * Output keeps the input order. Without "continue on fail", the first failure stops new items from being
 * sent; those in flight finish (they may be billed), then it is raised.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations.find((candidate) => candidate.meta.value === operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	}
	// n8n loads and decrypts a credential on first use; let that overlap reading the first items (a failure
	// surfaces where the credential is awaited, after the item's input has been checked).
	ideogramCredentials(this).catch(() => undefined);
	const capacity = Math.max(1, Number(readSettings(this, 0).concurrency) || 10);
	// With Max Cost per Execution, every item is priced before anything billable is sent.
	const spending = await planSpending(this, operation, items.length, capacity);
	let spentMicros = 0;
	let share: Promise<WindowShare> | undefined;
	const inFlight = async () => await (share ??= keyWindow(this).then((window) => window.share(capacity)));
	// Items being prepared, or prepared and waiting for places: bounds the request bodies held ahead.
	const ahead = new ImageWindow(capacity);
	let largestBody = 0;
	let failure: { itemIndex: number; error: Error } | undefined;
	const stopAfter = (itemIndex: number, error: Error) => {
		if (!failure || itemIndex < failure.itemIndex) failure = { itemIndex, error };
	};

	/** Waits for the request's places in the window, then lets the next item start preparing (behind the sends). */
	const takePlaces = async (request: PreparedRequest, aheadPlace: AheadPlace): Promise<Places> => {
		largestBody = Math.max(largestBody, request.body?.length ?? 0);
		ahead.resize(Math.max(1, Math.min(capacity, Math.floor(READ_AHEAD_BYTES / Math.max(1, largestBody)))));
		const share = await inFlight();
		let places: Places;
		try {
			places = await share.acquire(request.images, { signal: this.getExecutionCancelSignal?.() });
		} catch (error) {
			// A wait without a deadline ends early only when the execution is cancelled.
			const message = error instanceof PlacesWaitEnded ? 'The execution was cancelled while waiting for Ideogram' : (error as Error).message;
			throw new NodeOperationError(this.getNode(), message, { itemIndex: request.itemIndex });
		}
		void afterPendingIo().then(() => aheadPlace.release());
		return places;
	};

	const runItem = async (itemIndex: number, aheadPlace: AheadPlace): Promise<INodeExecutionData[] | undefined> => {
		let places: Places | undefined;
		try {
			const settings = readSettings(this, itemIndex);
			let request: PreparedRequest | undefined = await operation.prepare(this, itemIndex, settings);
			places = await takePlaces(request, aheadPlace);
			if (failure) return undefined; // another item failed while this one waited: it is not sent
			const answer = await send(this, request, places);
			const cost = requestCost(request, answer, spending?.quotes.get(itemIndex));
			spentMicros += cost?.micros ?? 0;
			// Frees the body (input files included) before the results download: a suspended async function
			// keeps its locals alive.
			request = undefined;
			places.release();
			await afterPendingIo();
			const output = await operation.toItems(this, itemIndex, settings, answer);
			if (spending?.estimateOnly) checkQuoteAgainstLimit(this, itemIndex, output, spending);
			return withCost(output, cost);
		} catch (error) {
			if (this.continueOnFail()) return [errorItem(error as Error, itemIndex)];
			// Recorded before the places go back (finally), so an item waiting for them is not sent.
			stopAfter(itemIndex, error as Error);
			return undefined;
		} finally {
			places?.release();
			aheadPlace.release();
		}
	};

	const results: INodeExecutionData[][] = new Array(items.length);
	const running = new Set<Promise<void>>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const notSent = spending?.notSent.get(itemIndex);
		if (notSent) {
			if (this.continueOnFail()) results[itemIndex] = [errorItem(notSent, itemIndex)];
			continue;
		}
		const aheadPlace = await ahead.take(1);
		if (failure) {
			aheadPlace.release();
			break;
		}
		const task: Promise<void> = runItem(itemIndex, aheadPlace)
			.then((output) => {
				if (output) results[itemIndex] = output;
			})
			.finally(() => running.delete(task));
		running.add(task);
	}
	await Promise.all(running);
	if (failure) throw failure.error;
	if (spending?.afterSent && !this.continueOnFail()) throw spending.afterSent;
	const output = results.flat();
	return [spending && !spending.estimateOnly ? withExecutionCost(output, spentMicros) : output];
}
