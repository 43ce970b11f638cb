// What the sandbox charges: deterministic price quotes on every route that declares dry_run (nothing rendered,
// nothing billed, the request log saying it was a quote), the same amount as usage_cost_usd_micros on what is
// rendered, and GET /v2/account/usage built from what was billed, refused (404) to a non-admin key.
import { encodePng, makePng } from '../../sandbox/png';
import { ROUTES } from '../../sandbox/v2';
import { useSandbox } from '../support/fixtures';
import { client, form, type Answer, type Part } from './client';

const KEY = 'sandbox-spend-key';
const MEMBER_KEY = 'non-admin-member-key';
const sandbox = useSandbox(KEY, { inflightLimit: 10 });
const { call, post, settle } = client(sandbox, KEY);

const photo = () => makePng(64, 48, [200, 40, 40]);
const mask = () => encodePng(64, 48, (x: number) => (x < 32 ? [0, 0, 0] : [255, 255, 255]));

/** A valid request for every route that declares dry_run, and what its quote must say. */
const QUOTED: Array<[string, () => FormData | Record<string, unknown>, Partial<Answer>]> = [
	['/v2/image/generate/ideogram-4-5', () => ({ prompt: 'x', quality: 'low', num_images: 3 }), { billing_identifier: 'ideogram_4_5_generate', quantity: 3, usd_micros: 90000 }],
	['/v2/image/precise-edit/ideogram-4-5', () => form([['prompt', 'x'], ['image', photo()], ['quality', 'high']]), { billing_identifier: 'ideogram_4_5_precise_edit', usd_micros: 100000 }],
	['/v2/image/remix/ideogram-4-5', () => form([['prompt', 'x'], ['image', photo()]]), { billing_identifier: 'ideogram_4_5_remix', usd_micros: 60000 }],
	['/v2/image/remix/ideogram-4', () => form([['prompt', 'x'], ['image', photo()], ['num_images', '2']]), { billing_identifier: 'ideogram_4_remix', usd_micros: 80000 }],
	['/v2/image/generate/ideogram-4', () => ({ prompt: 'x', rendering_speed: 'turbo' }), { billing_identifier: 'ideogram_v4_generation', usd_micros: 30000 }],
	['/v2/image/generate/ideogram-4-transparent', () => ({ prompt: 'x', output_resolution: '2k' }), { billing_identifier: 'v4_transparent_generation', usd_micros: 80000 }],
	['/v2/image/upscale/auto', () => form([['image', photo()]]), { billing_identifier: 'upscale_auto', usd_micros: 738, qualifier: 'estimate', upper_bound_usd_micros: 1106 }],
	['/v2/image/upscale/topaz-standard-2', () => form([['image', photo()], ['upscale_factor', 'x4']]), { billing_identifier: 'topaz_standard_v2_upscale', usd_micros: 1475, qualifier: 'estimate' }],
	['/v2/image/upscale/topaz-text-refine', () => form([['image', photo()]]), { billing_identifier: 'topaz_text_refine_upscale', usd_micros: 369, qualifier: 'estimate' }],
	['/v2/image/upscale/topaz-wonder-3-5', () => form([['image', photo()]]), { billing_identifier: 'topaz_wonder_3_5_upscale', usd_micros: 738, qualifier: 'estimate' }],
	['/v2/image/upscale/topaz-bloom-2', () => form([['image', photo()]]), { billing_identifier: 'topaz_bloom_2_upscale', usd_micros: 1106, qualifier: 'estimate' }],
	['/v2/image/upscale/topaz-redefine', () => form([['image', photo()]]), { billing_identifier: 'topaz_redefine_upscale', usd_micros: 738, qualifier: 'estimate' }],
	['/v2/image/upscale/nano-banana-pro', () => form([['image', photo()], ['resolution_tier', '4K']]), { billing_identifier: 'nano_banana_pro_upscale', usd_micros: 268800, qualifier: 'exact' }],
	['/v2/image/remove-object/ideogram-1', () => form([['image', photo()], ['mask', mask()]]), { billing_identifier: 'object_removal_usage_v2', usd_micros: 30000 }],
	['/v2/svg/generate/ideogram-vector-1', () => form([['prompt', 'x']]), { billing_identifier: 'ideogram_vector_1_generate', usd_micros: 160000 }],
	['/v2/svg/vectorize/ideogram-vector-1', () => form([['image', photo()]]), { billing_identifier: 'ideogram_vector_1_vectorize', usd_micros: 100000 }],
	['/v2/image/replace-background/ideogram-4-5', () => form([['image', photo()], ['background_reference', photo()], ['num_images', '4']]), { billing_identifier: 'ideogram_4_5_replace_background', quantity: 4, usd_micros: 400000 }],
];

