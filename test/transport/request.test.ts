import { apiRequest, backoffMs, retryAfterMs, type RequestPolicy } from '../../nodes/Ideogram/transport/request';
import { createHarness } from '../support/harness';
import { scriptedApi } from '../support/scripted-api';

describe('retryAfterMs', () => {
	it('reads seconds, fractions and HTTP dates, never a negative wait', () => {
		expect(retryAfterMs('3')).toBe(3000);
		expect(retryAfterMs('0.5')).toBe(500);
		const now = Date.parse('2026-11-26T12:00:00Z');
		expect(retryAfterMs('Thu, 26 Nov 2026 12:00:04 GMT', now)).toBe(4000);
		expect(retryAfterMs('Thu, 26 Nov 2026 11:59:00 GMT', now)).toBe(0);
		expect(retryAfterMs('-2')).toBe(0);
	});

	it('gives undefined when the header is absent or unreadable', () => {
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs('  ')).toBeUndefined();
		expect(retryAfterMs('soon')).toBeUndefined();
	});
});

describe('backoffMs', () => {
	it('doubles from 1 s with jitter between half and all of the step, capped at 30 s', () => {
		expect(backoffMs(1, () => 0)).toBe(500);
		expect(backoffMs(1, () => 1)).toBe(1000);
		expect(backoffMs(3, () => 0)).toBe(2000);
		expect(backoffMs(3, () => 1)).toBe(4000);
		expect(backoffMs(10, () => 1)).toBe(30_000);
		expect(backoffMs(10, () => 0)).toBe(15_000);
	});
});

const POLICY: RequestPolicy = { timeoutMs: 5000, maxRetries: 2, retryAfterPossiblyBilled: false, taskTimeoutMs: 10_000 };

describe('apiRequest', () => {
	let api: Awaited<ReturnType<typeof scriptedApi>> | undefined;
	afterEach(async () => await api?.close());

	function context(baseUrl: string) {
		return createHarness({ parameters: {}, credentials: { apiKey: 'key-1', baseUrl, authHeader: 'apiKey' } }).ctx;
	}

	it('retries a 429 after the wait Retry-After asks for, and records each retry', async () => {
		api = await scriptedApi([
			{ status: 429, body: { error: 'busy', reject_reason: 'inflight_limit' }, headers: { 'retry-after': '0.2' } },
			{ status: 200, body: { data: [] } },
		]);
		const started = Date.now();
		const response = await apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY });
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		expect(response.body).toEqual({ data: [] });
		expect(response.retries).toEqual([{ attempt: 1, reason: 'HTTP 429 inflight_limit', waitedMs: expect.any(Number) }]);
		expect(response.retries[0].waitedMs).toBeGreaterThanOrEqual(190);
		expect(api.seen.map((request) => request.apiKey)).toEqual(['key-1', 'key-1']);
	});

	it('takes the key out of a successful answer wherever the server put it, escaped in JSON or as a field name', async () => {
		// "key-1" with a letter as a JSON escape (the parsed answer holds the key itself), in a link and as a field name.
		const raw = '{"data":[{"url":"https://img.example/a.png?k=key-1","prompt":"echo \\u006bey-1","key-1":true,"seed":1}]}';
		api = await scriptedApi([{ status: 200, raw }]);
		const response = await apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY });
		expect(JSON.stringify(response.body)).not.toContain('key-1');
		expect(response.body).toEqual({ data: [{ url: 'https://img.example/a.png?k=[redacted]', prompt: 'echo [redacted]', '[redacted]': true, seed: 1 }] });
	});

	it('retries 429 inflight_limit past Max Retries, as long as the timeout after the first try allows', async () => {
		const busy = { status: 429, body: { error: 'busy', reject_reason: 'inflight_limit' }, headers: { 'retry-after': '0.05' } };
		api = await scriptedApi([busy, busy, busy, busy, { status: 200, body: { data: [] } }]);
		const response = await apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY });
		expect(response.retries.map((retry) => retry.attempt)).toEqual([1, 2, 3, 4]);
		expect(api.seen).toHaveLength(5);
	});

	it('stops retrying 429 inflight_limit at the timeout after the first try', async () => {
		api = await scriptedApi([{ status: 429, body: { error: 'busy', reject_reason: 'inflight_limit' }, headers: { 'retry-after': '0.2' } }]);
		const started = Date.now();
		await expect(apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: { ...POLICY, timeoutMs: 700 } })).rejects.toMatchObject({
			message: "Ideogram's limit of images in flight stayed full for 1 s (HTTP 429 inflight_limit)",
			httpCode: '429',
		});
		expect(Date.now() - started).toBeLessThan(1000);
		expect(api.seen.length).toBeGreaterThanOrEqual(3);
	});

	it('gives up after Max Retries with the count in the message', async () => {
		api = await scriptedApi([{ status: 429, body: { error: 'busy' }, headers: { 'retry-after': '0' } }]);
		await expect(apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY })).rejects.toMatchObject({
			message: 'Ideogram kept answering "too many requests" (HTTP 429) after 2 retries',
		});
		expect(api.seen).toHaveLength(3);
	});

	it('does not re-send after a 5xx unless possibly billed requests may be retried', async () => {
		api = await scriptedApi([{ status: 503, body: { error: 'down' }, headers: { 'retry-after': '0' } }, { status: 200, body: { data: [] } }]);
		await expect(apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY })).rejects.toMatchObject({
			message: 'Ideogram failed with HTTP 503 after receiving the request',
		});
		expect(api.seen).toHaveLength(1);
	});

	it('re-sends after a 5xx when possibly billed requests may be retried', async () => {
		api = await scriptedApi([{ status: 503, body: { error: 'down' }, headers: { 'retry-after': '0' } }, { status: 200, body: { data: [] } }]);
		const policy = { ...POLICY, retryAfterPossiblyBilled: true };
		const response = await apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy });
		expect(response.retries.map((retry) => retry.reason)).toEqual(['HTTP 503']);
		expect(api.seen).toHaveLength(2);
	});

	it('retries a refused connection, which cannot have been billed', async () => {
		const closed = await scriptedApi([{ status: 200 }]);
		await closed.close();
		const policy = { ...POLICY, maxRetries: 1 };
		await expect(apiRequest(context(closed.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy })).rejects.toMatchObject({
			message: expect.stringContaining('connection refused'),
			description: expect.stringContaining('tried 2 times'),
		});
	});
});
