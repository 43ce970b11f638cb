// The answer of a 4.x cost estimate (`?dry_run=true`, reference §5): a price quote, validated before it becomes
// output. (The acknowledgement of a request with a webhook is output by toItems, as any generation not waited for.)

import type { IDataObject } from 'n8n-workflow';

/** A server answer that does not have the documented shape; the message says what came back instead. */
export class UnexpectedAnswer extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'UnexpectedAnswer';
	}
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * The output of a cost estimate: the PriceQuote's fields plus `usd` (a number, for people and IF nodes). A
 * server that ran the request instead (it ignored `dry_run`, as a gateway might) is an error, and its images are
 * not downloaded.
 */
export function priceQuoteJson(body: IDataObject): IDataObject {
	if (Array.isArray(body.data) || (typeof body.generation_id === 'string' && body.object !== 'price_quote')) {
		throw new UnexpectedAnswer(
			'The server ran the request instead of quoting its price: it ignored dry_run',
			'Ideogram answers a cost estimate with a price quote. This server (a gateway?) generated the images instead, and may have billed them; the node did not download them. Estimate costs against the official API (https://api.ideogram.ai).',
		);
	}
	if (body.object !== 'price_quote' || !isCount(body.usd_micros)) {
		throw new UnexpectedAnswer(
			'The answer to the cost estimate is not a price quote',
			`Expected {"object": "price_quote", "usd_micros": …}; got ${JSON.stringify(body).slice(0, 300)}`,
		);
	}
	const quote: IDataObject = {};
	if (typeof body.billing_identifier === 'string') quote.billing_identifier = body.billing_identifier;
	if (isCount(body.quantity)) quote.quantity = body.quantity;
	quote.usd_micros = body.usd_micros;
	if (isCount(body.credit_millis)) quote.credit_millis = body.credit_millis;
	if (typeof body.qualifier === 'string') quote.qualifier = body.qualifier;
	if (isCount(body.upper_bound_usd_micros)) quote.upper_bound_usd_micros = body.upper_bound_usd_micros;
	quote.usd = body.usd_micros / 1_000_000;
	return quote;
}