describe('sandbox: price quotes', () => {
	it('covers every route that declares dry_run', () => {
		const declared = Object.entries(ROUTES).filter(([, route]) => (route as { quote: boolean }).quote).map(([path]) => path);
		expect(QUOTED.map(([path]) => path).sort()).toEqual(declared.sort());
	});

	it.each(QUOTED)('quotes %s deterministically, renders and bills nothing, and logs the request as a dry run', async (path, body, expected) => {
		const first = await post(`${path}?dry_run=true`, body());
		const second = await post(`${path}?dry_run=true`, body());
		expect(first.status).toBe(200);
		expect(first.json).toEqual(second.json);
		expect(first.json).toMatchObject({ object: 'price_quote', qualifier: 'exact', ...expected });
		expect(first.json.credit_millis).toBe(Math.ceil(first.json.usd_micros / 10));
		expect(first.json.upper_bound_usd_micros).toBeGreaterThanOrEqual(first.json.usd_micros);
		expect(sandbox.requests.map((request: { dryRun?: boolean; status: number }) => [request.dryRun, request.status])).toEqual([[true, 200], [true, 200]]);
		expect(sandbox.imageRequests).toHaveLength(0);
		expect(sandbox.billed).toEqual([]);
	});

	it.each(QUOTED)('reports the quoted amount as usage_cost_usd_micros once %s has rendered', async (path, body) => {
		const quote = await post(`${path}?dry_run=true`, body());
		const answer = await post(path, body());
		expect(answer.status).toBe(200);
		const done = answer.json.data ? answer : await settle(answer.json.generation_id);
		expect(done.json.usage_cost_usd_micros).toBe(quote.json.usd_micros);
		expect(sandbox.requests[1].dryRun).toBeUndefined();
		expect(sandbox.billed).toEqual([expect.objectContaining({ billing_identifier: quote.json.billing_identifier, usdMicros: quote.json.usd_micros, endpoint: path })]);
	});

	it('bills no failed generation and no refused request', async () => {
		sandbox.queueFault({ generation: { fail: 'content_policy_violation' } });
		const failed = await post('/v2/image/generate/ideogram-4-5', { prompt: 'x', async: true });
		expect((await settle(failed.json.generation_id)).json.status).toBe('failed');
		expect((await post('/v2/image/generate/ideogram-4-5', { prompt: 'x', quality: 'best' })).status).toBe(400);
		expect(sandbox.billed).toEqual([]);
	});
});

