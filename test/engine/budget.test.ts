import { costLimitMicros, costShares, itemsNamed, overBudgetMode, planBudget, quotedMicros, usd } from '../../nodes/Ideogram/engine/budget';
import { errorOf } from '../support/parts';

describe('amounts in whole micro-USD', () => {
	it('writes plain USD decimals: cents always, more digits only where the amount has them', () => {
		expect([720000, 500000, 12_000_000, 125, 60_000, 0, 1_234_567].map(usd)).toEqual(['$0.72', '$0.50', '$12.00', '$0.000125', '$0.06', '$0.00', '$1.234567']);
	});

	it('reads Max Cost per Execution as micro-USD; 0 or empty is no limit; anything else is refused by name', () => {
		expect(costLimitMicros({ maxCostUsd: 0.5 })).toBe(500_000);
		// 0.1 + 0.2 in floats is 0.30000000000000004: the limit is rounded to the micro, sums are integers.
		expect(costLimitMicros({ maxCostUsd: 0.1 + 0.2 })).toBe(300_000);
		expect(costLimitMicros({ maxCostUsd: '1.25' })).toBe(1_250_000);
		expect([costLimitMicros({}), costLimitMicros({ maxCostUsd: 0 }), costLimitMicros({ maxCostUsd: '' })]).toEqual([undefined, undefined, undefined]);
		expect(errorOf(() => costLimitMicros({ maxCostUsd: -1 })).message).toMatch(/^Max Cost per Execution \(USD\): must be an amount in USD/);
		expect(errorOf(() => costLimitMicros({ maxCostUsd: 'ten dollars' })).field).toBe('Max Cost per Execution (USD)');
		expect(overBudgetMode({})).toBe('stopBeforeSending');
		expect(errorOf(() => overBudgetMode({ whenOverBudget: 'panic' })).field).toBe('When Over Budget');
	});

	it("takes a quote's upper bound where it is an estimate, and only whole micro-USD", () => {
		expect(quotedMicros({ usd_micros: 120000 })).toBe(120000);
		expect(quotedMicros({ usd_micros: 120000, upper_bound_usd_micros: 180000 })).toBe(180000);
		expect(quotedMicros({ usd_micros: 0.5 })).toBeUndefined();
		expect(quotedMicros({ usd_micros: '120000' })).toBeUndefined();
	});
});

describe('which items fit', () => {
	const quotes = [60000, 60000, 60000, 60000, 60000].map((micros, itemIndex) => ({ itemIndex, micros }));

	it('Stop Before Sending sends all or nothing', () => {
		expect([...planBudget(quotes, 300_000, 'stopBeforeSending').send]).toEqual([0, 1, 2, 3, 4]);
		const over = planBudget(quotes, 299_999, 'stopBeforeSending');
		expect(over.send.size).toBe(0);
		expect(over.totalMicros).toBe(300_000);
		expect(over.notSent).toEqual([0, 1, 2, 3, 4]);
	});

	it('Send What Fits sends in input order while the running total fits, none after the first that does not', () => {
		const plan = planBudget([{ itemIndex: 2, micros: 50 }, { itemIndex: 0, micros: 100 }, { itemIndex: 1, micros: 100 }, { itemIndex: 3, micros: 10 }], 220, 'sendWhatFits');
		expect([...plan.send]).toEqual([0, 1]);
		expect(plan.sentMicros).toBe(200);
		expect(plan.notSent).toEqual([2, 3]);
	});

	it('sums many small prices exactly (no float drift)', () => {
		const many = Array.from({ length: 1000 }, (_, itemIndex) => ({ itemIndex, micros: 100_000 }));
		expect(planBudget(many, 100_000_000, 'stopBeforeSending').send.size).toBe(1000);
		expect(planBudget(many, 99_999_999, 'sendWhatFits').send.size).toBe(999);
	});

	it('names items by position', () => {
		expect(itemsNamed([2])).toBe('item 3');
		expect(itemsNamed([1, 4, 6])).toBe('items 2, 5 and 7');
		expect(itemsNamed(Array.from({ length: 15 }, (_, index) => index))).toBe('items 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 5 more');
	});
});

describe('the cost of each result', () => {
	it("divides a request's cost evenly among its items, the shares adding up to it", () => {
		const shares = costShares({ micros: 100_000, source: 'answer' }, 3);
		expect(shares.map((share) => share.usd)).toEqual([0.033334, 0.033333, 0.033333]);
		expect(shares.every((share) => share.requestUsd === 0.1 && share.source === 'answer')).toBe(true);
		expect(shares.reduce((sum, share) => sum + Math.round((share.usd as number) * 1e6), 0)).toBe(100_000);
	});
});
