'use strict';
/**
 * End-to-end cases of spend control (issue 21), in a real n8n: Max Cost per Execution on a batch of 12 items at a
 * known price (Generate 4.5, quality low: the sandbox quotes $0.03 each) in both When Over Budget modes, Get
 * Usage with an admin's key and with a member's, and the nightly batch example. `c` is as in cases.js.
 */
const { MEMBER_API_KEY, NIGHTLY_BATCH, SPEND_E2E } = require('../../samples/workflow-inputs');

const GENERATE_4_5 = '/v2/image/generate/ideogram-4-5';
const usd = (micros) => `$${(micros / 1e6).toFixed(2)}`;
const quotesIn = (requests) => requests.filter((r) => r.path === GENERATE_4_5 && r.dryRun === true);
const rendersIn = (requests) => requests.filter((r) => r.path === GENERATE_4_5 && r.dryRun !== true);
const promptOf = (request) => request.fields.prompt?.[0];
const numbered = (numbers) => numbers.map((n) => `${SPEND_E2E.prompt} ${n}`);
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

const total = SPEND_E2E.items * SPEND_E2E.priceMicros;
const fitting = Math.floor((SPEND_E2E.fitsLimitUsd * 1e6) / SPEND_E2E.priceMicros);

const spendCases = [
	{
		name: 'spend: 12 items over the limit, Stop Before Sending sends nothing but price quotes',
		file: 'samples/workflows/spend-stop-before-sending.json',
		sandbox: 'spend-stop',
		checks: {
			'the execution fails on the Ideogram node with the total, the item count and the limit': (c) => {
				c.eq(c.status, 'error', 'execution status');
				const error = c.nodeRun('Generate')?.error ?? c.runError;
				c.eq(error?.message, `Max Cost per Execution: the price quotes add up to ${usd(total)} for ${SPEND_E2E.items} items, over the limit of ${usd(SPEND_E2E.stopLimitUsd * 1e6)}`, 'error message');
				c.match(error?.description ?? '', /^Nothing was sent to Ideogram/, 'error description');
			},
			"the sandbox's log shows only dry_run requests, one per item": (c) => {
				const requests = c.sandbox.requests;
				c.eq(requests.length, SPEND_E2E.items, 'requests');
				c.eq(requests.filter((r) => r.query?.dry_run === 'true' && r.dryRun === true).length, SPEND_E2E.items, 'dry_run requests');
				c.eq(requests.map(promptOf).sort(), numbered(range(1, SPEND_E2E.items)).sort(), 'one quote per item');
				c.eq(c.sandbox.billed.length, 0, 'nothing billed');
				c.eq(c.sandbox.imageRequests.length, 0, 'nothing downloaded');
			},
		},
	},
	{
		name: 'spend: 12 items over the limit, Send What Fits sends exactly the items that fit',
		file: 'samples/workflows/spend-send-what-fits.json',
		sandbox: 'spend-fits',
		checks: {
			'the execution succeeds (Continue On Fail): the items that fit, then an error item each for the rest': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const items = c.items('Generate');
				c.eq(items.length, SPEND_E2E.items, 'output items');
				c.eq(items.map((item) => item.pairedItem), range(0, SPEND_E2E.items - 1).map((item) => ({ item })), 'pairedItem, in input order');
				c.eq(items.map((item) => item.json.error === undefined), range(1, SPEND_E2E.items).map((n) => n <= fitting), 'sent items, then not sent');
				for (const [index, item] of items.slice(fitting).entries()) {
					c.match(String(item.json.error), new RegExp(`^Max Cost per Execution: item ${fitting + index + 1} was not sent`), `item ${fitting + index + 1} error`);
				}
			},
			'quotes for all 12, renders for exactly the first items that fit': (c) => {
				c.eq(quotesIn(c.sandbox.requests).length, SPEND_E2E.items, 'dry_run requests');
				const renders = rendersIn(c.sandbox.requests);
				c.eq(renders.map(promptOf).sort(), numbered(range(1, fitting)).sort(), 'rendered prompts');
				c.ok(renders.every((r) => r.status === 200), 'renders answered 200');
				const lastQuote = Math.max(...quotesIn(c.sandbox.requests).map((r) => r.answeredAt));
				c.ok(renders.every((r) => r.startedAt >= lastQuote), 'every quote came back before the first render was sent');
				c.eq(c.sandbox.billed.reduce((sum, bill) => sum + bill.usdMicros, 0), fitting * SPEND_E2E.priceMicros, 'billed micro-USD');
			},
			'each result carries its cost, the first the execution total': (c) => {
				const sent = c.items('Generate').slice(0, fitting);
				for (const [index, item] of sent.entries()) {
					c.eq(item.json.cost, { usd: SPEND_E2E.priceMicros / 1e6, requestUsd: SPEND_E2E.priceMicros / 1e6, source: 'answer' }, `item ${index + 1} cost`);
				}
				c.eq(sent[0].json.executionCostUsd, (fitting * SPEND_E2E.priceMicros) / 1e6, 'executionCostUsd on the first item');
				c.ok(sent.slice(1).every((item) => !('executionCostUsd' in item.json)), 'only on the first item');
			},
		},
	},
	{
		name: 'get usage with an admin key: buckets with line items',
		file: 'samples/workflows/usage-admin.json',
		sandbox: 'usage-admin',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'GET /v2/account/usage with start_time, bucket_width and sources': (c) => {
				const reads = c.sandbox.requests.filter((r) => r.path === '/v2/account/usage');
				c.eq(reads.length, 1, 'usage requests');
				const [read] = reads;
				c.eq([read.method, read.status], ['GET', 200], 'method and answer');
				c.eq(Object.keys(read.query ?? {}).sort(), ['bucket_width', 'sources', 'start_time'], 'query parameters');
				c.eq([read.query.bucket_width, read.query.sources], ['1h', 'api'], 'bucket_width and sources');
				c.match(read.query.start_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'start_time');
			},
			"one item per bucket; the render before is a line item, amounts as Ideogram's decimal strings": (c) => {
				const items = c.items('Get usage');
				c.ok(items.length >= 1, 'bucket items');
				for (const item of items) {
					c.match(item.json.start_time ?? '', /^\d{4}-/, 'start_time');
					c.ok(Array.isArray(item.json.line_items), 'line_items');
				}
				const lines = items.flatMap((item) => item.json.line_items);
				const render = lines.find((line) => line.endpoint === GENERATE_4_5);
				c.ok(render, `a line item for ${GENERATE_4_5} (${JSON.stringify(lines).slice(0, 300)})`);
				c.eq([render.cost_total, render.currency_code, render.product !== undefined], ['0.03', 'USD', true], 'cost_total, currency, product');
				c.eq([render.billed_units?.quantity, render.billed_units?.unit_price], ['1', '0.03'], 'billed_units (decimal strings)');
				c.ok(!JSON.stringify(items).includes('sandbox-key'), 'the key is not in the output');
			},
		},
	},
	{
		name: "get usage with a member's key: only an organisation admin's key can",
		file: 'samples/workflows/usage-member.json',
		sandbox: 'usage-member',
		credential: { apiKey: MEMBER_API_KEY },
		checks: {
			"the item fails with the admin message, not 'not found'": (c) => {
				c.eq(c.status, 'success', 'execution status (continue on fail)');
				const items = c.items('Get usage');
				c.eq(items.length, 1, 'output items');
				c.eq(items[0].json.error, "This key cannot read usage: only an organisation admin's key can (HTTP 404)", 'error');
				c.eq(c.sandbox.requests.map((r) => [r.path, r.status]), [['/v2/account/usage', 404]], 'one request, answered 404');
				c.ok(!JSON.stringify(items).includes(MEMBER_API_KEY), 'the key is not in the output');
			},
		},
	},
	{
		name: 'example nightly-batch-with-spending-limit',
		file: 'examples/nightly-batch-with-spending-limit.json',
		sandbox: 'examples',
		checks: {
			'runs successfully: the batch stops, each item says it was not sent and is reported': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const items = c.items('Generate the batch');
				c.eq(items.length, NIGHTLY_BATCH.prompts.length, 'output items');
				const totalMicros = NIGHTLY_BATCH.prompts.length * 30000;
				for (const item of items) {
					c.ok(!item.binary, 'no binary');
					c.match(String(item.json.error), new RegExp(`not sent: the price quotes add up to \\${usd(totalMicros)} for ${NIGHTLY_BATCH.prompts.length} items, over the limit of \\${usd(NIGHTLY_BATCH.maxCostUsd * 1e6)}`), 'error item');
				}
				const [report] = c.items('Not sent: tell someone');
				c.eq(report.json.notSent, NIGHTLY_BATCH.prompts.length, 'the report counts the items not sent');
			},
			'only price quotes reached Ideogram, one per prompt': (c) => {
				const mine = c.sandbox.requests.filter((r) => r.path === GENERATE_4_5 && NIGHTLY_BATCH.prompts.includes(promptOf(r)));
				c.eq(mine.length, NIGHTLY_BATCH.prompts.length, 'requests with the batch prompts');
				c.ok(mine.every((r) => r.dryRun === true && r.status === 200), 'all of them dry_run quotes');
				c.eq(mine.map((r) => r.fields.quality?.[0]), NIGHTLY_BATCH.prompts.map(() => NIGHTLY_BATCH.quality), 'quality');
			},
		},
	},
];

module.exports = { spendCases };
