/** The key (and a Base URL's password) never reaches an error the node builds, in any encoding a server sends it back in. */
import { apiRequest, type RequestPolicy } from '../../nodes/Ideogram/transport/request';
import { downloadImage } from '../../nodes/Ideogram/transport/download';
import { createHarness } from '../support/harness';
import { scriptedApi } from '../support/scripted-api';

const POLICY: RequestPolicy = { timeoutMs: 5000, maxRetries: 0, retryAfterPossiblyBilled: false, taskTimeoutMs: 10_000 };
const KEY = ['sk', 'live', '9f8e7d6c5b4a'].join('-');

function context(baseUrl: string) {
	return createHarness({ parameters: {}, credentials: { apiKey: KEY, baseUrl, authHeader: 'apiKey' } }).ctx;
}

/** The message and description of what `promise` rejects with, as n8n would show them. */
async function shown(promise: Promise<unknown>): Promise<string> {
	const error = (await promise.then(
		() => {
			throw new Error('expected a rejection');
		},
		(rejection: unknown) => rejection,
	)) as { message: string; description?: string };
	return `${error.message}\n${error.description ?? ''}`;
}

function expectNoKey(text: string) {
	expect(text).not.toContain(KEY);
	expect(text).not.toContain(KEY.replace(/-/g, '%2D'));
	expect(text).not.toMatch(/\\u0073\\u006b/i);
	expect(text).not.toContain(Buffer.from(KEY).toString('base64').slice(0, 20));
}

describe('errors built from a hostile answer', () => {
	let api: Awaited<ReturnType<typeof scriptedApi>> | undefined;
	afterEach(async () => await api?.close());

	it('a non-string `error` with the key in \\u escapes: the message comes from the redacted answer', async () => {
		const escaped = [...KEY].map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
		api = await scriptedApi([{ status: 400, raw: `{"error":{"code":7,"echo":"${escaped}"}}` }]);
		const text = await shown(apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY }));
		expect(text).toContain('[redacted]');
		expect(text).toContain('"code":7');
		expectNoKey(text);
	});

	it.each([
		['percent-encoded with %2D', KEY.replace(/-/g, '%2D')],
		['base64', Buffer.from(KEY).toString('base64')],
		['base64url of key:', Buffer.from(`${KEY}:`).toString('base64url')],
	])('a refusal that quotes the key %s', async (_name, encoded) => {
		api = await scriptedApi([{ status: 401, raw: JSON.stringify({ error: `bad key ${encoded}` }) }]);
		const text = await shown(apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY }));
		expect(text).toContain('bad key [redacted]');
		expectNoKey(text);
	});

	it('the Content-Type of a 2xx answer that is not JSON', async () => {
		api = await scriptedApi([{ status: 200, raw: 'not json', headers: { 'content-type': `text/plain; echo=${KEY.replace(/-/g, '%2d')}` } }]);
		const text = await shown(apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY }));
		expect(text).toContain('Content-Type text/plain; echo=[redacted]');
		expectNoKey(text);
	});

	it('a successful answer whose result URL carries the key percent-encoded', async () => {
		api = await scriptedApi([{ status: 200, body: { data: [{ url: `https://img.example/a.png?k=${KEY.replace(/-/g, '%2D')}` }] } }]);
		const answer = await apiRequest(context(api.baseUrl), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY });
		expect(answer.body).toEqual({ data: [{ url: 'https://img.example/a.png?k=[redacted]' }] });
	});

	it('a Base URL with user and password is shown without them in "Could not reach …"', async () => {
		const closed = await scriptedApi([{ status: 200 }]);
		await closed.close();
		const withUserinfo = closed.baseUrl.replace('http://', 'http://gateway-user:s3cret-pass@');
		const text = await shown(apiRequest(context(withUserinfo), { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY }));
		expect(text).toContain(`Could not reach the Ideogram API at ${closed.baseUrl}`);
		expect(text).not.toContain('s3cret-pass');
		expect(text).not.toContain('gateway-user');
	});

	it('a download error shows the URL without userinfo and without the key in any form', async () => {
		api = await scriptedApi([{ status: 200, raw: 'not an image', headers: { 'content-type': `text/html; k=${Buffer.from(KEY).toString('base64')}` } }]);
		const url = api.baseUrl.replace('http://', `http://${encodeURIComponent(KEY)}:pw@`) + '/img.png?sig=1';
		const ctx = context(api.baseUrl);
		const text = await shown(
			downloadImage(ctx, url, 'Image URL', 0, {
				timeoutMs: 5000,
				maxBytes: 1024,
				allowPrivateAddresses: true,
				credential: async () => ({ baseUrl: api!.baseUrl, secrets: [KEY] }),
			}),
		);
		expect(text).toContain(`${api.baseUrl}/img.png?…`);
		expectNoKey(text);
		expect(text).not.toContain(':pw@');
	});
});
