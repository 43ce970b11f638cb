// Max Cost per Execution against the sandbox: every item is priced with dry_run before anything billable is
// sent, and the sandbox's request log shows exactly what went out.
import { startSandbox } from '../../sandbox/server';
import { createHarness, type HarnessOptions } from '../support/harness';
import { failureOf } from '../support/parts';

const KEY = 'spending-test-key';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

beforeEach(async () => {
	sandbox = await startSandbox({ apiKey: KEY });
});
afterEach(async () => {
	await sandbox.close();
});

function harness(options: Partial<HarnessOptions> & { parameters: Record<string, unknown> }) {
	return createHarness({ credentials: { apiKey: KEY, baseUrl: sandbox.apiUrl, authHeader: 'apiKey' }, typeVersion: 1.2, ...options });
}

const items = (count: number) => Array.from({ length: count }, () => ({ json: {} }));
const generate = (requestOptions: Record<string, unknown>, options: Record<string, unknown> = {}) => ({
	operation: 'generate',
	model: 'ideogram-4-5',
	prompt: (index: number) => `a lighthouse, number ${index + 1}`,
	options: { quality: 'low', ...options },
	requestOptions: { downloadImages: false, ...requestOptions },
});
const quotes = () => sandbox.requests.filter((request) => request.query?.dry_run === 'true');
const renders = () => sandbox.requests.filter((request) => request.query?.dry_run !== 'true');

/** What the sandbox quotes for one item of `generate` (learned, not assumed, so the tests follow its price list). */
async function priceOfOne(): Promise<number> {
	const { run } = harness({ parameters: generate({}, { estimateCost: true }), items: items(1) });
	const [quote] = await run();
	sandbox.requests.length = 0;
	return quote.json.usd_micros as number;
}

