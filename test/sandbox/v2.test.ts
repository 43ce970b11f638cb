// The v2 half of the sandbox (sandbox/v2.js): Ideogram 4.x routes, price quotes, async generations and
// their polling, and the newer v1 tools. It must refuse what the reference says the API refuses, or the
// node's own checks before sending would go unproven.
import { sleep } from 'n8n-workflow';

import { encodePng } from '../../sandbox/png';
import { maskColours } from '../../sandbox/pixels';
import { decodePng } from '../../sandbox/render';
import { isPrivateHost } from '../../sandbox/v2';
import { makePng, makeJpegHeader, readSandboxImageInfo, useSandbox } from '../support/fixtures';

import { form, type Part } from './client';

const KEY = 'sandbox-v2-key';
const sandbox = useSandbox(KEY, { inflightLimit: 4 });

/** The sandbox's answers, with the fields these tests read. */
interface Answer {
	[field: string]: unknown;
	error?: string;
	generation_id: string;
	seed: number;
	status?: string;
	quantity?: number;
	data: Array<{ url: string; resolution: string }>;
	base_image_url: string;
	original_image_url: string | null;
	text_blocks: Array<Record<string, unknown>>;
}

async function call(method: string, path: string, body?: FormData | Record<string, unknown>, headers: Record<string, string> = { 'Api-Key': KEY }) {
	const json = body !== undefined && !(body instanceof FormData);
	const response = await fetch(`${sandbox.apiUrl}${path}`, {
		method,
		body: json ? JSON.stringify(body) : body,
		headers: json ? { ...headers, 'Content-Type': 'application/json' } : headers,
	});
	return { status: response.status, headers: response.headers, json: (await response.json()) as Answer };
}

const post = (path: string, body: FormData | Record<string, unknown>) => call('POST', path, body);
const poll = (id: string) => call('GET', `/v2/generations/${id}`);

/** Left half black (edit), right half white (keep). */
const halfMask = (width: number, height: number) => encodePng(width, height, (x: number) => (x < width / 2 ? [0, 0, 0] : [255, 255, 255]));
const image = (width = 64, height = 64) => makePng(width, height, [200, 40, 40]);

async function download(url: string) {
	return Buffer.from(await (await fetch(url)).arrayBuffer());
}

