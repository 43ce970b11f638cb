// The endpoints the catalogue added, each run through the node against the sandbox: what goes out (path, body
// encoding, fields, files) and what comes back (drawn from the input, polled where Ideogram answers later).
import { PNG } from 'pngjs';

import { createHash } from 'crypto';

import { invertMask } from '../../nodes/Ideogram/media/maskInversion';
import { encodePng } from '../../sandbox/png';
import { makeJpegHeader, makePng, pngFile, readSandboxImageInfo, sandboxHarness, useSandbox } from '../support/fixtures';
import { failureOf } from '../support/parts';

const KEY = 'catalogue-endpoints-key';
const sandbox = useSandbox(KEY);
const harness = sandboxHarness(sandbox, KEY);

const photo = { data: pngFile(64, 48) };

/** A black mask with a white square in its middle (white = what Remove Object removes). */
function whiteSquareMask(width: number, height: number): Buffer {
	return encodePng(width, height, (x: number, y: number) =>
		x >= width / 4 && x < (3 * width) / 4 && y >= height / 4 && y < (3 * height) / 4 ? [255, 255, 255] : [0, 0, 0],
	);
}

describe('Upscale models', () => {
	it('auto: POST /v2/image/upscale/auto with the factor, the image enlarged', async () => {
		const { run, bytesOf } = harness({
			parameters: { operation: 'upscale', model: 'auto', binaryPropertyName: 'data', options: { upscaleFactor: 'x4', seed: 5 } },
			items: [{ binary: photo }],
			typeVersion: 1.2,
		});
		const [item] = await run();
		const [request] = sandbox.requests;
		expect([request.path, request.fields]).toEqual(['/v2/image/upscale/auto', { upscale_factor: ['x4'], seed: ['5'] }]);
		expect(Object.keys(request.files)).toEqual(['image']);
		expect(readSandboxImageInfo(bytesOf(item.binary!.data))).toMatchObject({ width: 256, height: 192 });
	});

	it('a saved node without a model keeps the legacy POST /upscale with image_request', async () => {
		const { run } = harness({ parameters: { operation: 'upscale', binaryPropertyName: 'data', options: { detail: 70 } }, items: [{ binary: photo }], typeVersion: 1.1 });
		await run();
		expect(sandbox.requests.map((request) => [request.path, Object.keys(request.files)])).toEqual([['/upscale', ['image_file']]]);
		expect(JSON.parse(sandbox.requests[0].fields.image_request[0])).toEqual({ detail: 70 });
	});

	it('refuses an output over 8192 pixels a side before anything is sent', async () => {
		const { run } = harness({
			parameters: { operation: 'upscale', model: 'topaz-standard-2', binaryPropertyName: 'data', options: { upscaleFactor: 'x8' } },
			items: [{ binary: { data: pngFile(1100, 500) } }],
		});
		const error = await failureOf(run);
		expect(error.message).toBe('Upscale Factor: the image is 1100×500, so x8 would make 8800×4000; Ideogram refuses outputs over 8192 pixels a side');
		expect(error.description).toBe('Choose a smaller factor, or a smaller image. Nothing was sent to Ideogram.');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('Nano Banana Pro sends its tier and prompt, not a factor', async () => {
		const { run } = harness({
			parameters: { operation: 'upscale', model: 'nano-banana-pro', binaryPropertyName: 'data', options: { resolutionTier: '2K', prompt: 'crisper' } },
			items: [{ binary: photo }],
		});
		await run();
		expect(sandbox.requests[0].fields).toEqual({ resolution_tier: ['2K'], prompt: ['crisper'] });
	});
});

describe('Remove Object', () => {
	it('sends image and mask, polls the generation and downloads the result of the image size', async () => {
		const mask = { data: whiteSquareMask(64, 48), mimeType: 'image/png', fileName: 'mask.png' };
		const { run, bytesOf } = harness({
			parameters: { operation: 'removeObject', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', options: { seed: 3 } },
			items: [{ binary: { data: photo.data, mask } }],
		});
		const [item] = await run();
		const posts = sandbox.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => [request.path, Object.keys(request.files), request.fields])).toEqual([['/v2/image/remove-object/ideogram-1', ['image', 'mask'], { seed: ['3'] }]]);
		expect(sandbox.requests.some((request) => request.method === 'GET' && request.path.startsWith('/v2/generations/'))).toBe(true);
		expect(item.json).toMatchObject({ status: 'completed', generation_id: expect.any(String) });
		expect(readSandboxImageInfo(bytesOf(item.binary!.data))).toMatchObject({ width: 64, height: 48 });
	});

	it('Invert Mask sends the mask inverted (an Edit mask serves Remove Object); a JPEG mask is refused before sending', async () => {
		const editMask = encodePng(64, 48, (x: number, y: number) => (x >= 16 && x < 48 && y >= 12 && y < 36 ? [0, 0, 0] : [255, 255, 255]));
		const mask = { data: editMask, mimeType: 'image/png', fileName: 'edit-mask.png' };
		const { run } = harness({
			parameters: { operation: 'removeObject', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', options: { invertMask: true } },
			items: [{ binary: { data: photo.data, mask } }],
		});
		await run();
		const [post] = sandbox.requests.filter((request) => request.method === 'POST');
		const sent = post.files.mask[0];
		expect(sent).toMatchObject({ width: 64, height: 48, sha256: createHash('sha256').update(await invertMask(editMask, 'Mask')).digest('hex') });
		expect(sent.sha256).not.toBe(createHash('sha256').update(editMask).digest('hex'));

		sandbox.reset();
		const jpegMask = { data: makeJpegHeader(64, 48), mimeType: 'image/jpeg', fileName: 'mask.jpg' };
		const refused = harness({
			parameters: { operation: 'removeObject', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', options: { invertMask: true } },
			items: [{ binary: { data: photo.data, mask: jpegMask } }],
		});
		const error = await failureOf(refused.run);
		expect(error.message).toMatch(/^Invert Mask \(Input Mask Field\): /);
		expect(error.message).toMatch(/PNG/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a mask of another size before sending, saying what white means here', async () => {
		const { run } = harness({
			parameters: { operation: 'removeObject', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask' },
			items: [{ binary: { data: photo.data, mask: { data: makePng(10, 10), mimeType: 'image/png', fileName: 'm.png' } } }],
		});
		const error = await failureOf(run);
		expect(error.message).toBe('Input Mask Field: the mask is 10×10 but the image is 64×48; they must be the same size');
		expect(error.description).toBe('Make the mask exactly as wide and as tall as the image: white where Ideogram should remove, black where it should keep. Nothing was sent to Ideogram.');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Generate with the new models', () => {
	it('Ideogram 4.0 sends typed JSON', async () => {
		const { run } = harness({
			parameters: { operation: 'generate', model: 'ideogram-4', prompt: 'a red kite', options: { numImages: 2, renderingSpeed: 'TURBO', resolutionV4: '1024x1024' }, requestOptions: { downloadImages: false } },
			items: [{ json: {} }],
			typeVersion: 1.2,
		});
		const output = await run();
		const [request] = sandbox.requests;
		expect(request.path).toBe('/v2/image/generate/ideogram-4');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.fields).toEqual({ prompt: ['a red kite'], rendering_speed: ['turbo'], resolution: ['1024x1024'], num_images: ['2'] });
		expect(output).toHaveLength(2);
	});

	it('Ideogram 4.0 Transparent and 3.0 Transparent give PNGs with alpha; 3.0 Transparent spells the factor in capitals on its v1 path', async () => {
		for (const [model, options, path] of [
			['ideogram-4-transparent', { outputResolution: '1k' }, '/v2/image/generate/ideogram-4-transparent'],
			['ideogram-3-transparent', { upscaleFactor: 'x2' }, '/v1/ideogram-v3/generate-transparent'],
		] as const) {
			sandbox.reset();
			const { run, bytesOf } = harness({ parameters: { operation: 'generate', model, prompt: 'a blue bottle', options }, items: [{ json: {} }], typeVersion: 1.2 });
			const [item] = await run();
			expect(sandbox.requests[0].path).toBe(path);
			const bytes = bytesOf(item.binary!.data);
			expect(bytes[25]).toBe(6); // colour type 6: RGBA
			expect(PNG.sync.read(bytes).data.some((_, index, data) => index % 4 === 3 && data[index] === 0)).toBe(true);
		}
		expect(sandbox.requests[0].fields.upscale_factor).toEqual(['X2']);
	});

	it('names result files per item from version 1.2, so items never share a name', async () => {
		const { run } = harness({ parameters: { operation: 'generate', model: 'ideogram-4-5', prompt: (index: number) => `poster ${index}`, options: { seed: 11 } }, items: [{ json: {} }, { json: {} }], typeVersion: 1.2 });
		const output = await run();
		expect(output.map((item) => item.binary!.data.fileName)).toEqual(['ideogram-generate-1-1-11.png', 'ideogram-generate-2-1-11.png']);
	});
});

describe('Describe with Ideogram 4.0', () => {
	it('outputs the structured prompt as json_prompt, with the switches sent as given', async () => {
		const { run } = harness({
			parameters: { operation: 'describe', model: 'ideogram-4', binaryPropertyName: 'data', options: { includeTags: true, includeBbox: false } },
			items: [{ binary: photo }],
			typeVersion: 1.2,
		});
		const [item] = await run();
		expect(sandbox.requests[0]).toMatchObject({ path: '/v2/image/describe/ideogram-4', fields: { include_bbox: ['false'], include_tags: ['true'] } });
		expect(item.json.json_prompt).toEqual(expect.objectContaining({ high_level_description: expect.any(String) }));
		expect(item.binary).toBeUndefined();
	});

	it('refuses Estimate Cost before sending: Ideogram does not price Describe', async () => {
		const { run } = harness({ parameters: { operation: 'describe', model: 'ideogram-4', binaryPropertyName: 'data', options: { estimateCost: true } }, items: [{ binary: photo }] });
		expect((await failureOf(run)).message).toMatch(/^Estimate Cost: Ideogram does not price Ideogram 4\.0 Describe in advance/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Replace Background with a reference (Ideogram 4.5)', () => {
	it('sends the image and the background reference, no prompt, and polls the result', async () => {
		const background = { data: makePng(40, 40, [20, 120, 220]), mimeType: 'image/png', fileName: 'beach.png' };
		const { run, bytesOf } = harness({
			parameters: { operation: 'replaceBackground', model: 'ideogram-4-5', binaryPropertyName: 'data', backgroundReferenceBinaryPropertyName: 'background', prompt: 'ignored' },
			items: [{ binary: { data: photo.data, background } }],
			typeVersion: 1.2,
		});
		const [item] = await run();
		const [post] = sandbox.requests.filter((request) => request.method === 'POST');
		expect([post.path, Object.keys(post.files), post.fields]).toEqual(['/v2/image/replace-background/ideogram-4-5', ['image', 'background_reference'], {}]);
		expect(readSandboxImageInfo(bytesOf(item.binary!.data))).toMatchObject({ width: 64, height: 48 });
	});
});

describe('Get Usage', () => {
	it("outputs one item per bucket with its line items; a member's key is told it needs an admin's", async () => {
		// Something billed first, so the usage has a line.
		await harness({ parameters: { operation: 'generate', model: 'ideogram-4-5', prompt: 'a lamp', requestOptions: { downloadImages: false } }, items: [{ json: {} }] }).run();
		const start = new Date(Date.now() - 3600_000).toISOString();
		const { run } = harness({ parameters: { operation: 'getUsage', startTime: start, bucketWidth: '1h', sources: ['api'] }, items: [{ json: {} }] });
		const output = await run();
		const usage = sandbox.requests.at(-1)!;
		expect([usage.method, usage.path, usage.query]).toEqual(['GET', '/v2/account/usage', { start_time: start, bucket_width: '1h', sources: 'api' }]);
		expect(output.length).toBeGreaterThan(0);
		const lines = output.flatMap((item) => item.json.line_items as Array<Record<string, unknown>>);
		expect(lines).toContainEqual(expect.objectContaining({ endpoint: '/v2/image/generate/ideogram-4-5', cost_total: expect.any(String) }));

		const member = sandboxHarness(sandbox, 'non-admin-member-key')({ parameters: { operation: 'getUsage', startTime: start }, items: [{ json: {} }] });
		expect((await failureOf(member.run)).message).toBe("This key cannot read usage: only an organisation admin's key can (HTTP 404)");
	});

	it('refuses a start time that is not a date before sending', async () => {
		const { run } = harness({ parameters: { operation: 'getUsage', startTime: 'last tuesday' }, items: [{ json: {} }] });
		expect((await failureOf(run)).message).toMatch(/^Start Time: "last tuesday" is not a date and time/);
		expect(sandbox.requests).toHaveLength(0);
	});
});