describe('Max Cost per Execution', () => {
	it('Stop Before Sending: 12 items over the limit send nothing but quotes, and the error says the total and the limit', async () => {
		const price = await priceOfOne();
		const limit = (price * 12 - 1) / 1e6;
		const { run } = harness({ parameters: generate({ maxCostUsd: limit }), items: items(12) });
		const error = await failureOf(run);
		expect(error.message).toMatch(new RegExp(`^Max Cost per Execution: the price quotes add up to \\$[0-9.]+ for 12 items, over the limit of \\$[0-9.]+$`));
		expect(error.description).toMatch(/^Nothing was sent to Ideogram/);
		expect(quotes()).toHaveLength(12);
		expect(renders()).toHaveLength(0);
	});

	it('Stop Before Sending with Continue On Fail: one error item per input item, nothing rendered', async () => {
		const price = await priceOfOne();
		const { run } = harness({ parameters: generate({ maxCostUsd: (price * 3 - 1) / 1e6 }), items: items(3), continueOnFail: true });
		const output = await run();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.every((item) => /not sent: the price quotes add up to/.test(String(item.json.error)))).toBe(true);
		expect(renders()).toHaveLength(0);
	});

	it('within the limit everything is sent; each result carries its cost and the first its execution total', async () => {
		const price = await priceOfOne();
		const { run } = harness({ parameters: generate({ maxCostUsd: (price * 4) / 1e6 }, { numImages: 2 }), items: items(2) });
		const output = await run();
		expect(quotes()).toHaveLength(2);
		expect(renders()).toHaveLength(2);
		expect(output).toHaveLength(4);
		for (const item of output) expect(item.json.cost).toEqual({ usd: expect.any(Number), requestUsd: expect.any(Number), source: expect.stringMatching(/^(answer|quote)$/) });
		const requestTotals = [output[0], output[2]].map((item) => (item.json.cost as { requestUsd: number }).requestUsd);
		// Each request's items share its cost exactly.
		for (const [first, second] of [[output[0], output[1]], [output[2], output[3]]]) {
			const [a, b] = [first, second].map((item) => item.json.cost as { usd: number; requestUsd: number });
			expect(Math.round(a.usd * 1e6) + Math.round(b.usd * 1e6)).toBe(Math.round(a.requestUsd * 1e6));
		}
		expect(Math.round((output[0].json.executionCostUsd as number) * 1e6)).toBe(requestTotals.reduce((sum, usd) => sum + Math.round(usd * 1e6), 0));
		expect(output.slice(1).every((item) => item.json.executionCostUsd === undefined)).toBe(true);
	});

	it('Send What Fits sends the first items that fit, in input order, and then fails naming what was sent', async () => {
		const price = await priceOfOne();
		const { run } = harness({ parameters: generate({ maxCostUsd: (price * 5.5) / 1e6, whenOverBudget: 'sendWhatFits' }), items: items(12) });
		const error = await failureOf(run);
		expect(error.message).toMatch(/^Max Cost per Execution: sent 5 of 12 items for \$[0-9.]+; items 6, 7, 8, 9, 10, 11 and 12 not sent/);
		expect(renders().map((request) => request.fields.prompt?.[0]).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `a lighthouse, number ${n}`).sort());
	});

	it('Send What Fits with Continue On Fail: the sent items, then an error item for each one left out', async () => {
		const price = await priceOfOne();
		const { run } = harness({ parameters: generate({ maxCostUsd: (price * 2) / 1e6, whenOverBudget: 'sendWhatFits' }), items: items(4), continueOnFail: true });
		const output = await run();
		expect(output.map((item) => [item.pairedItem, item.json.error === undefined])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, true],
			[{ item: 2 }, false],
			[{ item: 3 }, false],
		]);
		expect(output[2].json.error).toMatch(/^Max Cost per Execution: item 3 was not sent/);
		expect(renders()).toHaveLength(2);
	});

	it('a quote that fails ends the execution before anything is rendered; with Continue On Fail only that item fails', async () => {
		// 1024x2048 is within the size rules but not one of the sandbox's presets: Ideogram answers 400.
		const parameters = { ...generate({ maxCostUsd: 5 }), options: (index: number) => ({ quality: 'low', ...(index === 1 ? { size: '1024x2048' } : {}) }) };
		const failing = harness({ parameters, items: items(3) });
		expect((await failureOf(failing.run)).message).toMatch(/HTTP 400/);
		expect(renders()).toHaveLength(0);
		sandbox.requests.length = 0;
		const output = await harness({ parameters, items: items(3), continueOnFail: true }).run();
		expect(output.map((item) => item.json.error === undefined)).toEqual([true, false, true]);
		expect(renders()).toHaveLength(2);
	});

	it('is refused on Ideogram 3.0 (no price quotes) before anything is sent', async () => {
		const { run } = harness({ parameters: { ...generate({ maxCostUsd: 1 }), model: 'ideogram-3', options: {} }, items: items(2) });
		const error = await failureOf(run);
		expect(error.message).toMatch(/^Max Cost per Execution \(USD\): Ideogram does not price Ideogram 3\.0 Generate in advance/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('with Estimate Cost, an item whose quote alone is over the limit is named', async () => {
		const price = await priceOfOne();
		const parameters = { ...generate({ maxCostUsd: (price * 1.5) / 1e6 }), options: (index: number) => ({ quality: 'low', estimateCost: true, numImages: index === 2 ? 2 : 1 }) };
		const output = await harness({ parameters, items: items(3), continueOnFail: true }).run();
		expect(output.map((item) => item.json.error ?? 'quote')).toEqual(['quote', 'quote', expect.stringMatching(/^Max Cost per Execution: item 3's price quote alone is \$/)]);
		expect(renders()).toHaveLength(0);
	});

	it('stops pricing when the execution is cancelled, and sends nothing', async () => {
		const controller = new AbortController();
		controller.abort();
		const { run } = harness({ parameters: generate({ maxCostUsd: 5 }), items: items(5), cancelSignal: controller.signal });
		await expect(run()).rejects.toThrow(/cancelled/);
		expect(renders()).toHaveLength(0);
	});
});
