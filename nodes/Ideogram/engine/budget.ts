// Spend control: prices kept in whole micro-USD (never floats), the execution's limit, which items fit under it,
// and the cost every result carries.

import type { IDataObject } from 'n8n-workflow';

import { labelOf, type NodeSettings } from '../options/definitions';
import { InputError, isSet } from '../options/validators';

/** 1 USD in micro-USD. */
const MICROS = 1_000_000;

/** The most a limit can be: far above any batch, far below where integer micro-USD lose precision. */
const MAX_LIMIT_USD = 1_000_000;

/** A micro-USD amount as plain USD for messages: `$0.72`, `$0.0125`, `$12`. */
export function usd(micros: number): string {
	const whole = Math.floor(micros / MICROS);
	const fraction = String(micros % MICROS)
		.padStart(6, '0')
		.replace(/0+$/, '');
	const cents = fraction.length < 2 ? fraction.padEnd(2, '0') : fraction;
	return `$${whole}.${cents}`;
}

/** A micro-USD amount as a number of USD for output (exact to the micro). */
export function usdNumber(micros: number): number {
	return micros / MICROS;
}

/**
 * Max Cost per Execution in micro-USD, or undefined for no limit (0 or empty). A negative number, text or more
 * than a million USD is refused with the field's name.
 */
export function costLimitMicros(settings: NodeSettings): number | undefined {
	const value = settings.maxCostUsd;
	if (!isSet(value) || value === 0 || value === '0') return undefined;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > MAX_LIMIT_USD) {
		throw new InputError(labelOf('maxCostUsd'), `must be an amount in USD from 0 (no limit) to ${MAX_LIMIT_USD}, got ${JSON.stringify(value)}`);
	}
	return Math.round(number * MICROS);
}

export type OverBudget = 'stopBeforeSending' | 'sendWhatFits';

export function overBudgetMode(settings: NodeSettings): OverBudget {
	const value = settings.whenOverBudget ?? 'stopBeforeSending';
	if (value !== 'stopBeforeSending' && value !== 'sendWhatFits') {
		throw new InputError(labelOf('whenOverBudget'), `${JSON.stringify(value)} is not one of stopBeforeSending, sendWhatFits`);
	}
	return value;
}

/** A whole, non-negative number of micro-USD, or undefined. */
function micros(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** What a price quote says the request costs at most: its upper bound where it is an estimate. */
export function quotedMicros(quote: IDataObject): number | undefined {
	const price = micros(quote.usd_micros);
	const upper = micros(quote.upper_bound_usd_micros);
	return price === undefined ? undefined : Math.max(price, upper ?? price);
}

/** An item's quote: its position and price (undefined for an item whose quote failed). */
export interface ItemQuote {
	itemIndex: number;
	micros: number;
}

/** The plan for an execution under its limit: which items are sent, and what the rest would have cost. */
export interface BudgetPlan {
	send: Set<number>;
	totalMicros: number;
	sentMicros: number;
	notSent: number[];
}

/**
 * Which items to send. Stop Before Sending sends all or nothing; Send What Fits sends items in input order while
 * the running total of their quotes stays within the limit, and none after the first that does not fit.
 */
export function planBudget(quotes: ItemQuote[], limit: number, mode: OverBudget): BudgetPlan {
	const ordered = [...quotes].sort((a, b) => a.itemIndex - b.itemIndex);
	const totalMicros = ordered.reduce((sum, quote) => sum + quote.micros, 0);
	const send = new Set<number>();
	let sentMicros = 0;
	if (totalMicros <= limit || mode === 'sendWhatFits') {
		for (const quote of ordered) {
			if (sentMicros + quote.micros > limit) break;
			sentMicros += quote.micros;
			send.add(quote.itemIndex);
		}
	}
	return { send, totalMicros, sentMicros, notSent: ordered.filter((quote) => !send.has(quote.itemIndex)).map((quote) => quote.itemIndex) };
}

/** `item 3`, `items 2, 5 and 7`: items by their position, as people count them. */
export function itemsNamed(itemIndexes: number[]): string {
	const numbers = itemIndexes.map((index) => String(index + 1));
	if (numbers.length <= 1) return `item ${numbers[0] ?? ''}`.trim();
	const shown = numbers.length > 10 ? [...numbers.slice(0, 10), `${numbers.length - 10} more`] : numbers;
	return `items ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** What a request cost, and where the number comes from. */
export interface RequestCost {
	micros: number;
	source: 'answer' | 'quote';
}

/**
 * The cost each of a request's output items carries: the request's cost divided evenly among them (in whole
 * micro-USD, the remainder on the first item, so the shares add up to the request's cost).
 */
export function costShares(cost: RequestCost, items: number): IDataObject[] {
	const share = Math.floor(cost.micros / Math.max(1, items));
	const remainder = cost.micros - share * Math.max(1, items);
	return Array.from({ length: items }, (_, index) => ({
		usd: usdNumber(share + (index === 0 ? remainder : 0)),
		requestUsd: usdNumber(cost.micros),
		source: cost.source,
	}));
}
