/**
 * The node against servers that misbehave on purpose (test/hostile-server.js, loopback only), through n8n's
 * own request function: every byte bounded while it streams, deadlines that hold, no echoed key, private
 * addresses refused before connecting, strict answers.
 */
import { sleep } from 'n8n-workflow';

import { downloadImage } from '../../nodes/Ideogram/transport/download';
import { createHarness, type HarnessOptions } from '../support/harness';
import { pngFile } from '../support/fixtures';
import { startHostileServer, TRUNCATED_PNG } from '../support/hostile-server';

const KEY = 'hostile-test-key';
const MB = 1024 * 1024;

type HostileServer = Awaited<ReturnType<typeof startHostileServer>>;
let server: HostileServer;

beforeAll(async () => {
	server = await startHostileServer();
});
afterAll(async () => {
	await server.close();
});

/** A harness whose credential's Base URL makes the hostile server answer as `api` says (`kind/name=value`). */
function harness(api: string, options: Partial<HarnessOptions> & { parameters: Record<string, unknown> }) {
	return createHarness({ credentials: { apiKey: KEY, baseUrl: `${server.url}/api/${api}`, authHeader: 'apiKey' }, ...options });
}

const generate = (options: Record<string, unknown> = {}) => ({ operation: 'generate', prompt: 'a hostile test', options });

/** Runs the node with continue on fail and returns its single (error) item's json. */
async function errorItem(api: string, parameters: Record<string, unknown>, extra: Partial<HarnessOptions> = {}) {
	const output = await harness(api, { parameters, continueOnFail: true, ...extra }).run();
	expect(output).toHaveLength(1);
	expect(output[0].binary).toBeUndefined();
	return output[0].json as { error: string; description?: string };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = Date.now();
	const value = await run();
	return { value, ms: Date.now() - started };
}

async function connectionsClosed() {
	for (let waited = 0; waited < 3000 && server.sockets() > 0; waited += 20) await sleep(20);
	return server.sockets();
}

