import { createHarness } from '../support/harness';
import { makeJpegHeader, makePng, makeWebp, maskFile, pngFile, readSandboxImageInfo, sandboxHarness, useSandbox, withSandboxImages } from '../support/fixtures';

const KEY = 'core-test-key';
const sandbox = useSandbox(KEY);
const harness = sandboxHarness(sandbox, KEY);

const photoAndMask = { binary: { data: pngFile(64, 48), mask: maskFile(64, 48) } };

describe('Edit', () => {
	it('sends image, mask, prompt and options as the API names them, and returns the downloaded image', async () => {
		const { run, bytesOf } = harness({
			parameters: {
				operation: 'edit',
				binaryPropertyName: 'data',
				maskBinaryPropertyName: 'mask',
				prompt: 'a straw hat',
				options: { numImages: 1, seed: 42, renderingSpeed: 'TURBO', magicPrompt: 'OFF', styleType: 'REALISTIC', stylePreset: 'OIL_PAINTING' },
			},
			items: [photoAndMask],
		});
		const output = await run();

		expect(sandbox.requests).toHaveLength(1);
		const request = sandbox.requests[0];
		expect(request.path).toBe('/v1/ideogram-v3/edit');
		expect(request.auth).toBe('apiKey');
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.files.image[0]).toMatchObject({ filename: 'photo.png', contentType: 'image/png', width: 64, height: 48 });
		expect(request.files.mask[0]).toMatchObject({ filename: 'mask.png', contentType: 'image/png', width: 64, height: 48 });
		expect(request.fields).toEqual({
			prompt: ['a straw hat'],
			num_images: ['1'],
			seed: ['42'],
			rendering_speed: ['TURBO'],
			magic_prompt: ['OFF'],
			style_type: ['REALISTIC'],
			style_preset: ['OIL_PAINTING'],
		});

		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ prompt: expect.any(String), resolution: '64x48', is_image_safe: true, seed: 42, created: expect.any(String) });
		expect(item.json.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/images\//);
		expect(item.json.notice).toMatch(/deprecated/);
		const binary = item.binary!.data;
		expect(binary).toMatchObject({ mimeType: 'image/png', fileName: 'ideogram-edit-42.png' });
		expect(binary.id).toMatch(/^filesystem-v2:/);
		expect(readSandboxImageInfo(bytesOf(binary))).toMatchObject({ format: 'png', width: 64, height: 48 });
	});

	it('uses the inpaint endpoint when chosen', async () => {
		const { run } = harness({
			parameters: { operation: 'edit', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', prompt: 'x', options: { editEndpoint: 'inpaint' } },
			items: [photoAndMask],
		});
		const [item] = await run();
		expect(sandbox.requests[0].path).toBe('/v1/ideogram-v3/inpaint');
		expect(item.json.notice).toBeUndefined();
	});

	it('refuses a mask whose size differs from the image, naming both sizes, before sending anything', async () => {
		const { run } = harness({
			parameters: { operation: 'edit', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', prompt: 'x' },
			items: [{ binary: { data: pngFile(64, 48), mask: maskFile(64, 64) } }],
		});
		await expect(run()).rejects.toThrow('Input Mask Field: the mask is 64×64 but the image is 64×48; they must be the same size');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Remix', () => {
	it('sends every remix option, repeated style codes and a JSON color palette', async () => {
		const { run } = harness({
			parameters: {
				operation: 'remix',
				binaryPropertyName: 'data',
				prompt: 'in winter',
				options: {
					imageWeight: 80, aspectRatio: '16x9', negativePrompt: 'people', numImages: 2, seed: 7, renderingSpeed: 'QUALITY',
					magicPrompt: 'ON', stylePreset: 'WATERCOLOR', styleCodes: 'AAFF5733,0133FF57',
					colorPalette: { custom: { members: '#FF5733:0.6, #33C1FF:0.4' } },
					customModelUri: 'model/mine/version/2',
				},
			},
			items: [{ binary: { data: pngFile(32, 32) } }],
		});
		const output = await run();
		const request = sandbox.requests[0];
		expect(request.path).toBe('/v1/ideogram-v3/remix');
		expect(request.fields).toMatchObject({
			prompt: ['in winter'], image_weight: ['80'], aspect_ratio: ['16x9'], negative_prompt: ['people'], num_images: ['2'],
			seed: ['7'], rendering_speed: ['QUALITY'], magic_prompt: ['ON'], style_preset: ['WATERCOLOR'],
			style_codes: ['AAFF5733', '0133FF57'], custom_model_uri: ['model/mine/version/2'],
		});
		expect(JSON.parse(request.fields.color_palette[0])).toEqual({
			members: [{ color_hex: '#FF5733', color_weight: 0.6 }, { color_hex: '#33C1FF', color_weight: 0.4 }],
		});
		expect(output).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(output.map((item) => item.json.resolution)).toEqual(['1312x736', '1312x736']);
	});

	it('sends style reference images from other binary fields as repeated file parts', async () => {
		const { run } = harness({
			parameters: { operation: 'remix', binaryPropertyName: 'data', prompt: 'x', options: { styleReferenceImages: 'style1, style2', resolution: '1024x1024', colorPalette: { preset: { name: 'PASTEL' } } } },
			items: [{ binary: { data: pngFile(32, 32), style1: pngFile(8, 8, 'a.png'), style2: { data: makeJpegHeader(10, 20), mimeType: 'application/octet-stream', fileName: 'b' } } }],
		});
		await run();
		const request = sandbox.requests[0];
		expect(request.files.style_reference_images.map((file: { filename: string; contentType: string }) => [file.filename, file.contentType])).toEqual([
			['a.png', 'image/png'],
			['b.jpg', 'image/jpeg'],
		]);
		expect(request.fields.color_palette).toEqual(['{"name":"PASTEL"}']);
		expect(request.fields.resolution).toEqual(['1024x1024']);
	});

	it.each([
		[{ aspectRatio: '1x1', resolution: '1024x1024' }, 'Aspect Ratio: cannot be used together with Resolution'],
		[{ styleCodes: 'AAFF5733', styleType: 'DESIGN' }, 'Style Codes: cannot be used together with Style Type'],
		[{ styleCodes: 'AAFF5733', styleReferenceImages: 'data' }, 'Style Codes: cannot be used together with Style Reference Images'],
		[{ styleCodes: 'nothex!!' }, 'Style Codes: "nothex!!" is not a style code'],
		[{ colorPalette: { custom: { members: '#12345G' } } }, 'Color Palette: "#12345G" is not a color'],
		[{ numImages: 12 }, 'Number of Images: must be a whole number from 1 to 8, got 12'],
	])('refuses %j before sending anything', async (options, message) => {
		const { run } = harness({ parameters: { operation: 'remix', binaryPropertyName: 'data', prompt: 'x', options }, items: [{ binary: { data: pngFile(8, 8) } }] });
		await expect(run()).rejects.toThrow(message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Replace Background', () => {
	it('reads JPEG and WebP by their bytes, whatever MIME type the item claims', async () => {
		for (const [data, format, type] of [
			[makeWebp(40, 30), 'webp', 'image/webp'],
			[makeJpegHeader(40, 30), 'jpg', 'image/jpeg'],
		] as const) {
			sandbox.reset();
			const { run } = harness({
				parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'a beach', options: { renderingSpeed: 'FLASH' } },
				items: [{ binary: { data: { data, mimeType: 'image/png', fileName: 'upload.png' } } }],
			});
			const [item] = await run();
			const file = sandbox.requests[0].files.image[0];
			expect([file.filename, file.contentType]).toEqual([`upload.${format}`, type]);
			expect(sandbox.requests[0].path).toBe('/v1/ideogram-v3/replace-background');
			expect(item.json.resolution).toBe('40x30');
		}
	});

	it('accepts the binary object itself, as an expression like {{ $binary.data }} gives it', async () => {
		const parameters: Record<string, unknown> = { operation: 'replaceBackground', prompt: 'x' };
		const { run, ctx } = harness({ parameters, items: [{ binary: { photo: pngFile(16, 24) } }] });
		parameters.binaryPropertyName = ctx.getInputData()[0].binary!.photo;
		await run();
		expect(sandbox.requests[0].files.image[0]).toMatchObject({ filename: 'photo.png', width: 16, height: 24 });
	});

	it('works with binary data stored inline (base64) as well as behind an id', async () => {
		const { run } = harness({ binaryMode: 'inline', parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x' }, items: [{ binary: { data: pngFile(16, 16) } }] });
		const [item] = await run();
		expect(sandbox.requests[0].files.image[0]).toMatchObject({ width: 16, height: 16 });
		expect(item.binary!.data.mimeType).toBe('image/png');
	});
});

describe('input errors name the field and send nothing', () => {
	const base = { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x' };

	it('a missing binary field, listing the fields the item has', async () => {
		const { run } = harness({ parameters: { ...base, binaryPropertyName: 'photo' }, items: [{ binary: { data: pngFile(8, 8), extra: pngFile(8, 8) } }] });
		await expect(run()).rejects.toMatchObject({
			message: 'Input Image Field: the input item has no binary field "photo"',
			description: expect.stringContaining('Binary fields on this item: data, extra'),
		});
		expect(sandbox.requests).toHaveLength(0);
	});

	it('an item without any binary data', async () => {
		const { run } = harness({ parameters: base, items: [{ json: { a: 1 } }] });
		await expect(run()).rejects.toMatchObject({ description: expect.stringContaining('carries no binary data') });
	});

	it('a file that claims to be a PNG but is not an image', async () => {
		const { run } = harness({ parameters: base, items: [{ binary: { data: { data: Buffer.from('<html>not an image</html>'), mimeType: 'image/png', fileName: 'fake.png' } } }] });
		await expect(run()).rejects.toThrow('Input Image Field: binary field "data" is not a JPEG, PNG or WebP image');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('a file over 10 MB, from its metadata before the bytes are loaded', async () => {
		const big = Buffer.concat([makePng(8, 8), Buffer.alloc(10 * 1024 * 1024)]);
		const { run } = harness({ parameters: base, items: [{ binary: { data: { data: big, mimeType: 'image/png' } } }] });
		await expect(run()).rejects.toThrow('Input Image Field: binary field "data" is 10.0 MB, over the API\'s 10.0 MB limit');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('an empty prompt', async () => {
		const { run } = harness({ parameters: { ...base, prompt: '' }, items: [{ binary: { data: pngFile(8, 8) } }] });
		await expect(run()).rejects.toThrow('Prompt: is empty');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('items, results and failures', () => {
	it('returns one item per image across items, each paired with its input', async () => {
		const { run } = harness({
			parameters: { operation: 'remix', binaryPropertyName: 'data', prompt: 'x', options: { numImages: (index: number) => index + 1 } },
			items: [{ binary: { data: pngFile(8, 8) } }, { binary: { data: pngFile(8, 8) } }, { binary: { data: pngFile(8, 8) } }],
		});
		const output = await run();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }, { item: 2 }, { item: 2 }, { item: 2 }]);
		expect(output.every((item) => item.binary?.data)).toBe(true);
	});

	it('turns an image withheld by the safety check into an item without binary', async () => {
		sandbox.queueFault({ withheld: [1] });
		const { run } = harness({ parameters: { operation: 'remix', binaryPropertyName: 'data', prompt: 'x', options: { numImages: 2 } }, items: [{ binary: { data: pngFile(8, 8) } }] });
		const output = await run();
		expect(output).toHaveLength(2);
		expect(output[0].binary?.data).toBeDefined();
		expect(output[1].json).toMatchObject({ is_image_safe: false, url: null });
		expect(output[1].binary).toBeUndefined();
	});

	it('with continue on fail, a bad item becomes an error item and the others succeed', async () => {
		const { run } = harness({
			continueOnFail: true,
			parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x' },
			items: [{ binary: { data: pngFile(8, 8) } }, { json: {} }, { binary: { data: pngFile(8, 8) } }],
		});
		const output = await run();
		expect(output).toHaveLength(3);
		expect(output[0].binary?.data).toBeDefined();
		expect(output[1]).toMatchObject({ json: { error: 'Input Image Field: the input item has no binary field "data"' }, pairedItem: { item: 1 } });
		expect(output[2].binary?.data).toBeDefined();
		expect(sandbox.requests).toHaveLength(2);
	});

	it('without continue on fail, raises the error with the item index', async () => {
		const { run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x' }, items: [{ binary: { data: pngFile(8, 8) } }, { json: {} }] });
		await expect(run()).rejects.toMatchObject({ context: { itemIndex: 1 } });
	});

	it('keeps only the URLs when downloads are off, and writes to the chosen output field', async () => {
		const off = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { downloadImages: false } }, items: [{ binary: { data: pngFile(8, 8) } }] });
		const [plain] = await off.run();
		expect(plain.binary).toBeUndefined();
		expect(plain.json.url).toEqual(expect.any(String));
		expect(sandbox.imageRequests).toHaveLength(0);
		const renamed = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { outputBinaryPropertyName: 'edited' } }, items: [{ binary: { data: pngFile(8, 8) } }] });
		const [item] = await renamed.run();
		expect(Object.keys(item.binary!)).toEqual(['edited']);
	});
});

describe('credentials and the API key', () => {
	it('talks to a gateway under a path prefix with a Bearer token (trailing slash tolerated)', async () => {
		const { run } = createHarness({
			credentials: { apiKey: KEY, baseUrl: `${sandbox.apiUrl}/ideogram/`, authHeader: 'bearer' },
			parameters: withSandboxImages(sandbox, { operation: 'remix', binaryPropertyName: 'data', prompt: 'x' }),
			items: [{ binary: { data: pngFile(8, 8) } }],
		});
		const [item] = await run();
		expect(sandbox.requests[0]).toMatchObject({ path: '/ideogram/v1/ideogram-v3/remix', auth: 'bearer' });
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
		expect(sandbox.requests[0].headers['api-key']).toBeUndefined();
		expect(item.binary?.data).toBeDefined();
	});

	it('never sends the key to the image host and never puts it in the output', async () => {
		const { run, calls } = harness({ parameters: { operation: 'edit', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', prompt: 'x', options: { numImages: 2 } }, items: [photoAndMask] });
		const output = await run();
		expect(sandbox.imageRequests).toHaveLength(2);
		for (const request of sandbox.imageRequests) {
			expect(JSON.stringify(request.headers)).not.toContain(KEY);
			expect(request.headers.authorization).toBeUndefined();
		}
		expect(calls.filter((call) => call.url.startsWith(sandbox.imageUrl)).every((call) => !call.authenticated)).toBe(true);
		expect(JSON.stringify(output)).not.toContain(KEY);
	});

	it('explains a refused key without echoing it', async () => {
		const { run } = createHarness({
			credentials: { apiKey: 'wrong-key', baseUrl: sandbox.apiUrl, authHeader: 'apiKey' },
			parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x' },
			items: [{ binary: { data: pngFile(8, 8) } }],
		});
		const error = (await run().catch((caught: unknown) => caught)) as Error & { description: string; httpCode: string };
		expect(error.message).toBe('Ideogram refused the credential (HTTP 401)');
		expect(error.description).toContain('Check the API key');
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain('wrong-key');
	});
});

describe('API errors', () => {
	const parameters = { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x' };
	const items = [{ binary: { data: pngFile(8, 8) } }];

	it('402: out of credits, not retried', async () => {
		sandbox.queueFault({ status: 402 });
		const { run } = harness({ parameters, items });
		await expect(run()).rejects.toThrow('Ideogram did not run the request: out of credits (HTTP 402)');
		expect(sandbox.requests).toHaveLength(1);
	});

	it('422: the safety refusal in the API\'s words', async () => {
		sandbox.queueFault({ status: 422 });
		const { run } = harness({ parameters, items });
		await expect(run()).rejects.toThrow("Ideogram's safety check refused the request: Prompt provided failed safety check");
	});

	it('429: waits as Retry-After says, retries, and records the retry on the item', async () => {
		sandbox.queueFault({ status: 429, retryAfter: 1 });
		const started = Date.now();
		const { run } = harness({ parameters, items });
		const [item] = await run();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
		expect(item.json.retries).toEqual([{ attempt: 1, reason: 'HTTP 429 inflight_limit', waitedMs: expect.any(Number) }]);
		expect((item.json.retries as Array<{ waitedMs: number }>)[0].waitedMs).toBeGreaterThanOrEqual(950);
		expect(item.binary?.data).toBeDefined();
	});

	it('429 inflight_limit is not billed and clears: retried past Max Retries, until Timeout', async () => {
		sandbox.queueFault({ status: 429, retryAfter: 0, times: 3 });
		const { run } = harness({ parameters: { ...parameters, options: { maxRetries: 1 } }, items });
		const [item] = await run();
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 429, 429, 200]);
		expect((item.json.retries as Array<{ reason: string }>).map((retry) => retry.reason)).toEqual(Array(3).fill('HTTP 429 inflight_limit'));
	});

	it('429 inflight_limit until Timeout: fails the item saying the limit stayed full', async () => {
		sandbox.queueFault({ status: 429, retryAfter: 0.3, times: 20 });
		const { run } = harness({ parameters: { ...parameters, options: { timeout: 1 } }, items });
		await expect(run()).rejects.toMatchObject({
			message: "Ideogram's limit of images in flight stayed full for 1 s (HTTP 429 inflight_limit)",
			description: expect.stringContaining('nothing was billed'),
		});
		expect(sandbox.requests.length).toBeGreaterThanOrEqual(3);
		expect(sandbox.requests.length).toBeLessThanOrEqual(5);
	});

	it('429 that does not stop (other than inflight_limit): gives up after Max Retries', async () => {
		sandbox.queueFault({ status: 429, retryAfter: 0, times: 3, body: { error: 'Too many requests', reject_reason: 'rate_limit' } });
		const { run } = harness({ parameters: { ...parameters, options: { maxRetries: 2 } }, items });
		await expect(run()).rejects.toThrow('Ideogram kept answering "too many requests" (HTTP 429) after 2 retries');
		expect(sandbox.requests).toHaveLength(3);
	});

	it('500 after the request was sent: reported, not re-sent', async () => {
		sandbox.queueFault({ status: 500 });
		const { run } = harness({ parameters, items });
		await expect(run()).rejects.toMatchObject({
			message: 'Ideogram failed with HTTP 500 after receiving the request',
			description: expect.stringContaining('may already have been billed'),
		});
		expect(sandbox.requests).toHaveLength(1);
	});

	it('500 is re-sent only when the user opts in', async () => {
		sandbox.queueFault({ status: 500, retryAfter: 0 });
		const { run } = harness({ parameters: { ...parameters, options: { retryPossiblyBilled: true } }, items });
		const [item] = await run();
		expect(sandbox.requests).toHaveLength(2);
		expect((item.json.retries as Array<{ reason: string }>)[0].reason).toBe('HTTP 500');
	});

	it('a network failure before any response is retried', async () => {
		const { run } = createHarness({
			credentials: { apiKey: KEY, baseUrl: 'http://127.0.0.1:9', authHeader: 'apiKey' },
			parameters: { ...parameters, options: { maxRetries: 1 } },
			items,
		});
		await expect(run()).rejects.toMatchObject({
			message: 'Could not reach the Ideogram API at http://127.0.0.1:9: connection refused',
			description: expect.stringContaining('ECONNREFUSED, tried 2 times'),
		});
	});
});
