// The sandbox stands in for Ideogram in every other test, so it is tested too: it must refuse what the
// API refuses, or the node's own checks would go unproven.
import { sleep } from 'n8n-workflow';

import { encodeMultipart } from '../nodes/Ideogram/helpers/multipart';
import { makePng, readSandboxImageInfo, useSandbox } from './fixtures';

const KEY = 'sandbox-test-key';
const sandbox = useSandbox(KEY, { inflightLimit: 2 });

function form(parts: Record<string, string | [Buffer, string]>): FormData {
	const body = new FormData();
	for (const [name, value] of Object.entries(parts)) {
		if (typeof value === 'string') body.append(name, value);
		else body.append(name, new Blob([new Uint8Array(value[0])], { type: 'image/png' }), value[1]);
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
});
