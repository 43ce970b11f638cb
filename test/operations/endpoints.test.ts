import { createHarness } from '../support/harness';
import { makePng, maskFile, pngFile, readSandboxImageInfo, sandboxHarness, useSandbox, withSandboxImages } from '../support/fixtures';

const KEY = 'surface-test-key';
const sandbox = useSandbox(KEY);
const harness = sandboxHarness(sandbox, KEY);
const fileUrl = (name: string) => `${sandbox.imageUrl}/files/${name}`;
const fileRequests = () => sandbox.imageRequests.filter((request) => request.path.startsWith('/files/'));

// The sandbox's image host also stands in for a CDN holding the user's images.
beforeAll(() => {
	sandbox.serveFile('photo.png', makePng(48, 48, [10, 120, 200]));
	sandbox.serveFile('mask.png', makePng(48, 48, [0, 0, 0]));
	sandbox.serveFile('small-mask.png', makePng(24, 24, [0, 0, 0]));
	sandbox.serveFile('page.html', Buffer.from('<html>hello</html>'), 'text/html');
});

describe('Reframe', () => {
	it('sends the image and the required resolution, and returns an image of that size', async () => {
		const { run, bytesOf } = harness({
			parameters: { operation: 'reframe', binaryPropertyName: 'data', resolution: '1312x736', options: { seed: 3, renderingSpeed: 'TURBO', stylePreset: 'BAUHAUS' } },
			items: [{ binary: { data: pngFile(64, 64) } }],
		});
		const [item] = await run();
		expect(sandbox.requests[0].path).toBe('/v1/ideogram-v3/reframe');
		expect(sandbox.requests[0].fields).toEqual({ resolution: ['1312x736'], seed: ['3'], rendering_speed: ['TURBO'], style_preset: ['BAUHAUS'] });
		expect(readSandboxImageInfo(bytesOf(item.binary!.data))).toMatchObject({ width: 1312, height: 736 });
	});
});