describe('memory is bounded while bytes stream', () => {
	it('a result image that never ends stops at Max Download Size, and the connection is closed', async () => {
		const before = server.stats.endlessBytes.length;
		const json = await errorItem('resultPaths/paths=endless.png', generate({ maxDownloadSize: 2 }));
		expect(json.error).toBe(`Result image 1: ${server.url}/hostile/endless.png sent more than the 2.0 MB limit; the transfer was stopped there`);
		expect(await connectionsClosed()).toBe(0);
		expect(server.stats.endlessBytes[before]).toBeLessThan(2 * MB + 16 * MB);
	});

	it('a result image that announces 300 MB is refused at the default 50 MB before its body is read', async () => {
		const json = await errorItem('resultPaths/paths=big.png', generate());
		expect(json.error).toBe(`Result image 1: ${server.url}/hostile/big.png announced 300.0 MB, over the 50.0 MB limit; nothing was read`);
	});

	it('an input URL is read at most to the API\'s 10 MB', async () => {
		const json = await errorItem('resultPaths', { operation: 'remix', imageSource: 'url', imageUrl: `${server.url}/hostile/undeclared.png?mb=11`, prompt: 'x', options: {} });
		expect(json.error).toBe(`Image URL: ${server.url}/hostile/undeclared.png?… sent more than the 10.0 MB limit; the transfer was stopped there`);
	});

	it.each([
		['oversizedJson/mb=6', 'announces 6 MB'],
		['bigField/mb=50', 'has a 50 MB field'],
		['endlessJson', 'never ends'],
	])('an API answer that %s is stopped at 4 MB (%s)', async (api) => {
		const json = await errorItem(api, generate());
		expect(json.error).toBe("Ideogram's answer (HTTP 200) was larger than the 4.0 MB an API answer may be; it was not read");
		expect(json.description).toMatch(/^The request was sent and may have been billed/);
	});

	it('300 image URLs when 1 was asked for is an error, and nothing is downloaded', async () => {
		const downloadsBefore = server.requests.filter((request) => request.url.startsWith('/hostile/')).length;
		const json = await errorItem('extraImages/count=300', generate());
		expect(json.error).toBe("Ideogram's answer has no usable image list: it lists 300 images, but 1 was asked for");
		expect(json.description).toMatch(/^The request was sent and may have been billed, so it was not sent again\. The answer began: \{"created"/);
		expect(server.requests.filter((request) => request.url.startsWith('/hostile/')).length).toBe(downloadsBefore);
	});

	it('as many images as asked for are fine', async () => {
		const output = await harness('extraImages/count=3', { parameters: generate({ numImages: 3 }) }).run();
		expect(output).toHaveLength(3);
		expect(output.every((item) => item.binary?.data.mimeType === 'image/png')).toBe(true);
	});

	it('an extra field keeps out of the output unless it is small', async () => {
		const [item] = await harness('bigField/mb=0.01', { parameters: generate() }).run();
		expect(item.json.debug).toBeUndefined();
		expect(item.json.omittedFields).toEqual(['debug']);
		expect(item.json).toMatchObject({ url: expect.stringContaining('/hostile/valid.png'), is_image_safe: true, seed: 1000, resolution: '64x48' });
	});
});

describe('Timeout is a deadline', () => {
	it.each([
		['trickleJson/interval=100', "Ideogram's answer (HTTP 200) did not arrive in full within 1 s", /^The request was sent and may have been billed/],
		['noHeaders', 'Ideogram did not answer within 1 s', /may have reached Ideogram.*may already have been billed/],
	])('an API that %s fails after 1 s', async (api, message, description) => {
		const { value: json, ms } = await timed(() => errorItem(api, generate({ timeout: 1 })));
		expect(json.error).toBe(message);
		expect(json.description).toMatch(description);
		expect(ms).toBeLessThan(2500);
	});

	it.each([
		['trickle.png', 'timed out after 1 s while sending its content'],
		['no-headers.png', 'timed out after 1 s before answering'],
		['stall.png', 'timed out after 1 s while sending its content'],
	])('a result image that %s fails after 1 s, with its label and URL', async (path, words) => {
		const { value: json, ms } = await timed(() => errorItem(`resultPaths/paths=${path}`, generate({ timeout: 1 })));
		expect(json.error).toBe(`Result image 1: ${server.url}/hostile/${path} ${words}`);
		expect(ms).toBeLessThan(2500);
	});

	it('the second of two result images keeps its own label', async () => {
		const json = await errorItem('resultPaths/paths=valid.png,no-headers.png', generate({ timeout: 1, numImages: 2 }));
		expect(json.error).toBe(`Result image 2: ${server.url}/hostile/no-headers.png timed out after 1 s before answering`);
	});

	it.each([0, -5, 0.5, 'soon'])('Timeout %j is refused before anything is sent', async (timeout) => {
		const before = server.requests.length;
		const json = await errorItem('resultPaths', generate({ timeout }));
		expect(json.error).toBe(`Timeout (Seconds): must be at least 1 second, got ${JSON.stringify(timeout)}`);
		expect(json.description).toBe('Nothing was sent to Ideogram.');
		expect(server.requests.length).toBe(before);
	});

	it.each([0, -1])('Max Download Size %j is refused before anything is sent', async (maxDownloadSize) => {
		const before = server.requests.length;
		const json = await errorItem('resultPaths', generate({ maxDownloadSize }));
		expect(json.error).toMatch(/^Max Download Size \(MB\): must be at least/);
		expect(server.requests.length).toBe(before);
	});
});

describe('the key never comes back out', () => {
	it.each([
		['echoKey', 'a 401 that repeats the key', /^Ideogram refused the credential \(HTTP 401\)$/],
		['htmlKey', 'an HTML error page that quotes the request headers', /^Ideogram failed with HTTP 500/],
		['htmlKey/status=200', 'a 200 HTML page that quotes the key', /^Ideogram answered HTTP 200 with something that is not JSON$/],
	])('%s: %s', async (api, _what, message) => {
		const json = await errorItem(api, generate());
		expect(json.error).toMatch(message);
		expect(JSON.stringify(json)).not.toContain(KEY);
		expect(JSON.stringify(json)).toContain('[redacted]');
	});

	it('a result URL that spells out the key is fetched, but the key stays out of the error', async () => {
		const json = await errorItem(`resultPaths/paths=${KEY}.png`, generate());
		expect(json.error).toBe(`Result image 1: downloading ${server.url}/hostile/[redacted].png failed with HTTP 404`);
	});

	it('also without continue on fail: the thrown error carries no key anywhere', async () => {
		const error = await harness('echoKey', { parameters: generate() }).run().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(Error);
		const seen = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).stack);
		expect(seen).not.toContain(KEY);
		expect((error as { description?: string }).description).toContain('Invalid API key: [redacted]');
	});
});

describe('malformed success answers', () => {
	it.each([
		['empty', 'it has no image list ("data" is missing)', '{}'],
		['string', 'its image list ("data") is a string, not a list', '{"data":"x"}'],
		['null', 'image 1 is null, not an image object', '{"data":[null]}'],
	])('%s', async (shape, problem, began) => {
		const json = await errorItem(`malformed/shape=${shape}`, generate());
		expect(json.error).toBe(`Ideogram's answer has no usable image list: ${problem}`);
		expect(json.description).toBe(`The request was sent and may have been billed, so it was not sent again. The answer began: ${began}`);
	});
});

