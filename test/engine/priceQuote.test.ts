import { priceQuoteJson, UnexpectedAnswer } from '../../nodes/Ideogram/engine/priceQuote';

describe('price quotes', () => {
	it('outputs the PriceQuote fields and usd as a number', () => {
		expect(
			priceQuoteJson({
				object: 'price_quote',
				billing_identifier: 'ideogram_4_5_generate',
				quantity: 2,
				usd_micros: 120000,
				credit_millis: 12000,
				qualifier: 'estimate',
				upper_bound_usd_micros: 160000,
			}),
		).toEqual({
			billing_identifier: 'ideogram_4_5_generate',
			quantity: 2,
			usd_micros: 120000,
			credit_millis: 12000,
			qualifier: 'estimate',
			upper_bound_usd_micros: 160000,
			usd: 0.12,
		});
	});

	it('leaves out fields the quote does not have', () => {
		expect(priceQuoteJson({ object: 'price_quote', usd_micros: 60000, qualifier: 'exact' })).toEqual({ usd_micros: 60000, qualifier: 'exact', usd: 0.06 });
	});

	it('refuses an answer with images: the server ignored dry_run', () => {
		const run = () => priceQuoteJson({ generation_id: 'abc', data: [{ url: 'https://x/1.png' }] });
		expect(run).toThrow(UnexpectedAnswer);
		expect(run).toThrow(/ignored dry_run/);
	});

	it('refuses an answer that is not a price quote', () => {
		expect(() => priceQuoteJson({ object: 'price_quote', usd_micros: '60000' })).toThrow(/not a price quote/);
		expect(() => priceQuoteJson({})).toThrow(/not a price quote/);
	});
});
