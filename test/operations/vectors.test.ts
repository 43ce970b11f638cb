// Generate Vector and Vectorize: asynchronous SVG results, kept as image/svg+xml files, and refused when they
// hold active content (the sandbox adds a <script> when the prompt or file name says `script-test`).
import { sleep } from 'n8n-workflow';

import { pngFile, sandboxHarness, useSandbox } from '../support/fixtures';
import { failureOf } from '../support/parts';

const KEY = 'vectors-key';
const sandbox = useSandbox(KEY);
const harness = sandboxHarness(sandbox, KEY);

describe('Generate Vector', () => {
	it('sends the prompt and options, polls, and outputs each SVG as an .svg file', async () => {
		const { run, bytesOf } = harness({
			parameters: { operation: 'generateVector', prompt: 'a fox logo', options: { quality: 'low', numImages: 2, seed: 4 } },
			items: [{ json: {} }],
			typeVersion: 1.2,
		});
		const output = await run();
		const [post] = sandbox.requests.filter((request) => request.method === 'POST');
		expect([post.path, post.fields]).toEqual(['/v2/svg/generate/ideogram-vector-1', { prompt: ['a fox logo'], quality: ['low'], num_images: ['2'], seed: ['4'] }]);
		expect(output).toHaveLength(2);
		for (const [index, item] of output.entries()) {
			expect(item.json).toMatchObject({ object_type: 'svg.generation', status: 'completed', url: expect.any(String) });
			expect(item.binary!.data).toMatchObject({ mimeType: 'image/svg+xml', fileName: `ideogram-generate-vector-1-${index + 1}.svg` });
			expect(bytesOf(item.binary!.data).toString('utf8')).toMatch(/<svg[\s>][\s\S]*<\/svg>\s*$/);
		}
	});

	it('refuses an SVG with a script, failing the item; Allow Active SVG keeps it', async () => {
		const parameters = { operation: 'generateVector', prompt: 'a badge script-test', options: {} };
		const error = await failureOf(harness({ parameters, items: [{ json: {} }] }).run);
		expect(error.message).toMatch(/^Result SVG 1: the SVG holds active content \(.*script.*\); it was not kept$/);
		expect(error.description).toMatch(/Allow Active SVG/);

		const { run, bytesOf } = harness({ parameters: { ...parameters, requestOptions: { allowActiveSvg: true } }, items: [{ json: {} }], typeVersion: 1.2 });
		const [item] = await run();
		expect(bytesOf(item.binary!.data).toString('utf8')).toContain('<script');
	});

	it('refuses Quality very_low before sending, naming the field', async () => {
		const error = await failureOf(harness({ parameters: { operation: 'generateVector', prompt: 'x', options: { quality: 'very_low' } }, items: [{ json: {} }] }).run);
		expect(error.message).toMatch(/^Quality: "very_low" is not one of the API's values \(low, medium, high\)/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Get Generation', () => {
	it('returns the SVGs of a vector generation, checked like any SVG result', async () => {
		const submit = harness({
			parameters: { operation: 'vectorize', binaryPropertyName: 'data', options: { webhookUrl: 'https://hooks.example.com/ideogram' } },
			items: [{ binary: { data: pngFile(40, 30) } }],
			typeVersion: 1.2,
		});
		const [submitted] = await submit.run();
		expect(submitted.json).toMatchObject({ status: 'submitted', generation_id: expect.any(String) });
		const lookUp = harness({ parameters: { operation: 'getGeneration', generationId: submitted.json.generation_id }, typeVersion: 1.2 });
		let output = await lookUp.run();
		for (let polls = 0; output[0].json.status === 'pending' && polls < 50; polls++) {
			await sleep(100);
			output = await lookUp.run();
		}
		expect(output[0].json.status).toBe('completed');
		expect(output[0].binary!.data.mimeType).toBe('image/svg+xml');
		expect(lookUp.bytesOf(output[0].binary!.data).toString('utf8')).toContain('<svg');
	});
});

describe('Vectorize', () => {
	it('traces an image into an SVG', async () => {
		const { run, bytesOf } = harness({ parameters: { operation: 'vectorize', binaryPropertyName: 'data' }, items: [{ binary: { data: pngFile(40, 30) } }], typeVersion: 1.2 });
		const [item] = await run();
		const [post] = sandbox.requests.filter((request) => request.method === 'POST');
		expect([post.path, Object.keys(post.files)]).toEqual(['/v2/svg/vectorize/ideogram-vector-1', ['image']]);
		expect(item.binary!.data.mimeType).toBe('image/svg+xml');
		expect(bytesOf(item.binary!.data).toString('utf8')).toContain('<svg');
	});
});
