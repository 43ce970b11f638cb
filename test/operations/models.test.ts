import type { INodeProperties } from 'n8n-workflow';

import { operation as edit } from '../../nodes/Ideogram/operations/edit.operation';
import { operation as generate } from '../../nodes/Ideogram/operations/generate.operation';
import { operation as describeImage } from '../../nodes/Ideogram/operations/describe.operation';
import { operation as remix } from '../../nodes/Ideogram/operations/remix.operation';
import { operation as replaceBackground } from '../../nodes/Ideogram/operations/replaceBackground.operation';
import { operation as upscale } from '../../nodes/Ideogram/operations/upscale.operation';
import { encodePng } from '../../sandbox/png';
import { pngFile, readSandboxImageInfo, sandboxHarness, useSandbox } from '../support/fixtures';
import { createHarness, type InputFile } from '../support/harness';
import { failureOf } from '../support/parts';

const KEY = 'models-test-key';
const sandbox = useSandbox(KEY);
const harness = sandboxHarness(sandbox, KEY);

/** Black (edit) on the top half, white (keep) below: Ideogram 4.5 wants both in a mask. */
function twoToneMask(width: number, height: number): InputFile {
	return { data: encodePng(width, height, (_x: number, y: number) => (y < height / 2 ? [0, 0, 0] : [255, 255, 255])), mimeType: 'image/png', fileName: 'mask.png' };
}

const photo = { data: pngFile(64, 48), mask: twoToneMask(64, 48), ref1: pngFile(32, 32, 'ref1.png'), ref2: pngFile(40, 40, 'ref2.png') };

describe('Generate with Ideogram 4.5', () => {
	it('posts the v2 fields to /v2/image/generate/ideogram-4-5 and downloads the images', async () => {
		const { run, bytesOf } = harness({
			parameters: {
				operation: 'generate',
				model: 'ideogram-4-5',
				prompt: 'a lighthouse',
				options: { numImages: 2, seed: 9, magicPrompt: 'ON', quality: 'low', size: '1024x1024', enableCopyrightDetection: true },
			},
		});
		const output = await run();
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/v2/image/generate/ideogram-4-5', 200]]);
		expect(sandbox.requests[0].fields).toEqual({
			prompt: ['a lighthouse'],
			magic_prompt: ['on'],
			num_images: ['2'],
			seed: ['9'],
			quality: ['low'],
			size: ['1024x1024'],
			enable_copyright_detection: ['true'],
		});
		expect(sandbox.requests[0].files).toEqual({});
		expect(output).toHaveLength(2);
		expect(output.map((item) => item.json.seed)).toEqual([9, 10]);
		expect(output[0].json).toMatchObject({ resolution: '1024x1024', is_image_safe: true, generation_id: expect.any(String) });
		expect(readSandboxImageInfo(bytesOf(output[0].binary!.data))).toMatchObject({ format: 'png', width: 1024, height: 1024 });
	});

	it('sends Reference Images as `images`, in order, so size "source" is allowed', async () => {
		const { run } = harness({
			parameters: { operation: 'generate', model: 'ideogram-4-5', prompt: 'the same, at night', options: { referenceImages: 'ref1, ref2', size: 'source' } },
			items: [{ binary: photo }],
		});
		await run();
		expect(sandbox.requests[0].files.images.map((f: { filename: string }) => f.filename)).toEqual(['ref1.png', 'ref2.png']);
		expect(sandbox.requests[0].fields.size).toEqual(['source']);
	});
});

describe('Edit with Ideogram 4.5 (Precise Edit)', () => {
	it('sends image, mask and reference_images to /v2/image/precise-edit/ideogram-4-5; the result keeps the input size', async () => {
		const { run, bytesOf } = harness({
			parameters: {
				operation: 'edit',
				model: 'ideogram-4-5',
				binaryPropertyName: 'data',
				maskBinaryPropertyName: 'mask',
				prompt: 'add a plant',
				options: { referenceImages: 'ref1,ref2', quality: 'very_low', seed: 3 },
			},
			items: [{ binary: photo }],
		});
		const [item] = await run();
		const [request] = sandbox.requests;
		expect(request.path).toBe('/v2/image/precise-edit/ideogram-4-5');
		expect(Object.keys(request.files)).toEqual(['image', 'mask', 'reference_images']);
		expect(request.files.reference_images.map((f: { filename: string }) => f.filename)).toEqual(['ref1.png', 'ref2.png']);
		expect(request.fields).toEqual({ prompt: ['add a plant'], seed: ['3'], quality: ['very_low'] });
		expect(readSandboxImageInfo(bytesOf(item.binary!.data))).toMatchObject({ width: 64, height: 48 });
	});

	it('sends no mask when the mask field is empty', async () => {
		const { run } = harness({
			parameters: { operation: 'edit', model: 'ideogram-4-5', binaryPropertyName: 'data', maskBinaryPropertyName: '', prompt: 'warmer light', options: {} },
			items: [{ binary: photo }],
		});
		await run();
		expect(Object.keys(sandbox.requests[0].files)).toEqual(['image']);
	});
});