describe('sandbox v2: Ideogram 4.x routes', () => {
	it('generates with 4.5 from a JSON body, in the v2 shape: generation_id, top-level seed, data without style_type', async () => {
		const { status, json } = await post('/v2/image/generate/ideogram-4-5', { prompt: 'a lighthouse', size: '1024x1024', seed: 7, num_images: 2, magic_prompt: 'off' });
		expect(status).toBe(200);
		expect(json).toMatchObject({ generation_id: expect.any(String), seed: 7 });
		expect(json.created).toBeUndefined();
		expect(json.data).toEqual([
			{ prompt: 'a lighthouse', resolution: '1024x1024', is_image_safe: true, seed: 7, url: expect.any(String) },
			{ prompt: 'a lighthouse', resolution: '1024x1024', is_image_safe: true, seed: 8, url: expect.any(String) },
		]);
		expect(readSandboxImageInfo(await download(json.data[0].url))).toEqual({ format: 'png', width: 1024, height: 1024 });
	});

	it('precise-edits with 4.5: mask and references optional, output at the input size', async () => {
		const plain = await post('/v2/image/precise-edit/ideogram-4-5', form([['prompt', 'make it blue'], ['image', image(320, 200)]]));
		expect(plain.status).toBe(200);
		expect(plain.json.data[0].resolution).toBe('320x200');
		const masked = await post('/v2/image/precise-edit/ideogram-4-5', form([
			['prompt', 'make it blue'], ['image', image(320, 200)], ['mask', halfMask(320, 200)],
			['reference_images', image()], ['reference_images', image()], ['reference_images', image()], ['quality', 'very_low'],
		]));
		expect(masked.status).toBe(200);
		expect(masked.json.data[0].resolution).toBe('320x200');
	});

	it('remixes with 4 and 4.5, each with the fields its page documents', async () => {
		const four = await post('/v2/image/remix/ideogram-4', form([['prompt', 'x'], ['image', image(96, 64)], ['image_weight', '60'], ['rendering_speed', 'TURBO']]));
		expect(four.status).toBe(200);
		expect(four.json.data[0].resolution).toBe('96x64');
		const fourFive = await post('/v2/image/remix/ideogram-4-5', form([['prompt', 'x'], ['image', image()], ['quality', 'low'], ['magic_prompt', 'on'], ['reference_images', image()]]));
		expect(fourFive.status).toBe(200);
	});

	it('serves the v2 routes under the gateway prefix with a Bearer key too', async () => {
		const { status } = await call('POST', '/ideogram/v2/image/generate/ideogram-4-5', { prompt: 'x' }, { Authorization: `Bearer ${KEY}` });
		expect(status).toBe(200);
		expect((await call('POST', '/v2/image/generate/ideogram-4-5', { prompt: 'x' }, { 'Api-Key': 'wrong' })).status).toBe(401);
	});

	const many = (name: string, count: number): Array<[string, Part]> => Array.from({ length: count }, () => [name, image()]);
	it.each([
		['quality in upper case', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['quality', 'HIGH']], 'quality: invalid value HIGH'],
		['quality very_low without images', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['quality', 'very_low']], 'very_low needs source images'],
		['magic_prompt in v1 upper case', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['magic_prompt', 'AUTO']], 'magic_prompt: invalid value AUTO'],
		['a v3 option (style_type)', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['style_type', 'GENERAL']], 'style_type is not accepted'],
		['num_images 9', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['num_images', '9']], 'num_images must be an integer from 1 to 8'],
		['a negative seed', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['seed', '-1']], 'seed must be an integer'],
		['a missing prompt', '/v2/image/generate/ideogram-4-5', [['size', 'auto']], 'prompt is required'],
		['a prompt over 10000 characters', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'.repeat(10001)]], 'at most 10000'],
		['size source without images', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['size', 'source']], 'size source needs source images'],
		['an exact size that is not a preset', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['size', '1024x512']], 'not a supported 1K/2K preset'],
		['a side that is not a multiple of 32', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['images', image()], ['size', '1000x1024']], 'multiples of 32'],
		['a side under 256', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['images', image()], ['size', '224x1024']], 'at least 256'],
		['more than 2048x2048 pixels', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['images', image()], ['size', '2080x2048']], '2048x2048 pixels'],
		['an aspect ratio over 6:1', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['images', image()], ['size', '1792x256']], '6:1'],
		['a size word it does not know', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['size', 'large']], 'expected auto, source or WIDTHxHEIGHT'],
		['six images', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ...many('images', 6)], 'images: at most 5 files'],
		['a mask with a size', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['images', image()], ['mask', halfMask(64, 64)], ['size', '1024x1024']], 'size cannot be set with a mask'],
		['a mask and four other images', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ...many('images', 5), ['mask', halfMask(64, 64)]], 'at most 3 reference images'],
		['a mask without images', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['mask', halfMask(64, 64)]], 'mask needs images'],
		['a source image taller than 1:6', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['images', image(10, 70)]], 'between 1:6 and 6:1'],
		['a mask of another size', '/v2/image/precise-edit/ideogram-4-5', [['prompt', 'x'], ['image', image(64, 64)], ['mask', halfMask(64, 32)]], 'same dimensions as image (64x64)'],
		['an all-black mask', '/v2/image/precise-edit/ideogram-4-5', [['prompt', 'x'], ['image', image()], ['mask', makePng(64, 64, [0, 0, 0])]], 'both black (edit) and white (keep)'],
		['an all-white mask', '/v2/image/precise-edit/ideogram-4-5', [['prompt', 'x'], ['image', image()], ['mask', makePng(64, 64, [250, 250, 250])]], 'both black (edit) and white (keep)'],
		['five reference images', '/v2/image/precise-edit/ideogram-4-5', [['prompt', 'x'], ['image', image()], ...many('reference_images', 5)], 'reference_images: at most 4 files'],
		['four references with a mask', '/v2/image/precise-edit/ideogram-4-5', [['prompt', 'x'], ['image', image()], ['mask', halfMask(64, 64)], ...many('reference_images', 4)], 'at most 3 reference images'],
		['size on precise edit', '/v2/image/precise-edit/ideogram-4-5', [['prompt', 'x'], ['image', image()], ['size', 'auto']], 'size is not accepted'],
		['magic_prompt on precise edit', '/v2/image/precise-edit/ideogram-4-5', [['prompt', 'x'], ['image', image()], ['magic_prompt', 'auto']], 'magic_prompt is not accepted'],
		['a missing image', '/v2/image/precise-edit/ideogram-4-5', [['prompt', 'x']], 'image is required'],
		['magic_prompt on remix 4.0', '/v2/image/remix/ideogram-4', [['prompt', 'x'], ['image', image()], ['magic_prompt', 'on']], 'magic_prompt is not accepted'],
		['quality very_low on remix 4.5', '/v2/image/remix/ideogram-4-5', [['prompt', 'x'], ['image', image()], ['quality', 'very_low']], 'quality: invalid value very_low'],
		['image_weight 0', '/v2/image/remix/ideogram-4-5', [['prompt', 'x'], ['image', image()], ['image_weight', '0']], 'image_weight must be an integer from 1 to 100'],
		['enable_copyright_detection yes', '/v2/image/remix/ideogram-4-5', [['prompt', 'x'], ['image', image()], ['enable_copyright_detection', 'yes']], 'true or false'],
		['a plain-HTTP webhook', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['webhook_url', 'http://hooks.example.com/x']], 'webhook_url must use HTTPS'],
		['a webhook on a private address', '/v2/image/generate/ideogram-4-5', [['prompt', 'x'], ['webhook_url', 'https://192.168.1.20/hook']], 'private, loopback or metadata'],
		['a file that is not an image', '/v1/remove-background', [['image', [Buffer.from('hello'), 'a.png']]], 'JPEG, PNG and WebP'],
		['a field remove-background does not take', '/v1/remove-background', [['image', image()], ['prompt', 'x']], 'prompt is not accepted'],
		['async on a v1 tool', '/v1/ideogram-v3/layerize-text', [['image', image()], ['async', 'true']], 'async is not accepted'],
		['a layerize seed out of range', '/v1/ideogram-v3/layerize-text', [['image', image()], ['seed', '2147483648']], 'seed must be an integer from 0 to 2147483647'],
	])('refuses %s with 400', async (_name, path, parts, message) => {
		const { status, json } = await post(path, form(parts as Array<[string, Part]>));
		expect(status).toBe(400);
		expect(json.error).toEqual(expect.stringContaining(message));
		expect(sandbox.imageRequests).toHaveLength(0);
	});

	it('takes JSON only on generate (multipart elsewhere)', async () => {
		const { status, json } = await post('/v2/image/remix/ideogram-4-5', { prompt: 'x' });
		expect(status).toBe(400);
		expect(json.error).toBe('Expected multipart/form-data');
	});

	it('takes a JPEG mask on trust (its pixels are not decoded), but still checks its size', async () => {
		const ok = await post('/v2/image/precise-edit/ideogram-4-5', form([['prompt', 'x'], ['image', image()], ['mask', makeJpegHeader(64, 64)]]));
		expect(ok.status).toBe(200);
	});

	it('enforces the file limits: 25 MB on remove-background, 10 MB on layerize-text', async () => {
		const big = (megabytes: number) => Buffer.concat([image(), Buffer.alloc(megabytes * 1024 * 1024)]);
		expect((await post('/v1/remove-background', form([['image', big(25)]]))).json.error).toBe('image: max size is 25MB');
		expect((await post('/v1/ideogram-v3/layerize-text', form([['image', big(10)]]))).json.error).toBe('image: max size is 10MB');
		expect((await post('/v1/remove-background', form([['image', big(11)]]))).status).toBe(200);
	});
});

