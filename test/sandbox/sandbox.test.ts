// The sandbox stands in for Ideogram in every other test, so it is tested too: it must refuse what the
// API refuses, or the node's own checks would go unproven.
import { encode as encodeJpeg } from 'jpeg-js';
import { sleep } from 'n8n-workflow';
import { Image as WebpImage } from 'node-webpmux';
import { PNG } from 'pngjs';

import { encodeMultipart } from '../../nodes/Ideogram/media/multipart';
import { encodePng } from '../../sandbox/png';
import { productShot, topMask } from '../../samples/images';
import { makeJpegHeader, makePng, readSandboxImageInfo, useSandbox } from '../support/fixtures';

const KEY = 'sandbox-test-key';
const sandbox = useSandbox(KEY, { inflightLimit: 2 });

function form(parts: Record<string, string | [Buffer, string]>): FormData {
	const body = new FormData();
	for (const [name, value] of Object.entries(parts)) {
		if (typeof value === 'string') body.append(name, value);
		else body.append(name, new Blob([new Uint8Array(value[0])], { type: /\.jpe?g$/.test(value[1]) ? 'image/jpeg' : /\.webp$/.test(value[1]) ? 'image/webp' : 'image/png' }), value[1]);
	}
	return body;
}

async function post(path: string, body: FormData, headers: Record<string, string> = { 'Api-Key': KEY }) {
	const response = await fetch(`${sandbox.apiUrl}${path}`, { method: 'POST', body, headers });
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const png = (width: number, height: number): [Buffer, string] => [makePng(width, height), 'a.png'];

describe('sandbox', () => {
	it('answers a good edit in the official shape, with a result image of the input size', async () => {
		const { status, json } = await post('/v1/ideogram-v3/edit', form({ image: png(30, 20), mask: png(30, 20), prompt: 'x', seed: '9' }));
		expect(status).toBe(200);
		const [image] = json.data as Array<{ url: string; seed: number; resolution: string }>;
		expect(image).toMatchObject({ seed: 9, resolution: '30x20', is_image_safe: true });
		expect(json.notice).toEqual(expect.stringContaining('deprecated'));
		const bytes = Buffer.from(await (await fetch(image.url)).arrayBuffer());
		expect(readSandboxImageInfo(bytes)).toEqual({ format: 'png', width: 30, height: 20 });
	});

	it.each([
		['a missing prompt', '/v1/ideogram-v3/remix', { image: png(8, 8) }, 'prompt is required'],
		['a bad enum value', '/v1/ideogram-v3/remix', { image: png(8, 8), prompt: 'x', rendering_speed: 'FAST' }, 'rendering_speed'],
		['a mask of another size', '/v1/ideogram-v3/edit', { image: png(8, 8), mask: png(8, 9), prompt: 'x' }, 'same dimensions'],
		['a file that is not an image', '/v1/ideogram-v3/remix', { image: [Buffer.from('hello'), 'a.png'], prompt: 'x' }, 'JPEG, PNG and WebP'],
		['a field the endpoint does not take', '/v1/ideogram-v3/edit', { image: png(8, 8), mask: png(8, 8), prompt: 'x', negative_prompt: 'y' }, 'negative_prompt'],
		['aspect ratio with resolution', '/v1/ideogram-v3/generate', { prompt: 'x', aspect_ratio: '1x1', resolution: '1024x1024' }, 'aspect_ratio'],
		['num_images over 8', '/v1/ideogram-v3/generate', { prompt: 'x', num_images: '9' }, 'num_images'],
	])('refuses %s with 400', async (_name, path, parts, message) => {
		const { status, json } = await post(path, form(parts as never));
		expect(status).toBe(400);
		expect(json.error).toEqual(expect.stringContaining(message));
	});

	it('refuses an image that declares more than 40 million pixels before decoding it, on every path', async () => {
		// 8×8 pixels of data under a header that declares 20000×20000 (1.2 GB once decoded).
		const bomb = makePng(8, 8);
		bomb.writeUInt32BE(20000, 16);
		bomb.writeUInt32BE(20000, 20);
		const started = Date.now();
		for (const [path, parts] of [
			['/v1/ideogram-v3/remix', { image: [bomb, 'a.png'], prompt: 'x' }],
			['/describe', { image_file: [bomb, 'a.png'] }],
			['/v2/image/remix/ideogram-4-5', { image: [bomb, 'a.png'], prompt: 'x' }],
			['/v2/image/precise-edit/ideogram-4-5', { image: png(64, 64), mask: [bomb, 'mask.png'], prompt: 'x' }],
			['/v2/image/describe/ideogram-4', { image: [makeJpegHeader(8000, 6000), 'a.jpg'] }],
		] as const) {
			const { status, json } = await post(path, form(parts as never));
			expect([path, status, json.error]).toEqual([path, 400, expect.stringMatching(/declares \d+x\d+ pixels, over the sandbox's limit of 40000000 pixels/)]);
		}
		expect(Date.now() - started).toBeLessThan(5000);
		// Within the limit, an image is read as usual (a header-only JPEG: described as undecodable).
		const { status, json } = await post('/describe', form({ image_file: [makeJpegHeader(2000, 1500), 'a.jpg'] }));
		expect(status).toBe(200);
		expect(JSON.stringify(json)).toContain('2000×1500');
	});

	it('refuses a file part without a file name, as the API does', async () => {
		const { body, contentType } = encodeMultipart([
			{ field: 'image', value: makePng(8, 8).toString('latin1') },
			{ field: 'prompt', value: 'x' },
		]);
		const response = await fetch(`${sandbox.apiUrl}/v1/ideogram-v3/remix`, { method: 'POST', body: new Uint8Array(body), headers: { 'Api-Key': KEY, 'Content-Type': contentType } });
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'image must be a file part with a filename' });
	});

	it('refuses a wrong key with 401, and with 403 on remix', async () => {
		expect((await post('/v1/ideogram-v3/generate', form({ prompt: 'x' }), { 'Api-Key': 'nope' })).status).toBe(401);
		expect((await post('/v1/ideogram-v3/remix', form({ prompt: 'x' }), { 'Api-Key': 'nope' })).status).toBe(403);
		expect((await post('/v1/ideogram-v3/generate', form({ prompt: 'x' }), { Authorization: `Bearer ${KEY}` })).status).toBe(401);
		expect((await post('/ideogram/v1/ideogram-v3/generate', form({ prompt: 'x' }), { Authorization: `Bearer ${KEY}` })).status).toBe(200);
	});

	it('answers 429 inflight_limit with Retry-After when more images than the limit are rendering', async () => {
		sandbox.setLatency(300);
		try {
			const first = fetch(`${sandbox.apiUrl}/v1/ideogram-v3/generate`, { method: 'POST', body: form({ prompt: 'x', num_images: '2' }), headers: { 'Api-Key': KEY } });
			while (sandbox.requests.length === 0) await sleep(5);
			const response = await fetch(`${sandbox.apiUrl}/v1/ideogram-v3/generate`, { method: 'POST', body: form({ prompt: 'x' }), headers: { 'Api-Key': KEY } });
			expect(response.status).toBe(429);
			expect(response.headers.get('retry-after')).toBe('1');
			expect(await response.json()).toMatchObject({ reject_reason: 'inflight_limit', max_inflight_requests: 2 });
			expect((await first).status).toBe(200);
		} finally {
			sandbox.setLatency(0);
		}
	});

	describe('results derived from the input', () => {
		type Pixels = { width: number; height: number; data: Buffer };
		/** RGBA pixels of the first result of an answer, decoded with pngjs (not the sandbox's own decoder). */
		async function firstResult(json: Record<string, unknown>): Promise<Pixels> {
			const [image] = json.data as Array<{ url: string }>;
			const bytes = Buffer.from(await (await fetch(image.url)).arrayBuffer());
			expect(readSandboxImageInfo(bytes)?.format).toBe('png');
			return PNG.sync.read(bytes);
		}
		const rgbAt = (image: Pixels, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)];
		/** A picture with detail everywhere (so a kept pixel cannot match by chance). */
		const pattern = (width: number, height: number) => encodePng(width, height, (x: number, y: number) => [(x * 7) & 0xff, (y * 5) & 0xff, (x * y) & 0xff]);

		it('edit keeps the white area of the mask byte for byte and repaints the black area', async () => {
			const [width, height] = [120, 90];
			const input = PNG.sync.read(pattern(width, height));
			const mask = PNG.sync.read(topMask(width, height));
			const { status, json } = await post('/v1/ideogram-v3/edit', form({ image: [pattern(width, height), 'a.png'], mask: [topMask(width, height), 'm.png'], prompt: 'green plants' }));
			expect(status).toBe(200);
			const result = await firstResult(json);
			expect([result.width, result.height]).toEqual([width, height]);
			let white = 0;
			let black = 0;
			let changed = 0;
			const whiteChanged: string[] = [];
			for (let y = 0; y < height; y++) {
				for (let x = 0; x < width; x++) {
					if (rgbAt(mask, x, y)[0] === 255) {
						white++;
						if (rgbAt(result, x, y).join() !== rgbAt(input, x, y).join()) whiteChanged.push(`${x},${y}`);
					} else {
						black++;
						if (rgbAt(result, x, y).join() !== rgbAt(input, x, y).join()) changed++;
					}
				}
			}
			expect(whiteChanged).toEqual([]);
			expect(white).toBeGreaterThan(0);
			expect(black).toBeGreaterThan(0);
			expect(changed / black).toBeGreaterThan(0.95);
		});

		it('replace background keeps the central subject and paints a new background', async () => {
			const shot = productShot(160, 120);
			const input = PNG.sync.read(shot);
			const { json } = await post('/v1/ideogram-v3/replace-background', form({ image: [shot, 'mug.png'], prompt: 'a blue studio backdrop' }));
			const result = await firstResult(json);
			expect([result.width, result.height]).toEqual([160, 120]);
			expect(rgbAt(result, 80, 60)).toEqual(rgbAt(input, 80, 60)); // the mug's body
			expect(rgbAt(result, 5, 5)).not.toEqual(rgbAt(input, 5, 5)); // the old backdrop
			const [r, , b] = rgbAt(result, 5, 5);
			expect(b).toBeGreaterThan(r); // blue, as the prompt asks
		});

		it('remix restyles the input at the requested size, steered by the prompt', async () => {
			const shot = productShot(160, 120);
			const remix = async (prompt: string) => firstResult((await post('/v1/ideogram-v3/remix', form({ image: [shot, 'mug.png'], prompt, resolution: '320x240' }))).json);
			const [red, blue] = [await remix('in red'), await remix('in blue')];
			expect([red.width, red.height]).toEqual([320, 240]);
			const mean = (image: Pixels, channel: number) => image.data.reduce((sum, value, index) => (index % 4 === channel ? sum + value : sum), 0) / (image.width * image.height);
			expect(mean(red, 0) - mean(red, 2)).toBeGreaterThan(mean(blue, 0) - mean(blue, 2));
			// posterised: few distinct colours
			const colours = new Set<string>();
			for (let i = 0; i < red.data.length; i += 4) colours.add(red.data.subarray(i, i + 3).join());
			expect(colours.size).toBeLessThanOrEqual(216);
		});

		it('reframe answers the requested resolution with the input centred', async () => {
			const input = PNG.sync.read(pattern(100, 100));
			const { json } = await post('/v1/ideogram-v3/reframe', form({ image: [pattern(100, 100), 'a.png'], resolution: '1312x736' }));
			const result = await firstResult(json);
			expect([result.width, result.height]).toEqual([1312, 736]);
			// 100×100 scaled by 7.36 and centred: output (656, 368) shows input (50, 50)
			expect(rgbAt(result, 656, 368)).toEqual(rgbAt(input, 50, 50));
		});

		it('upscale enlarges the input 2×, each input pixel a 2×2 block', async () => {
			const input = PNG.sync.read(pattern(40, 30));
			const { json } = await post('/upscale', form({ image_file: [pattern(40, 30), 'a.png'], image_request: '{}' }));
			const result = await firstResult(json);
			expect([result.width, result.height]).toEqual([80, 60]);
			for (const [x, y] of [[0, 0], [13, 7], [39, 29]]) {
				for (const [dx, dy] of [[0, 0], [1, 1]]) expect(rgbAt(result, 2 * x + dx, 2 * y + dy)).toEqual(rgbAt(input, x, y));
			}
		});

		it('generate draws the prompt: different prompts, different pictures, not one flat colour', async () => {
			const generate = async (prompt: string) => firstResult((await post('/v1/ideogram-v3/generate', form({ prompt, resolution: '512x512' }))).json);
			const [car, tree] = [await generate('A red car'), await generate('A green tree')];
			expect(car.data.equals(tree.data)).toBe(false);
			const colours = new Set<string>();
			for (let i = 0; i < car.data.length; i += 4 * 7) colours.add(car.data.subarray(i, i + 3).join());
			expect(colours.size).toBeGreaterThan(10);
		});

		it('describe names the real size, format and dominant colours of PNG, JPEG and WebP inputs', async () => {
			const describe = async (file: [Buffer, string]) => {
				const { status, json } = await post('/describe', form({ image_file: file }));
				expect(status).toBe(200);
				return (json.descriptions as Array<{ text: string }>)[0].text;
			};
			expect(await describe([makePng(30, 20, [200, 30, 30]), 'a.png'])).toMatch(/^A 30×20 PNG image .*red #C81E1E \(100%\)/);
			const rgba = Buffer.alloc(48 * 32 * 4);
			for (let i = 0; i < rgba.length; i += 4) rgba.set(i < (rgba.length * 2) / 3 ? [30, 60, 200, 255] : [250, 250, 250, 255], i);
			expect(await describe([encodeJpeg({ width: 48, height: 32, data: rgba }, 95).data, 'a.jpg'])).toMatch(/^A 48×32 JPEG image .*blue .*white/);
			await WebpImage.initLib();
			for (const lossless of [undefined, 9]) {
				const webp = await WebpImage.getEmptyImage();
				await webp.setImageData(rgba, { width: 48, height: 32, lossless, quality: 90 });
				expect(await describe([await webp.save(null), 'a.webp'])).toMatch(/^A 48×32 WEBP image .*blue .*white/);
			}
		});

		it('an input it cannot decode still gets a PNG of the answered size, and Describe says so', async () => {
			const { json } = await post('/v1/ideogram-v3/replace-background', form({ image: [makeJpegHeader(64, 48), 'a.jpg'], prompt: 'x' }));
			const result = await firstResult(json);
			expect([result.width, result.height]).toEqual([64, 48]);
			const described = await post('/describe', form({ image_file: [makeJpegHeader(64, 48), 'a.jpg'] }));
			expect((described.json.descriptions as Array<{ text: string }>)[0].text).toMatch(/^A 64×48 JPEG image .*could not be decoded/);
		});

		it('identical requests get identical results (rendered once)', async () => {
			const parts = () => form({ image: [pattern(50, 40), 'a.png'], prompt: 'teal', num_images: '2' });
			const first = (await post('/v1/ideogram-v3/replace-background', parts())).json.data as Array<{ url: string }>;
			const second = (await post('/v1/ideogram-v3/replace-background', parts())).json.data as Array<{ url: string }>;
			const bytes = await Promise.all([...first, ...second].map(async (image) => Buffer.from(await (await fetch(image.url)).arrayBuffer())));
			expect(new Set(bytes.map((b) => b.toString('base64'))).size).toBe(1);
		});
	});
});
