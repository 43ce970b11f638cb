// Generation polling: an answer with a generation_id and no data is a render still running. The node polls
// GET /v2/generations/{id} (holding its places), honours Retry-After, stops at Task Timeout or on cancel, and
// turns a failed generation into an error with Ideogram's reason.
import { sleep } from 'n8n-workflow';

import { createHarness } from '../support/harness';
import { pngFile, useSandbox, withSandboxImages } from '../support/fixtures';
import { generationJson, generationPath, pendingGenerationOf, readGeneration } from '../../nodes/Ideogram/transport/generations';

const KEY = 'generations-test-key';
const sandbox = useSandbox(KEY);

describe('pendingGenerationOf', () => {
	it('is the generation_id of an answer without data', () => {
		expect(pendingGenerationOf({ generation_id: 'abc_-1' })).toBe('abc_-1');
		expect(pendingGenerationOf({ generation_id: 'abc', status: 'pending' })).toBe('abc');
	});

	it('is undefined for a finished answer, or one without a usable id', () => {
		expect(pendingGenerationOf({ generation_id: 'abc', seed: 1, data: [] })).toBeUndefined();
		expect(pendingGenerationOf({ generation_id: 'abc', status: 'completed' })).toBeUndefined();
		expect(pendingGenerationOf({ created: 'x', data: [{ url: 'u' }] })).toBeUndefined();
		expect(pendingGenerationOf({ generation_id: 7 })).toBeUndefined();
		expect(pendingGenerationOf({ generation_id: '' })).toBeUndefined();
	});
});

describe('readGeneration', () => {
	it('reads a pending, a failed and a completed generation', () => {
		expect(readGeneration({ generation_id: 'g', status: 'pending', created: 't' })).toEqual({ id: 'g', status: 'pending', created: 't', images: [] });
		expect(readGeneration({ generation_id: 'g', status: 'failed', failure_reason: 'upstream timeout' })).toMatchObject({ status: 'failed', failureReason: 'upstream timeout' });
		expect(readGeneration({ generation_id: 'g', status: 'failed' }).failureReason).toBe('no reason given');
		expect(readGeneration({ generation_id: 'g', status: 'failed', failure_reason: { code: 7 } }).failureReason).toBe('{"code":7}');
		const completed = readGeneration({ generation_id: 'g', status: 'completed', usage_cost_usd_micros: 60000, data: [{ url: 'u', seed: 1 }] });
		expect(completed).toEqual({ id: 'g', status: 'completed', usageCostUsdMicros: 60000, images: [{ url: 'u', seed: 1 }] });
	});

	it.each([
		['no status', { generation_id: 'g' }],
		['an unknown status', { generation_id: 'g', status: 'succeeded' }],
		['no id', { status: 'pending' }],
		['a completed generation without data', { generation_id: 'g', status: 'completed' }],
		['data that is not a list of objects', { generation_id: 'g', status: 'completed', data: ['u'] }],
	])('refuses %s', (_name, body) => {
		expect(() => readGeneration(body as never)).toThrow();
	});

	it('drops a usage cost that is not a number, and names fields as the API does for output', () => {
		const generation = readGeneration({ generation_id: 'g', status: 'failed', failure_reason: 'x', usage_cost_usd_micros: 'lots' });
		expect(generationJson(generation)).toEqual({ generation_id: 'g', status: 'failed', failure_reason: 'x' });
	});

	it('builds the poll path with the id escaped', () => {
		expect(generationPath('a/b')).toBe('/v2/generations/a%2Fb');
	});
});