describe('sandbox v2: price quotes', () => {
	it('answers ?dry_run=true with a PriceQuote and generates nothing', async () => {
		const { status, json } = await post('/v2/image/generate/ideogram-4-5?dry_run=true', { prompt: 'x', quality: 'medium' });
		expect(status).toBe(200);
		expect(json).toEqual({
			object: 'price_quote', billing_identifier: 'ideogram_4_5_generate', quantity: 1, usd_micros: 60000, credit_millis: 6000, qualifier: 'exact', upper_bound_usd_micros: 60000,
		});
		const edit = await post('/v2/image/precise-edit/ideogram-4-5?dry_run=true', form([['prompt', 'x'], ['image', image(512, 512)], ['num_images', '3'], ['quality', 'high']]));
		expect(edit.json).toMatchObject({ billing_identifier: 'ideogram_4_5_precise_edit', quantity: 3, usd_micros: 300000 });
		expect(sandbox.requests.map((request: { query?: Record<string, string> }) => request.query)).toEqual([{ dry_run: 'true' }, { dry_run: 'true' }]);
		expect(sandbox.imageRequests).toHaveLength(0);
	});

	it('validates a quote like the request itself, and is not held back by the in-flight limit', async () => {
		expect((await post('/v2/image/generate/ideogram-4-5?dry_run=true', { prompt: 'x', quality: 'best' })).status).toBe(400);
		const submitted = await post('/v2/image/generate/ideogram-4-5', { prompt: 'x', num_images: 4, async: true });
		expect(submitted.status).toBe(200);
		expect((await post('/v2/image/generate/ideogram-4-5', { prompt: 'x' })).status).toBe(429);
		expect((await post('/v2/image/generate/ideogram-4-5?dry_run=true', { prompt: 'x', num_images: 8 })).json.quantity).toBe(8);
	});

	it('refuses dry_run on the v1 tools, where the reference does not document it', async () => {
		const { status, json } = await post('/v1/remove-background?dry_run=true', form([['image', image()]]));
		expect(status).toBe(400);
		expect(json.error).toContain('dry_run is not supported');
	});
});