describe('private addresses', () => {
	it.each([
		['http://169.254.169.254/latest/meta-data/image.png', 'link-local'],
		['http://10.0.0.1/image.png', 'private network'],
		['http://[fd00::1]/image.png', 'private network'],
	])('an input URL on %s is refused before connecting (the Base URL is loopback)', async (url, kind) => {
		const before = server.requests.length;
		const json = await errorItem('resultPaths', { operation: 'remix', imageSource: 'url', imageUrl: url, prompt: 'x', options: {} });
		expect(json.error).toMatch(new RegExp(`^Image URL: refused .* is a ${kind} address, which the node does not connect to unless "Allow Private Addresses" is on`));
		expect(server.requests.length).toBe(before);
	});

	it('result URLs on internal addresses are refused, each with its label', async () => {
		const output = await harness('internalUrls', { parameters: generate({ numImages: 3 }), continueOnFail: true }).run();
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toMatch(/^Result image 1: refused http:\/\/169\.254\.169\.254\/latest\/meta-data\/a\.png: 169\.254\.169\.254 is a link-local address/);
	});

	it('a redirect to a private address is refused at that hop', async () => {
		const target = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
		const json = await errorItem('resultPaths', { operation: 'remix', imageSource: 'url', imageUrl: `${server.url}/hostile/redirect?to=${target}`, prompt: 'x', options: {} });
		expect(json.error).toMatch(/^Image URL: refused http:\/\/169\.254\.169\.254\/latest\/meta-data\/ \(redirected from http:\/\/127\.0\.0\.1:\d+\/hostile\/redirect\?…\): 169\.254\.169\.254 is a link-local address/);
	});

	describe('downloadImage with a public Base URL', () => {
		const { ctx } = createHarness({ parameters: {}, credentials: { apiKey: KEY, baseUrl: 'https://api.ideogram.ai' } });
		const policy = { timeoutMs: 5000, maxBytes: MB, credential: async () => ({ baseUrl: 'https://api.ideogram.ai', secrets: [] }) };

		it('refuses loopback without the option, and fetches nothing', async () => {
			const before = server.requests.length;
			await expect(downloadImage(ctx, `${server.url}/hostile/valid.png`, 'Image URL', 0, { ...policy, allowPrivateAddresses: false })).rejects.toThrow(
				/^Image URL: refused http:\/\/127\.0\.0\.1:\d+\/hostile\/valid\.png: 127\.0\.0\.1 is a loopback address, which the node does not connect to unless "Allow Private Addresses" is on, or the host is listed in "Private Hosts Allowed" \(in the node's options\)$/,
			);
			expect(server.requests.length).toBe(before);
		});

		it('fetches it with "Allow Private Addresses" on', async () => {
			const { info } = await downloadImage(ctx, `${server.url}/hostile/valid.png`, 'Image URL', 0, { ...policy, allowPrivateAddresses: true });
			expect(info).toMatchObject({ format: 'png', width: 64, height: 48 });
		});
	});
});

describe('input images', () => {
	it('a URL with %ZZ in its path is fetched exactly as given and names the file', async () => {
		const output = await harness('resultPaths', { parameters: { operation: 'remix', imageSource: 'url', imageUrl: `${server.url}/hostile/valid%ZZ.png`, prompt: 'x', options: { downloadImages: false } } }).run();
		expect(output).toHaveLength(1);
		expect(server.requests.some((request) => request.url === '/hostile/valid%ZZ.png')).toBe(true);
	});

	it('a PNG cut off after its header is refused before sending, from binary data', async () => {
		const before = server.requests.length;
		const json = await errorItem('resultPaths', { operation: 'remix', binaryPropertyName: 'data', prompt: 'x', options: {} }, {
			items: [{ binary: { data: { data: TRUNCATED_PNG, mimeType: 'image/png', fileName: 'cut.png' } } }],
		});
		expect(json.error).toBe(`Input Image Field: binary field "data" is an incomplete image: the PNG ends before its IEND chunk (${TRUNCATED_PNG.length} bytes)`);
		expect(server.requests.length).toBe(before);
	});

	it('a PNG cut off after its header is refused before sending, from a URL', async () => {
		const posts = () => server.requests.filter((request) => request.method === 'POST').length;
		const before = posts();
		const json = await errorItem('resultPaths', { operation: 'remix', imageSource: 'url', imageUrl: `${server.url}/hostile/truncated.png`, prompt: 'x', options: {} });
		expect(json.error).toBe(`Image URL: ${server.url}/hostile/truncated.png sent an incomplete image: the PNG ends before its IEND chunk (${TRUNCATED_PNG.length} bytes)`);
		expect(posts()).toBe(before);
	});

	it('a complete image goes through', async () => {
		const output = await harness('resultPaths', { parameters: { operation: 'remix', binaryPropertyName: 'data', prompt: 'x', options: {} }, items: [{ binary: { data: pngFile(16, 16) } }] }).run();
		expect(output[0].binary?.data.mimeType).toBe('image/png');
	});
});