describe('Remix with Ideogram 4.0 and 4.5', () => {
	it('4.0: image and image weight to /v2/image/remix/ideogram-4', async () => {
		const { run } = harness({
			parameters: { operation: 'remix', model: 'ideogram-4', binaryPropertyName: 'data', prompt: 'in brass', options: { imageWeight: 80, numImages: 1 } },
			items: [{ binary: photo }],
		});
		const output = await run();
		expect(sandbox.requests[0].path).toBe('/v2/image/remix/ideogram-4');
		expect(sandbox.requests[0].fields).toEqual({ prompt: ['in brass'], num_images: ['1'], image_weight: ['80'] });
		expect(Object.keys(sandbox.requests[0].files)).toEqual(['image']);
		expect(output).toHaveLength(1);
	});

	it('4.5: adds reference_images, lower-case magic prompt and quality, to /v2/image/remix/ideogram-4-5', async () => {
		const { run } = harness({
			parameters: { operation: 'remix', model: 'ideogram-4-5', binaryPropertyName: 'data', prompt: 'in brass', options: { referenceImages: 'ref1', magicPrompt: 'OFF', quality: 'medium' } },
			items: [{ binary: photo }],
		});
		await run();
		expect(sandbox.requests[0].path).toBe('/v2/image/remix/ideogram-4-5');
		expect(sandbox.requests[0].fields).toEqual({ prompt: ['in brass'], magic_prompt: ['off'], quality: ['medium'] });
		expect(Object.keys(sandbox.requests[0].files)).toEqual(['image', 'reference_images']);
	});
});