describe('sandbox: GET /v2/account/usage', () => {
	const day = (offset = 0) => new Date(Math.floor(Date.now() / 86400000) * 86400000 + offset * 86400000).toISOString();
	const usage = (query: string, key = KEY) => call('GET', `/v2/account/usage?${query}`, undefined, { 'Api-Key': key });

	async function bill() {
		await post('/v2/image/generate/ideogram-4-5', { prompt: 'x', quality: 'medium', num_images: 2 });
		await post('/v2/image/generate/ideogram-4-5', { prompt: 'y', quality: 'medium' });
		await post('/v2/image/upscale/auto', form([['image', photo()]]));
		await post('/v1/ideogram-v3/generate', { prompt: 'x', rendering_speed: 'TURBO' });
		await post('/v2/image/generate/ideogram-4-5?dry_run=true', { prompt: 'x' });
		await call('POST', '/v2/image/generate/ideogram-4-5', { prompt: 'by a member', quality: 'low' }, { 'Api-Key': MEMBER_KEY });
	}

	it('reports what was billed in day buckets: line items per product, endpoint and key, amounts as decimal strings', async () => {
		await bill();
		const { status, json } = await usage(`start_time=${day()}&end_time=${day(1)}`);
		expect(status).toBe(200);
		expect(json.buckets).toHaveLength(1);
		const [bucket] = json.buckets;
		expect([bucket.start_time, bucket.end_time]).toEqual([day().replace('.000Z', '+00:00'), day(1).replace('.000Z', '+00:00')]);
		const byProduct = Object.fromEntries(bucket.line_items.map((item) => [`${item.product} ${item.api_key.label}`, item]));
		expect(Object.keys(byProduct).sort()).toEqual([
			'ideogram_4_5_generate Sandbox admin key', 'ideogram_4_5_generate Sandbox member key', 'ideogram_v3_generate Sandbox admin key', 'upscale_auto Sandbox admin key',
		]);
		expect(byProduct['ideogram_4_5_generate Sandbox admin key']).toEqual({
			api_key: { id: expect.any(String), label: 'Sandbox admin key', redacted_key: 'sand•••••••••••••' },
			billed_units: { quantity: '3', unit: 'image', unit_price: '0.06' },
			cost_total: '0.18', currency_code: 'USD', description: 'Ideogram 4.5 Generation', dimensions: { quality: 'medium' },
			endpoint: '/v2/image/generate/ideogram-4-5', product: 'ideogram_4_5_generate', source: 'api',
		});
		expect(byProduct['ideogram_4_5_generate Sandbox member key']).toMatchObject({ billed_units: { quantity: '1', unit: 'image', unit_price: '0.03' }, cost_total: '0.03' });
		expect(byProduct['ideogram_v3_generate Sandbox admin key']).toMatchObject({ billed_units: { unit_price: '0.03' }, dimensions: { rendering_speed: 'TURBO' }, endpoint: '/v1/ideogram-v3/generate' });
		// Usage-priced (by the megapixel): cost_total only.
		expect(byProduct['upscale_auto Sandbox admin key'].billed_units).toBeUndefined();
		expect(byProduct['upscale_auto Sandbox admin key'].cost_total).toBe('0.000738');
		expect(JSON.stringify(json)).not.toContain(KEY);
	});

	it('buckets by the hour, keeps empty buckets, and filters by source', async () => {
		await bill();
		const hours = await usage(`start_time=${day()}&end_time=${day(1)}&bucket_width=1h`);
		expect(hours.json.buckets).toHaveLength(24);
		const hour = new Date().getUTCHours();
		expect(hours.json.buckets.filter((bucket) => bucket.line_items.length).map((bucket) => bucket.start_time.slice(11, 13))).toEqual([String(hour).padStart(2, '0')]);
		const app = await usage(`start_time=${day()}&end_time=${day(1)}&sources=app`);
		expect(app.json.buckets[0].line_items).toEqual([]);
		const both = await usage(`start_time=${day()}&end_time=${day(1)}&sources=api&sources=app`);
		expect(both.json.buckets[0].line_items).toHaveLength(4);
	});

	it('snaps start_time down and end_time up to the bucket, end_time defaulting to now', async () => {
		const { json } = await usage(`start_time=${day().replace('00:00:00.000Z', '05:30:00Z')}`);
		expect(json.buckets).toHaveLength(1);
		expect(json.buckets[0].start_time).toBe(day().replace('.000Z', '+00:00'));
	});

	it.each([
		['no start_time', 'bucket_width=1d', 'start_time is required'],
		['a start_time that is not RFC 3339', 'start_time=yesterday', 'start_time must be an RFC 3339 date-time'],
		['a date without a time', 'start_time=2026-01-01', 'RFC 3339'],
		['a bad end_time', `start_time=${day()}&end_time=soon`, 'end_time must be an RFC 3339 date-time'],
		['an end before the start', `start_time=${day()}&end_time=${day(-1)}`, 'end_time must be after start_time'],
		['a bucket width it does not have', `start_time=${day()}&bucket_width=1w`, 'bucket_width: invalid value 1w'],
		['more than 92 days of 1d buckets', `start_time=${day(-93)}&end_time=${day()}`, 'at most 92 buckets'],
		['more than 168 hours of 1h buckets', `start_time=${day(-8)}&end_time=${day()}&bucket_width=1h`, 'at most 168 buckets'],
		['a source it does not know', `start_time=${day()}&sources=web`, 'sources: invalid value web'],
		['a parameter it does not know', `start_time=${day()}&product=x`, 'query parameter product is not accepted'],
		['start_time twice', `start_time=${day()}&start_time=${day()}`, 'start_time must be given once'],
	])('refuses %s with 400', async (_name, query, message) => {
		const { status, json } = await usage(query);
		expect([status, json.error]).toEqual([400, expect.stringContaining(message)]);
	});

	it('answers a non-admin key 404 with the API\'s message, and a wrong key 401', async () => {
		const member = await usage(`start_time=${day()}`, MEMBER_KEY);
		expect([member.status, member.json]).toEqual([404, { error: 'No organization with billing access was found for this credential.' }]);
		expect((await usage(`start_time=${day()}`, 'wrong-key')).status).toBe(401);
	});

	it('accepts a non-admin key everywhere else', async () => {
		const parts: Array<[string, Part]> = [['prompt', 'x'], ['image', photo()]];
		const { status } = await call('POST', '/v2/image/remix/ideogram-4-5', form(parts), { 'Api-Key': MEMBER_KEY });
		expect(status).toBe(200);
	});
});
