// Get Generation: GET /v2/generations/{id}, reported as it is (pending, failed, completed with images).
import { sandboxHarness, useSandbox } from '../support/fixtures';

const KEY = 'get-generation-key';
const sandbox = useSandbox(KEY);
const harness = sandboxHarness(sandbox, KEY);

/** Starts an async generation in the sandbox the way an earlier request (with a webhook) would have. */
async function submit(fault?: Record<string, unknown>, numImages = 2): Promise<string> {
	if (fault) sandbox.queueFault({ generation: fault });
	const response = await fetch(`${sandbox.apiUrl}/v2/image/generate/ideogram-4-5`, {
		method: 'POST',
		headers: { 'Api-Key': KEY, 'Content-Type': 'application/json' },
		body: JSON.stringify({ prompt: 'a lighthouse', num_images: numImages, size: '1024x1024', async: true }),
	});
	return ((await response.json()) as { generation_id: string }).generation_id;
}

const gets = () => sandbox.requests.filter((request) => request.method === 'GET');

describe('Get Generation', () => {
	it('reports a pending generation as pending, with one GET and no waiting', async () => {
		const id = await submit({ polls: 5 });
		const { run } = harness({ parameters: { operation: 'getGeneration', generationId: id } });
		const output = await run();
		expect(gets()).toHaveLength(1);
		expect(gets()[0]).toMatchObject({ path: `/v2/generations/${id}`, auth: 'apiKey', status: 200 });
		expect(output).toEqual([{ json: { generation_id: id, status: 'pending', created: expect.any(String) }, pairedItem: { item: 0 } }]);
	});

	it('reports a failed generation with its failure_reason, as output rather than an error', async () => {
		const id = await submit({ pendingMs: 0, fail: 'the upstream model timed out' });
		const [item] = await harness({ parameters: { operation: 'getGeneration', generationId: id } }).run();
		expect(item.json).toEqual({ generation_id: id, status: 'failed', created: expect.any(String), failure_reason: 'the upstream model timed out' });
		expect(item.binary).toBeUndefined();
	});

	it('outputs one item per image of a completed generation, downloaded, with usage_cost_usd_micros', async () => {
		const id = await submit({ pendingMs: 0 });
		const { run, bytesOf } = harness({ parameters: { operation: 'getGeneration', generationId: ` ${id} ` } });
		const output = await run();
		expect(output).toHaveLength(2);
		for (const item of output) {
			expect(item.json).toMatchObject({ generation_id: id, status: 'completed', usage_cost_usd_micros: 200000, resolution: '1024x1024', object_type: 'image', url: expect.any(String) });
			expect(item.binary!.data.mimeType).toBe('image/png');
			expect(bytesOf(item.binary!.data).length).toBeGreaterThan(0);
			expect(item.pairedItem).toEqual({ item: 0 });
		}
	});

	it('keeps the URLs only when Download Images is off', async () => {
		const id = await submit({ pendingMs: 0 }, 1);
		const [item] = await harness({ parameters: { operation: 'getGeneration', generationId: id, requestOptions: { downloadImages: false } } }).run();
		expect(item.binary).toBeUndefined();
		expect(item.json.url).toEqual(expect.any(String));
		expect(sandbox.imageRequests).toHaveLength(0);
	});

	it('looks up one generation per item, from an expression', async () => {
		const ids = [await submit({ pendingMs: 0 }, 1), await submit({ polls: 3 }, 1)];
		const { run } = harness({ parameters: { operation: 'getGeneration', generationId: (itemIndex: number) => ids[itemIndex] }, items: [{}, {}] });
		const output = await run();
		expect(output.map((item) => [item.json.generation_id, item.json.status, item.pairedItem])).toEqual([
			[ids[0], 'completed', { item: 0 }],
			[ids[1], 'pending', { item: 1 }],
		]);
	});

	it.each([
		['an empty ID', '', 'Generation ID is required'],
		['an ID with a slash', 'abc/../v1', 'Generation ID "abc/../v1" is not an Ideogram generation ID'],
	])('refuses %s before sending', async (_name, generationId, message) => {
		await expect(harness({ parameters: { operation: 'getGeneration', generationId } }).run()).rejects.toThrow(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a Timeout of 0 before asking, naming the field, like the other operations', async () => {
		const id = await submit({ pendingMs: 0 }, 1);
		const before = gets().length;
		const error = await harness({ parameters: { operation: 'getGeneration', generationId: id, requestOptions: { timeout: 0 } } }).run().catch((caught: Error) => caught);
		expect(error).toMatchObject({ message: expect.stringContaining('Timeout'), description: 'Nothing was sent to Ideogram.' });
		expect(gets()).toHaveLength(before);
	});

	it('explains an unknown generation (HTTP 404) as a wrong Generation ID, not a wrong endpoint', async () => {
		const error = await harness({ parameters: { operation: 'getGeneration', generationId: 'nope' } }).run().catch((caught: Error) => caught);
		expect(error).toMatchObject({ message: 'Ideogram has no generation with this ID (HTTP 404)' });
		expect((error as Error & { description?: string }).description).toContain('Check the Generation ID');
	});
});
