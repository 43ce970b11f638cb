// Max Cost per Execution: every item is priced (dry_run: nothing renders or is billed) before anything billable
// of the execution is sent, the quotes are added up in micro-USD, and the plan says which items go.

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Operation, PreparedRequest } from '../catalogue/types';
import { send, type ApiAnswer } from '../transport';

import { costLimitMicros, costShares, itemsNamed, overBudgetMode, planBudget, quotedMicros, usd, usdNumber, type ItemQuote, type RequestCost } from './budget';
import { readSettings } from './prepare';
import { priceQuoteJson, UnexpectedAnswer } from './priceQuote';

const LIMIT = 'Max Cost per Execution';

/** What the router needs of the execution's limit. */
export interface Spending {
	limitMicros: number;
	/** Estimate Cost is on: nothing is billed, each quote is only checked against the limit. */
	estimateOnly: boolean;
	/** The quote of each item that is sent. */
	quotes: Map<number, number>;
	/** Items that are not sent, with the reason each one's error item gives. */
	notSent: Map<number, Error>;
	/** Raised once the sent items have finished, when some were left out and "continue on fail" is off. */
	afterSent?: Error;
}

function limitError(ctx: IExecuteFunctions, message: string, description: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${LIMIT}: ${message}`, { description, ...(itemIndex !== undefined ? { itemIndex } : {}) });
}

/** Prices one item: its very request with `dry_run`, sent at once (a quote takes no places in the window). */
async function quoteItem(ctx: IExecuteFunctions, operation: Operation, itemIndex: number): Promise<number> {
	const request = await operation.prepare(ctx, itemIndex, { ...readSettings(ctx, itemIndex), estimateCost: true });
	const answer = await send(ctx, request);
	let quote: IDataObject;
	try {
		quote = priceQuoteJson(answer.body);
	} catch (error) {
		const { message, description } = error as UnexpectedAnswer;
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description: `${description} Nothing billable was sent.` });
	}
	const micros = quotedMicros(quote);
	if (micros === undefined) throw new NodeOperationError(ctx.getNode(), "Ideogram's price quote has no whole usd_micros", { itemIndex });
	return micros;
}

/** Runs `task` for every index, at most `capacity` at a time, stopping early when the execution is cancelled. */
async function eachAtMost(ctx: IExecuteFunctions, count: number, capacity: number, task: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !ctx.getExecutionCancelSignal?.()?.aborted) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(capacity, count) }, worker));
}

/**
 * The execution's limit, read from the first item, and the plan for it: every item priced (within Max Images in
 * Flight), the quotes added up (the upper bound where a quote is an estimate), and the items that fit. Without
 * "continue on fail", a failed quote or a total over the limit (Stop Before Sending) ends the execution here,
 * before anything billable is sent. Undefined where there is no limit or the operation is never priced.
 */
export async function planSpending(ctx: IExecuteFunctions, operation: Operation, itemCount: number, capacity: number): Promise<Spending | undefined> {
	if (!operation.priced) return undefined;
	const first = readSettings(ctx, 0);
	let limitMicros: number | undefined;
	try {
		limitMicros = costLimitMicros(first);
		overBudgetMode(first);
	} catch {
		return undefined; // each item's preparation refuses the value, naming the field, before anything is sent
	}
	if (limitMicros === undefined) return undefined;
	const spending: Spending = { limitMicros, estimateOnly: first.estimateCost === true, quotes: new Map(), notSent: new Map() };
	if (spending.estimateOnly) return spending;

	const failures = new Map<number, Error>();
	await eachAtMost(ctx, itemCount, capacity, async (itemIndex) => {
		try {
			spending.quotes.set(itemIndex, await quoteItem(ctx, operation, itemIndex));
		} catch (error) {
			failures.set(itemIndex, error as Error);
		}
	});
	if (ctx.getExecutionCancelSignal?.()?.aborted) throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled while its items were priced; nothing billable was sent');
	const firstFailure = [...failures.keys()].sort((a, b) => a - b)[0];
	if (firstFailure !== undefined && !ctx.continueOnFail()) throw failures.get(firstFailure)!;
	for (const [itemIndex, error] of failures) spending.notSent.set(itemIndex, error);

	const quotes: ItemQuote[] = [...spending.quotes].map(([itemIndex, micros]) => ({ itemIndex, micros }));
	const mode = overBudgetMode(first);
	const plan = planBudget(quotes, limitMicros, mode);
	const over = `${usd(plan.totalMicros)} for ${quotes.length} item${quotes.length === 1 ? '' : 's'}, over the limit of ${usd(limitMicros)}`;
	if (plan.notSent.length === 0) return spending;
	if (mode === 'stopBeforeSending') {
		const error = limitError(ctx, `the price quotes add up to ${over}`, 'Nothing was sent to Ideogram (price quotes are free). Raise the limit, send fewer items, or set When Over Budget to Send What Fits.');
		if (!ctx.continueOnFail()) throw error;
		for (const itemIndex of plan.notSent) spending.notSent.set(itemIndex, limitError(ctx, `not sent: the price quotes add up to ${over}`, error.description ?? '', itemIndex));
	} else {
		for (const itemIndex of plan.notSent) {
			spending.notSent.set(
				itemIndex,
				limitError(ctx, `item ${itemIndex + 1} was not sent: with it the quotes would exceed the limit of ${usd(limitMicros)}`, 'Items are sent in input order while their quotes fit within the limit.', itemIndex),
			);
		}
		spending.afterSent = limitError(
			ctx,
			`sent ${plan.send.size} of ${quotes.length} items for ${usd(plan.sentMicros)}; ${itemsNamed(plan.notSent)} not sent: the quotes add up to ${over}`,
			'The items that fit were sent and their results are in this execution; the rest were not sent.',
		);
	}
	for (const itemIndex of plan.notSent) spending.quotes.delete(itemIndex);
	return spending;
}

/** What a sent request cost: what Ideogram's answer says it billed, else its quote; nothing for a quote itself. */
export function requestCost(request: PreparedRequest, answer: ApiAnswer, quoteMicros: number | undefined): RequestCost | undefined {
	if (request.priceOnly) return undefined;
	const billed = answer.generation?.usageCostUsdMicros ?? answer.body.usage_cost_usd_micros;
	if (typeof billed === 'number' && Number.isSafeInteger(billed) && billed >= 0) return { micros: billed, source: 'answer' };
	return quoteMicros === undefined ? undefined : { micros: quoteMicros, source: 'quote' };
}

/** The request's output items, each with its share of the request's cost. */
export function withCost(items: INodeExecutionData[], cost: RequestCost | undefined): INodeExecutionData[] {
	if (!cost) return items;
	const shares = costShares(cost, items.length);
	return items.map((item, index) => ({ ...item, json: { ...item.json, cost: shares[index] } }));
}

/** With Estimate Cost on, an item whose quote alone is over the limit fails, named by its position. */
export function checkQuoteAgainstLimit(ctx: IExecuteFunctions, itemIndex: number, items: INodeExecutionData[], spending: Spending): void {
	const micros = items.length > 0 ? quotedMicros(items[0].json) : undefined;
	if (micros !== undefined && micros > spending.limitMicros) {
		throw limitError(ctx, `item ${itemIndex + 1}'s price quote alone is ${usd(micros)}, over the limit of ${usd(spending.limitMicros)}`, 'This was only a price quote: nothing was generated or billed.', itemIndex);
	}
}

/** `executionCostUsd` on the first output item: what the requests sent cost together. */
export function withExecutionCost(output: INodeExecutionData[], totalMicros: number): INodeExecutionData[] {
	if (output.length === 0) return output;
	const [first, ...rest] = output;
	return [{ ...first, json: { ...first.json, executionCostUsd: usdNumber(totalMicros) } }, ...rest];
}