describe('sandbox v2: async generations', () => {
	it('answers async=true with only a generation_id, pending, then completed with usage_cost_usd_micros (medium: 2 × 60000)', async () => {
		const submitted = await post('/v2/image/remix/ideogram-4-5', form([['prompt', 'x'], ['image', image(128, 96)], ['async', 'true'], ['num_images', '2']]));
		expect(submitted.status).toBe(200);
		expect(Object.keys(submitted.json)).toEqual(['generation_id']);
		const id = submitted.json.generation_id as string;
		expect((await poll(id)).json).toEqual({ generation_id: id, created: expect.any(String), status: 'pending' });
		await sleep(350);
		const done = await poll(id);
		expect(done.json).toMatchObject({ generation_id: id, status: 'completed', response_type: 'url', usage_cost_usd_micros: 120000 });
		expect(done.json.data).toHaveLength(2);
		expect(done.json.data[0]).toMatchObject({ object_type: 'image', resolution: '128x96', is_image_safe: true, url: expect.any(String) });
	});

	it('makes a webhook_url request async too, and holds its in-flight places until the render finishes', async () => {
		sandbox.queueFault({ generation: { polls: 1, pendingMs: 0 } });
		const submitted = await post('/v2/image/generate/ideogram-4-5', form([['prompt', 'x'], ['num_images', '4'], ['webhook_url', 'https://hooks.example.com/ideogram']]));
		expect(Object.keys(submitted.json)).toEqual(['generation_id']);
		expect((await post('/v1/ideogram-v3/generate', { prompt: 'x' })).status).toBe(429);
		expect((await poll(submitted.json.generation_id)).json.status).toBe('pending');
		expect((await poll(submitted.json.generation_id)).json.status).toBe('completed');
		expect((await post('/v1/ideogram-v3/generate', { prompt: 'x' })).status).toBe(200);
	});

	it('sends Retry-After on pending answers when the fault asks for it', async () => {
		sandbox.queueFault({ generation: { polls: 1, pendingMs: 0, retryAfter: 3 } });
		const submitted = await post('/v2/image/generate/ideogram-4-5', { prompt: 'x', async: true });
		const pending = await poll(submitted.json.generation_id);
		expect([pending.json.status, pending.headers.get('retry-after')]).toEqual(['pending', '3']);
		const done = await poll(submitted.json.generation_id);
		expect([done.json.status, done.headers.get('retry-after')]).toEqual(['completed', null]);
	});

	it('fails a generation with failure_reason and no charge', async () => {
		sandbox.queueFault({ generation: { polls: 0, pendingMs: 0, fail: 'content_moderation' } });
		const submitted = await post('/v2/image/generate/ideogram-4-5', { prompt: 'x', async: true });
		const { json } = await poll(submitted.json.generation_id);
		expect(json).toEqual({ generation_id: submitted.json.generation_id, created: expect.any(String), status: 'failed', failure_reason: 'content_moderation' });
	});

	it('answers a v1 request async when a gateway does (the generation fault), pollable on /v2/generations under the prefix', async () => {
		sandbox.queueFault({ generation: { polls: 1 } });
		const submitted = await call('POST', '/ideogram/v1/ideogram-v3/generate', { prompt: 'x' }, { Authorization: `Bearer ${KEY}` });
		expect(Object.keys(submitted.json)).toEqual(['generation_id']);
		const path = `/ideogram/v2/generations/${submitted.json.generation_id}`;
		expect((await call('GET', path, undefined, { Authorization: `Bearer ${KEY}` })).json.status).toBe('pending');
		expect((await call('GET', path, undefined, { Authorization: `Bearer ${KEY}` })).json).toMatchObject({ status: 'completed', data: [{ resolution: '1024x1024' }] });
	});

	it('keeps sync results fetchable by generation_id', async () => {
		const sync = await post('/v2/image/generate/ideogram-4-5', { prompt: 'x' });
		const { json } = await poll(sync.json.generation_id);
		expect(json).toMatchObject({ status: 'completed', data: [{ url: sync.json.data[0].url }] });
	});

	it('answers polls with 404 for an unknown id, 401 for a wrong key, and a queued 429 with Retry-After', async () => {
		expect((await poll('nope')).status).toBe(404);
		expect((await call('GET', '/v2/generations/nope', undefined, { 'Api-Key': 'wrong' })).status).toBe(401);
		sandbox.queueFault({ status: 429, retryAfter: 2 });
		const limited = await poll('nope');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
	});
});