describe('polling a generation the API answered without data', () => {
	function gateway(parameters: Record<string, unknown> = {}, extra: Partial<Parameters<typeof createHarness>[0]> = {}) {
		return createHarness({
			credentials: { apiKey: KEY, baseUrl: `${sandbox.apiUrl}/ideogram`, authHeader: 'bearer' },
			parameters: withSandboxImages(sandbox, { operation: 'remix', binaryPropertyName: 'data', prompt: 'x', options: { numImages: 2 }, ...parameters }),
			items: [{ binary: { data: pngFile(32, 24) } }],
			...extra,
		});
	}
	const polls = () => sandbox.requests.filter((request) => request.method === 'GET');

	it('polls GET /v2/generations/{id} under the Base URL until completed, then downloads every image', async () => {
		sandbox.queueFault({ generation: { polls: 1 } });
		const output = await gateway().run();
		expect(polls().map((request) => [request.path, request.auth, request.status])).toEqual([
			[expect.stringMatching(/^\/ideogram\/v2\/generations\/[\w-]+$/), 'bearer', 200],
			[expect.stringMatching(/^\/ideogram\/v2\/generations\//), 'bearer', 200],
		]);
		expect(output).toHaveLength(2);
		const id = polls()[0].path.split('/').pop();
		for (const item of output) {
			expect(item.json).toMatchObject({ generation_id: id, status: 'completed', resolution: '1024x1024', is_image_safe: true });
			expect(item.binary?.data.mimeType).toBe('image/png');
			expect(item.pairedItem).toEqual({ item: 0 });
		}
	});

	it('holds the item\'s places until the generation completes: the next item is sent only then', async () => {
		sandbox.queueFault({ generation: { polls: 1 } });
		const { run } = createHarness({
			credentials: { apiKey: KEY, baseUrl: sandbox.apiUrl, authHeader: 'apiKey' },
			parameters: withSandboxImages(sandbox, { operation: 'generate', prompt: 'x', options: { numImages: 1, concurrency: 1 } }),
			items: [{}, {}],
		});
		await run();
		const [first, second] = sandbox.requests.filter((request) => request.method === 'POST');
		const lastPoll = polls().at(-1)!;
		expect(first.startedAt).toBeLessThan(lastPoll.startedAt);
		expect(second.startedAt).toBeGreaterThanOrEqual(lastPoll.answeredAt);
	});

	it('fails the item with Ideogram\'s failure_reason, saying a failed generation is not billed', async () => {
		sandbox.queueFault({ generation: { polls: 0, fail: 'the render server went away' } });
		const error = await gateway().run().catch((caught: Error & { description?: string }) => caught);
		expect(error).toMatchObject({ message: expect.stringMatching(/generation [\w-]+ failed: the render server went away/) });
		expect((error as { description?: string }).description).toContain('not billed');
	});

	it('honours Retry-After when a poll is rate limited, and records the retry on the item', async () => {
		sandbox.queueFault({ generation: { polls: 0 } });
		sandbox.queueFault({ status: 429, retryAfter: 1, body: { error: 'Too many polls' } });
		const [item] = await gateway({ options: {} }).run();
		const [limited, completed] = polls();
		expect([limited.status, completed.status]).toEqual([429, 200]);
		expect(completed.startedAt - limited.answeredAt).toBeGreaterThanOrEqual(950);
		expect(item.json.retries).toEqual([expect.objectContaining({ reason: 'HTTP 429', waitedMs: 1000 })]);
	});

	it('waits as a pending answer\'s Retry-After says before the next poll', async () => {
		sandbox.queueFault({ generation: { polls: 1, retryAfter: 3 } });
		await gateway({ options: {} }).run();
		const [pending, completed] = polls();
		expect(pending.status).toBe(200);
		// Without Retry-After the second poll would follow 2 s after the first.
		expect(completed.startedAt - pending.answeredAt).toBeGreaterThanOrEqual(2950);
	});

	it('gives up after Task Timeout, naming the generation so Get Generation can fetch it later', async () => {
		sandbox.queueFault({ generation: { polls: 100 } });
		await expect(gateway({ requestOptions: { taskTimeout: 1 } }).run()).rejects.toThrow(/generation ([\w-]+) was still pending after 1 s/);
		expect(polls().length).toBeGreaterThanOrEqual(1);
		expect(polls().length).toBeLessThanOrEqual(3);
	});

	it('stops polling when the execution is cancelled', async () => {
		sandbox.queueFault({ generation: { polls: 100 } });
		const controller = new AbortController();
		const running = gateway({}, { cancelSignal: controller.signal }).run();
		void sleep(1500).then(() => controller.abort());
		await expect(running).rejects.toThrow(/cancelled/);
		const count = polls().length;
		await sleep(1500);
		expect(polls().length).toBe(count);
	});

	it('refuses a generation answer it cannot read, instead of guessing', async () => {
		sandbox.queueFault({ generation: { polls: 0 } });
		sandbox.queueFault({ status: 200, body: { generation_id: 'x', status: 'done' } });
		await expect(gateway().run()).rejects.toThrow(/could not be read: the answer is not a generation/);
	});
});