describe('file sizes on the 4.x endpoints', () => {
	/** A PNG header padded to `megabytes`: the node and the sandbox read the size from the header. */
	const paddedPng = (megabytes: number, fileName: string): InputFile => ({
		data: Buffer.concat([pngFile(32, 32).data, Buffer.alloc(megabytes * 1024 * 1024)]),
		mimeType: 'image/png',
		fileName,
	});

	it('takes a reference image over v1\'s 10 MB (up to 25 MB per file)', async () => {
		const { run } = harness({
			parameters: { operation: 'remix', model: 'ideogram-4-5', binaryPropertyName: 'data', prompt: 'x', options: { referenceImages: 'big' } },
			items: [{ binary: { data: photo.data, big: paddedPng(12, 'big.png') } }],
		});
		await run();
		expect(sandbox.requests[0].status).toBe(200);
		expect(sandbox.requests[0].files.reference_images[0].size).toBeGreaterThan(12 * 1024 * 1024);
	});

	it('refuses a reference image over 25 MB before sending', async () => {
		const { run } = harness({
			parameters: { operation: 'remix', model: 'ideogram-4-5', binaryPropertyName: 'data', prompt: 'x', options: { referenceImages: 'huge' } },
			items: [{ binary: { data: photo.data, huge: paddedPng(26, 'huge.png') } }],
		});
		expect((await failureOf(run)).message).toMatch(/^Reference Images: binary field "huge" is 26\.0 MB, over the API's 25\.0 MB limit/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('refusals before anything is sent', () => {
	it.each([
		['a 3.0 option with 4.5', { operation: 'generate', model: 'ideogram-4-5', options: { styleType: 'DESIGN' } }, /^Style Type: Ideogram 4\.5 Generate does not take this option; remove it, or choose a model that takes it$/],
		['a palette with Precise Edit', { operation: 'edit', model: 'ideogram-4-5', options: { colorPalette: { preset: { name: 'PASTEL' } } } }, /^Color Palette: Ideogram 4\.5 Precise Edit does not take this option/],
		['rendering speed with Remix 4.0', { operation: 'remix', model: 'ideogram-4', options: { renderingSpeed: 'TURBO' } }, /^Rendering Speed: Ideogram 4\.0 Remix does not take/],
		['magic prompt with Precise Edit', { operation: 'edit', model: 'ideogram-4-5', options: { magicPrompt: 'AUTO' } }, /^Magic Prompt: Ideogram 4\.5 Precise Edit does not take/],
		['reference images with Remix 4.0', { operation: 'remix', model: 'ideogram-4', options: { referenceImages: 'ref1' } }, /^Reference Images: Ideogram 4\.0 Remix does not take this option/],
		['a 4.x option with Ideogram 3.0', { operation: 'generate', model: 'ideogram-3', options: { quality: 'high' } }, /^Quality: Ideogram 3\.0 Generate does not take this option/],
		['a cost estimate with Ideogram 3.0', { operation: 'remix', options: { estimateCost: true } }, /^Estimate Cost: Ideogram does not price Ideogram 3\.0 Remix in advance/],
		['an http webhook', { operation: 'generate', model: 'ideogram-4-5', options: { webhookUrl: 'http://n8n.example.com/hook' } }, /^Webhook URL: must be an https:\/\/ address/],
		['size "source" without reference images', { operation: 'generate', model: 'ideogram-4-5', options: { size: 'source' } }, /^Size: "source" keeps the size of the first reference image/],
		['a size off the 32 grid', { operation: 'generate', model: 'ideogram-4-5', options: { size: '1000x1000' } }, /^Size: 1000x1000: both sides must be multiples of 32/],
		['four references with a mask', { operation: 'edit', model: 'ideogram-4-5', maskBinaryPropertyName: 'mask', options: { referenceImages: 'ref1,ref2,ref1,ref2' } }, /^Reference Images: 4 images given; with a mask at most 3/],
		['very_low quality for Remix', { operation: 'remix', model: 'ideogram-4-5', options: { quality: 'very_low' } }, /^Quality: "very_low" is not one of the API's values \(low, medium, high\)/],
		['a model the operation lacks', { operation: 'edit', model: 'ideogram-4', options: {} }, /^Model: "ideogram-4" is not a model of this operation/],
	])('%s', async (_name, parameters, message) => {
		const { run } = harness({
			parameters: { binaryPropertyName: 'data', maskBinaryPropertyName: '', prompt: 'x', ...parameters },
			items: [{ binary: photo }],
		});
		const error = await failureOf(run);
		expect(error.message).toMatch(message);
		expect(error.description).toBe('Nothing was sent to Ideogram.');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Estimate Cost', () => {
	it('sends the same request with ?dry_run=true and outputs the price quote; nothing is generated or downloaded', async () => {
		const { run } = harness({
			parameters: { operation: 'edit', model: 'ideogram-4-5', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', prompt: 'add a plant', options: { estimateCost: true, numImages: 2, quality: 'high' } },
			items: [{ binary: photo }, { binary: photo }],
		});
		const output = await run();
		expect(sandbox.requests.map((r) => [r.path, r.query])).toEqual([
			['/v2/image/precise-edit/ideogram-4-5', { dry_run: 'true' }],
			['/v2/image/precise-edit/ideogram-4-5', { dry_run: 'true' }],
		]);
		expect(Object.keys(sandbox.requests[0].files)).toEqual(['image', 'mask']);
		expect(sandbox.requests[0].fields).toEqual({ prompt: ['add a plant'], num_images: ['2'], quality: ['high'] });
		expect(sandbox.imageRequests).toHaveLength(0);
		expect(output).toHaveLength(2);
		for (const [index, item] of output.entries()) {
			expect(item.binary).toBeUndefined();
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({
				billing_identifier: 'ideogram_4_5_precise_edit',
				quantity: 2,
				usd_micros: expect.any(Number),
				credit_millis: expect.any(Number),
				qualifier: 'exact',
				upper_bound_usd_micros: expect.any(Number),
				usd: (item.json.usd_micros as number) / 1e6,
			});
		}
	});

	it('prepares a quote that takes no places in the image window', async () => {
		const { ctx } = harness({ parameters: { operation: 'generate', model: 'ideogram-4-5', prompt: 'x', options: { numImages: 4, estimateCost: true } } });
		const request = await generate.prepare(ctx, 0, { numImages: 4, estimateCost: true });
		expect(request).toMatchObject({ path: '/v2/image/generate/ideogram-4-5?dry_run=true', images: 0 });
		const run = await generate.prepare(ctx, 0, { numImages: 4 });
		expect(run).toMatchObject({ path: '/v2/image/generate/ideogram-4-5', images: 4 });
	});

	it('fails, without downloading, when the server generated instead of quoting', async () => {
		const { ctx } = harness({ parameters: { operation: 'generate', model: 'ideogram-4-5', prompt: 'x' } });
		const answer = { body: { generation_id: 'g1', data: [{ url: `${sandbox.imageUrl}/images/x.png` }] }, retries: [] };
		const error = await failureOf(() => generate.toItems(ctx, 0, { estimateCost: true }, answer));
		expect(error.message).toMatch(/ignored dry_run/);
		expect(sandbox.imageRequests).toHaveLength(0);
	});
});

describe('Webhook URL', () => {
	it('sends webhook_url and outputs { generation_id, status: "submitted" } at once, without polling or downloading', async () => {
		const { run } = harness({
			parameters: { operation: 'generate', model: 'ideogram-4-5', prompt: 'a kite', options: { webhookUrl: 'https://hooks.example.com/ideogram', numImages: 2 } },
		});
		const output = await run();
		expect(sandbox.requests.map((r) => [r.method, r.path])).toEqual([['POST', '/v2/image/generate/ideogram-4-5']]);
		expect(sandbox.requests[0].fields.webhook_url).toEqual(['https://hooks.example.com/ideogram']);
		expect(output).toEqual([{ json: { generation_id: expect.any(String), status: 'submitted' }, pairedItem: { item: 0 } }]);
		expect(sandbox.imageRequests).toHaveLength(0);
	});

	it('prepares a request that waits for no running render (the webhook gets the generation)', async () => {
		const { ctx } = harness({ parameters: { operation: 'remix', model: 'ideogram-4', binaryPropertyName: 'data', prompt: 'x' }, items: [{ binary: photo }] });
		expect(await remix.prepare(ctx, 0, { webhookUrl: 'https://hooks.example.com/x' })).toMatchObject({ waitFor: [], images: 1 });
		expect((await remix.prepare(ctx, 0, {})).waitFor).toBeUndefined();
	});

	it('polls a sync 4.x request the server answered with only a generation_id, then downloads its images', async () => {
		sandbox.queueFault({ generation: { polls: 1 } });
		const { run } = harness({ parameters: { operation: 'generate', model: 'ideogram-4-5', prompt: 'a kite', options: { numImages: 2 } } });
		const output = await run();
		expect(sandbox.requests.map((r) => [r.method, r.method === 'GET' ? r.path.replace(/[\w-]+$/, 'ID') : r.path])).toEqual([
			['POST', '/v2/image/generate/ideogram-4-5'],
			['GET', '/v2/generations/ID'],
			['GET', '/v2/generations/ID'],
		]);
		expect(output).toHaveLength(2);
		expect(output.every((item) => item.binary?.data)).toBe(true);
	});
});

describe('Edit with Ideogram 3.0: the edit endpoint', () => {
	const editOn = (baseUrl: string, typeVersion: number, editEndpoint?: string) => {
		const { ctx } = createHarness({
			credentials: { apiKey: KEY, baseUrl, authHeader: 'apiKey' },
			parameters: { operation: 'edit', model: 'ideogram-3', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', prompt: 'x' },
			items: [{ binary: photo }],
			typeVersion,
		});
		return edit.prepare(ctx, 0, editEndpoint ? { editEndpoint } : {});
	};

	it('version 1.1 without Edit Endpoint (auto): inpaint on api.ideogram.ai, edit on a gateway; nothing sent', async () => {
		expect((await editOn('https://api.ideogram.ai', 1.1)).path).toBe('/v1/ideogram-v3/inpaint');
		expect((await editOn('https://api.ideogram.ai/', 1.1)).path).toBe('/v1/ideogram-v3/inpaint');
		expect((await editOn('https://api.cometapi.com/ideogram', 1.1)).path).toBe('/v1/ideogram-v3/edit');
		expect((await editOn('https://api.ideogram.ai', 1.1, 'auto')).path).toBe('/v1/ideogram-v3/inpaint');
	});

	it('version 1 without Edit Endpoint keeps edit, on every host; explicit values keep their meaning', async () => {
		expect((await editOn('https://api.ideogram.ai', 1)).path).toBe('/v1/ideogram-v3/edit');
		expect((await editOn('https://api.ideogram.ai', 1.1, 'edit')).path).toBe('/v1/ideogram-v3/edit');
		expect((await editOn('https://gateway.example.com', 1.1, 'inpaint')).path).toBe('/v1/ideogram-v3/inpaint');
	});

	it('auto sends to the sandbox (not api.ideogram.ai) as edit', async () => {
		const { run } = harness({
			parameters: { operation: 'edit', model: 'ideogram-3', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', prompt: 'x', options: { editEndpoint: 'auto' } },
			items: [{ binary: photo }],
		});
		await run();
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/v1/ideogram-v3/edit']);
	});
});

describe('the panel', () => {
	/** Whether a property's `@version` condition shows it in a node of this version. */
	const shownAt = (property: INodeProperties, version: number) =>
		((property.displayOptions?.show?.['@version'] ?? []) as Array<number | { _cnd: { gte: number } }>).some((condition) =>
			typeof condition === 'number' ? condition === version : version >= condition._cnd.gte,
		);
	const modelProperty = (properties: INodeProperties[], version: number) => properties.find((p) => p.name === 'model' && shownAt(p, version));
	const optionsOf = (properties: INodeProperties[], version: number) =>
		properties.find((p) => p.name === 'options' && shownAt(p, version))!.options as INodeProperties[];

	it.each([
		['generate', generate, ['ideogram-4-5', 'ideogram-4-transparent', 'ideogram-4', 'ideogram-3-transparent', 'ideogram-3']],
		['edit', edit, ['ideogram-4-5', 'ideogram-3']],
		['remix', remix, ['ideogram-4-5', 'ideogram-4', 'ideogram-3']],
	] as const)('%s: Model is ideogram-3 in version 1 and the newest model from 1.1', (_name, operation, values) => {
		for (const version of [1, 1.1, 1.2]) {
			const property = modelProperty(operation.properties, version)!;
			expect((property.options as Array<{ value: string }>).map((option) => option.value)).toEqual(values);
			expect(property.default).toBe(version === 1 ? 'ideogram-3' : 'ideogram-4-5');
		}
	});

	it.each([
		['upscale', upscale, 'legacy', 'auto'],
		['describe', describeImage, 'ideogram-3', 'ideogram-4'],
		['replaceBackground', replaceBackground, 'ideogram-3', 'ideogram-4-5'],
	] as const)('%s: versions 1 and 1.1 keep the model saved nodes send; 1.2 starts on the newest', (_name, operation, saved, newest) => {
		expect(modelProperty(operation.properties, 1)?.default).toBe(saved);
		expect(modelProperty(operation.properties, 1.1)?.default).toBe(saved);
		expect(modelProperty(operation.properties, 1.2)?.default).toBe(newest);
	});

	it('shows each option only for the models that take it', () => {
		const shownFor = (operation: typeof generate, name: string, version = 1.1) =>
			optionsOf(operation.properties, version).find((option) => option.name === name)?.displayOptions?.show?.['/model'];
		expect(shownFor(generate, 'styleType')).toEqual(['ideogram-3']);
		expect(shownFor(generate, 'quality')).toEqual(['ideogram-4-5']);
		expect(shownFor(generate, 'size')).toEqual(['ideogram-4-5']);
		expect(shownFor(generate, 'negativePrompt')).toEqual(['ideogram-3', 'ideogram-3-transparent']);
		expect(shownFor(generate, 'outputResolution')).toEqual(['ideogram-4-transparent']);
		// Every model of Generate takes Magic Prompt: it shows whichever is chosen.
		expect(shownFor(generate, 'magicPrompt')).toBeUndefined();
		expect(shownFor(edit, 'magicPrompt')).toEqual(['ideogram-3']);
		expect(shownFor(edit, 'size')).toBeUndefined();
		// Shown for every model: hidden, n8n would drop it and a 3.0 node would render (and bill) instead of refusing.
		expect(optionsOf(remix.properties, 1.1).some((option) => option.name === 'estimateCost')).toBe(true);
		expect(shownFor(remix, 'estimateCost')).toBeUndefined();
		expect(shownFor(remix, 'referenceImages')).toEqual(['ideogram-4-5']);
		expect(shownFor(remix, 'imageWeight')).toBeUndefined();
		expect(shownFor(edit, 'editEndpoint', 1)).toEqual(['ideogram-3']);
		// The node's own settings stay visible for every model (version 1 keeps them in Options).
		expect(shownFor(generate, 'timeout', 1)).toBeUndefined();
		expect(optionsOf(generate.properties, 1).some((option) => option.name === 'timeout')).toBe(true);
	});

	it('Edit Endpoint offers auto, the default in version 1.1; version 1 keeps edit', () => {
		const editEndpoint = (version: number) => optionsOf(edit.properties, version).find((option) => option.name === 'editEndpoint')!;
		expect(editEndpoint(1).default).toBe('edit');
		expect(editEndpoint(1.1).default).toBe('auto');
		expect((editEndpoint(1.1).options as Array<{ value: string }>).map((option) => option.value)).toEqual(['auto', 'edit', 'inpaint']);
	});
});