describe('sandbox v2: the newer v1 tools', () => {
	it('removes a background: one transparent PNG of the input size', async () => {
		const { status, json } = await post('/v1/remove-background', form([['image', image(90, 60)]]));
		expect(status).toBe(200);
		expect(json).toEqual({ created: expect.any(String), data: [{ url: expect.any(String), resolution: '90x60', is_image_safe: true }] });
		const bytes = await download(json.data[0].url);
		expect(readSandboxImageInfo(bytes)).toEqual({ format: 'png', width: 90, height: 60 });
		expect(bytes[25]).toBe(6); // colour type RGBA
	});

	it('layerizes text: the lettering read back as text_blocks, a base image without it, and the original', async () => {
		// A poster the sandbox drew itself (3.0 generate paints the prompt in its 5×7 font).
		const made = await post('/v1/ideogram-v3/generate', { prompt: 'SUMMER SALE', resolution: '1024x512' });
		const poster = await download(made.json.data[0].url);
		const { status, json } = await post('/v1/ideogram-v3/layerize-text', form([['image', poster], ['prompt', 'a sale poster'], ['seed', '42']]));
		expect(status).toBe(200);
		expect(json).toMatchObject({ seed: 42, base_image_url: expect.any(String), original_image_url: expect.any(String) });
		expect(json.text_blocks).toEqual([expect.objectContaining({ text: 'SUMMER\nSALE', color: '#FAFAFA', alignment: 'center', role: 'headline' })]);
		const [block] = json.text_blocks as Array<{ x: number; y: number; width: number; height: number }>;
		expect(block.x).toBeGreaterThan(0);
		expect(block.x + block.width).toBeLessThan(1024);
		const [base, original] = await Promise.all([download(json.base_image_url), download(json.original_image_url!)]);
		expect(original.equals(poster)).toBe(true);
		expect(readSandboxImageInfo(base)).toEqual({ format: 'png', width: 1024, height: 512 });
		const pixels = decodePng(base);
		const white = (x: number, y: number) => pixels.data.subarray((y * 1024 + x) * 3, (y * 1024 + x) * 3 + 3).every((value: number) => value >= 240);
		let letters = 0;
		for (let y = block.y; y < block.y + block.height; y += 2) for (let x = block.x; x < block.x + block.width; x += 2) if (white(x, y)) letters++;
		expect(letters).toBe(0);
	});

	it('layerizes a picture without lettering into no text blocks and the picture itself', async () => {
		const { json } = await post('/v1/ideogram-v3/layerize-text', form([['image', image(200, 100)]]));
		expect(json.text_blocks).toEqual([]);
		const base = decodePng(await download(json.base_image_url));
		expect([base.width, base.height, [...base.data.subarray(0, 3)]]).toEqual([200, 100, [200, 40, 40]]);
	});

	it('answers original_image_url null on request (the field is nullable)', async () => {
		sandbox.queueFault({ noOriginal: true });
		const { json } = await post('/v1/ideogram-v3/layerize-text', form([['image', image()]]));
		expect(json.original_image_url).toBeNull();
		expect(json.seed).toEqual(expect.any(Number));
	});
});

describe('sandbox v2 helpers', () => {
	it('reads the colours of a mask once grey is rounded', () => {
		expect(maskColours(halfMask(8, 8))).toEqual({ black: true, white: true });
		expect(maskColours(encodePng(8, 8, (x: number) => (x < 4 ? [100, 100, 100] : [160, 160, 160])))).toEqual({ black: true, white: true });
		expect(maskColours(makePng(8, 8, [127, 127, 127]))).toEqual({ black: true, white: false });
		expect(maskColours(Buffer.from('not a png'))).toBeNull();
	});

	it.each([
		['127.0.0.1', true], ['10.1.2.3', true], ['172.20.0.1', true], ['169.254.169.254', true], ['[::1]', true], ['[fd00::1]', true],
		['localhost', true], ['metadata.google.internal', true], ['hooks.example.com', false], ['8.8.8.8', false], ['172.32.0.1', false],
	])('classes %s as private: %s', (host, expected) => {
		expect(isPrivateHost(host)).toBe(expected);
	});
});