describe('Generate', () => {
	it('needs no input image and sends every generate option', async () => {
		const { run } = harness({
			parameters: {
				operation: 'generate',
				prompt: 'a lighthouse',
				options: { aspectRatio: '9x16', negativePrompt: 'fog', styleType: 'DESIGN', magicPrompt: 'AUTO', numImages: 2, seed: 11, renderingSpeed: 'DEFAULT', colorPalette: { preset: { name: 'JUNGLE' } } },
			},
			items: [{ json: {} }],
		});
		const output = await run();
		expect(sandbox.requests[0].path).toBe('/v1/ideogram-v3/generate');
		expect(sandbox.requests[0].files).toEqual({});
		expect(sandbox.requests[0].fields).toMatchObject({ prompt: ['a lighthouse'], aspect_ratio: ['9x16'], negative_prompt: ['fog'], style_type: ['DESIGN'], num_images: ['2'] });
		expect(output).toHaveLength(2);
	});

	it('sends character references with their masks', async () => {
		const { run } = harness({
			parameters: { operation: 'generate', prompt: 'the same person on a bike', options: { characterReferenceImages: 'face', characterReferenceImageMasks: 'faceMask' } },
			items: [{ binary: { face: pngFile(20, 30, 'face.png'), faceMask: maskFile(20, 30) } }],
		});
		await run();
		const request = sandbox.requests[0];
		expect(request.files.character_reference_images[0]).toMatchObject({ filename: 'face.png', width: 20, height: 30 });
		expect(request.files.character_reference_images_mask[0]).toMatchObject({ filename: 'mask.png', width: 20, height: 30 });
	});

	it('refuses a character mask count that does not match the references', async () => {
		const { run } = harness({
			parameters: { operation: 'generate', prompt: 'x', options: { characterReferenceImageMasks: 'faceMask' } },
			items: [{ binary: { faceMask: maskFile(20, 30) } }],
		});
		await expect(run()).rejects.toThrow('Character Reference Masks: there are 1 masks for 0 character reference images');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Upscale and Describe', () => {
	it('upscale sends image_file and the image_request JSON part', async () => {
		const { run } = harness({
			parameters: { operation: 'upscale', binaryPropertyName: 'data', options: { prompt: 'crisp', resemblance: 70, detail: 90, magicPrompt: 'OFF', seed: 5 } },
			items: [{ binary: { data: pngFile(32, 32) } }],
		});
		const [item] = await run();
		const request = sandbox.requests[0];
		expect(request.path).toBe('/upscale');
		expect(request.files.image_file[0]).toMatchObject({ width: 32, height: 32 });
		expect(JSON.parse(request.fields.image_request[0])).toEqual({ prompt: 'crisp', resemblance: 70, detail: 90, magic_prompt_option: 'OFF', seed: 5 });
		expect(item.binary?.data).toBeDefined();
	});

	it('describe returns the descriptions as the API gives them, one item per input', async () => {
		const { run } = harness({
			parameters: { operation: 'describe', binaryPropertyName: 'data', options: { describeModelVersion: 'V_2' } },
			items: [{ binary: { data: pngFile(16, 16) } }, { binary: { data: pngFile(16, 16) } }],
		});
		const output = await run();
		expect(sandbox.requests.map((request) => [request.path, request.fields.describe_model_version])).toEqual([
			['/describe', ['V_2']],
			['/describe', ['V_2']],
		]);
		expect(output).toHaveLength(2);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[0].json.descriptions).toEqual([{ text: expect.any(String) }]);
		expect(output[0].binary).toBeUndefined();
	});
});

describe('images from URLs', () => {
	it('downloads image and mask without credentials, checks them, and sends them as files', async () => {
		const { run } = harness({
			parameters: { operation: 'edit', imageSource: 'url', imageUrl: fileUrl('photo.png'), maskUrl: fileUrl('mask.png'), prompt: 'x' },
			items: [{ json: {} }],
		});
		const [item] = await run();
		expect(sandbox.requests[0].files.image[0]).toMatchObject({ filename: 'photo.png', width: 48, height: 48 });
		expect(sandbox.requests[0].files.mask[0]).toMatchObject({ filename: 'mask.png' });
		expect(fileRequests().map((request) => request.path)).toEqual(['/files/photo.png', '/files/mask.png']);
		expect(JSON.stringify(fileRequests())).not.toContain(KEY);
		expect(item.binary?.data).toBeDefined();
	});

	it.each([
		['small-mask.png', 'Mask URL: the mask is 24×24 but the image is 48×48'],
		['page.html', 'Mask URL: FILES/page.html did not return a JPEG, PNG or WebP image'],
		['missing.png', 'Mask URL: downloading FILES/missing.png failed with HTTP 404'],
	])('refuses a bad mask URL %s before calling the API', async (path, message) => {
		const { run } = harness({
			parameters: { operation: 'edit', imageSource: 'url', imageUrl: fileUrl('photo.png'), maskUrl: fileUrl(path), prompt: 'x' },
		});
		await expect(run()).rejects.toThrow(message.replace('FILES', `${sandbox.imageUrl}/files`));
		expect(sandbox.requests).toHaveLength(0);
	});

	it('accepts reference images given as URLs', async () => {
		const { run } = harness({
			parameters: { operation: 'remix', imageSource: 'url', imageUrl: fileUrl('photo.png'), prompt: 'x', options: { styleReferenceImages: fileUrl('mask.png') } },
		});
		await run();
		expect(sandbox.requests[0].files.style_reference_images).toHaveLength(1);
	});
});

describe('as an AI agent tool', () => {
	it('returns compact JSON with URLs and seeds, and downloads nothing', async () => {
		const { run } = harness({
			isTool: true,
			parameters: { operation: 'remix', imageSource: 'url', imageUrl: fileUrl('photo.png'), prompt: 'x', options: { numImages: 2 } },
			items: [{ json: { query: 'remix it' } }],
		});
		const output = await run();
		expect(output).toHaveLength(2);
		for (const item of output) {
			expect(item.binary).toBeUndefined();
			expect(item.json).toMatchObject({ url: expect.stringMatching(/^http/), seed: expect.any(Number), resolution: expect.any(String), is_image_safe: true });
			expect(JSON.stringify(item).length).toBeLessThan(1000);
		}
		expect(sandbox.imageRequests.filter((request) => request.path.startsWith('/images/'))).toHaveLength(0);
	});

	it('tells the agent to pass a URL when the image source is binary', async () => {
		const { run } = harness({ isTool: true, parameters: { operation: 'remix', imageSource: 'binary', binaryPropertyName: 'data', prompt: 'x' }, items: [{ json: { query: 'x' } }] });
		await expect(run()).rejects.toThrow('set "Image Source" to URL');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('gateway tasks', () => {
	function gateway(taskStatusUrl?: string) {
		return createHarness({
			credentials: { apiKey: KEY, baseUrl: `${sandbox.apiUrl}/ideogram`, authHeader: 'bearer', ...(taskStatusUrl !== undefined ? { taskStatusUrl } : {}) },
			parameters: withSandboxImages(sandbox, { operation: 'remix', binaryPropertyName: 'data', prompt: 'x' }),
			items: [{ binary: { data: pngFile(16, 16) } }],
		});
	}

	it('without a Task Status URL, outputs the task with a hint', async () => {
		sandbox.queueFault({ task: { polls: 1 } });
		const [item] = await gateway().run();
		expect(item.json.task).toMatchObject({ data: { task_id: expect.any(String), task_status: 'submitted' } });
		expect(item.json.hint).toContain('Task Status URL');
	});

	it('with a relative Task Status URL, polls until the task succeeds and downloads its images', async () => {
		sandbox.queueFault({ task: { polls: 2 } });
		const [item] = await gateway('/v1/tasks/{task_id}').run();
		const polls = sandbox.requests.filter((request) => request.method === 'GET');
		expect(polls).toHaveLength(2);
		expect(polls.every((request) => request.auth === 'bearer')).toBe(true);
		expect(item.json.task_id).toEqual(expect.any(String));
		expect(item.binary?.data.mimeType).toBe('image/png');
	});

	it('reports a failed task with the gateway\'s reason', async () => {
		sandbox.queueFault({ task: { polls: 1, fail: true } });
		await expect(gateway(`${sandbox.apiUrl}/ideogram/v1/tasks/{task_id}`).run()).rejects.toThrow(/task .* failed: upstream failed/);
	});
});
