// The sandbox's newer v2 endpoints (Upscale models, Remove Object, Vectors, transparent Generate, Generate 4.0,
// Describe 4.0, Replace Background 4.5): each validated as the reference states, and each result drawn from
// the input, so a node test can tell that its request arrived whole.
import { encodePng, makeJpegHeader, makePng } from '../../sandbox/png';
import { useSandbox } from '../support/fixtures';
import { alphaOf, client, download, form, pixelsOf, type Part } from './client';

const KEY = 'sandbox-tools-key';
const sandbox = useSandbox(KEY, { inflightLimit: 10 });
const { post, settle } = client(sandbox, KEY);

const RED = [200, 40, 40];
const BLUE = [40, 90, 200];
/** Left half red, right half blue. */
const halves = (width: number, height: number) => encodePng(width, height, (x: number) => (x < width / 2 ? RED : BLUE));
/** A red disc on white (a subject on a plain background). */
const disc = (width: number, height: number) =>
	encodePng(width, height, (x: number, y: number) => (((x - width / 2) / (width * 0.25)) ** 2 + ((y - height / 2) / (height * 0.25)) ** 2 <= 1 ? RED : [255, 255, 255]));
const near = (actual: number[], expected: number[], tolerance = 12) => actual.every((value, index) => Math.abs(value - expected[index]) <= tolerance);

async function refused(path: string, body: FormData | Record<string, unknown> | string, message: string) {
	const { status, json } = await post(path, body);
	expect([status, json.error]).toEqual([400, expect.stringContaining(message)]);
	expect(sandbox.imageRequests).toHaveLength(0);
}

describe('sandbox: upscale models', () => {
	it('upscales with auto: a copy of the input at twice its size, with the output size in the answer and its cost', async () => {
		const { status, json } = await post('/v2/image/upscale/auto', form([['image', halves(64, 48)], ['seed', '5']]));
		expect(status).toBe(200);
		expect(json).toMatchObject({ generation_id: expect.any(String), seed: 5, width: 128, height: 96, usage_cost_usd_micros: 738 });
		expect(json.data).toEqual([{ url: expect.any(String), resolution: '128x96', seed: 5, is_image_safe: true }]);
		const picture = pixelsOf((await download(json.data[0].url)).bytes);
		expect([picture.width, picture.height]).toEqual([128, 96]);
		expect([picture.at(10, 50), picture.at(120, 50)]).toEqual([RED, BLUE]);
	});

	it.each([
		['topaz-standard-2', [['upscale_factor', 'x4'], ['denoise', '0.5'], ['face_enhancement', 'true']], 256, 192],
		['topaz-text-refine', [['upscale_factor', 'x8'], ['seed', '1']], 512, 384],
		['topaz-wonder-3-5', [['enhancement_strength', 'low']], 128, 96],
		['topaz-bloom-2', [['prompt', 'more texture'], ['creativity', '9'], ['color_preservation', 'false']], 128, 96],
		['topaz-redefine', [['prompt', 'sharper'], ['creativity', '1'], ['texture', '5'], ['autoprompt', 'true']], 128, 96],
		['nano-banana-pro', [['resolution_tier', '1K'], ['prompt', 'crisp']], 1182, 887], // 1K: a 1024x1024 budget at 4:3
	])('upscales with %s, each with its own fields', async (model, parts, width, height) => {
		const { status, json } = await post(`/v2/image/upscale/${model}`, form([['image', halves(64, 48)], ...(parts as Array<[string, Part]>)]));
		expect([status, json.width, json.height]).toEqual([200, width, height]);
		const picture = pixelsOf((await download(json.data[0].url)).bytes);
		expect([picture.width, picture.height]).toEqual([width, height]);
		expect([picture.at(2, 2), picture.at(width - 3, height - 3)]).toEqual([RED, BLUE]);
	});

	it('answers async=true with the generation id, seed and size, and completes through polling', async () => {
		const submitted = await post('/v2/image/upscale/auto', form([['image', halves(32, 32)], ['async', 'true'], ['upscale_factor', 'x4']]));
		expect(Object.keys(submitted.json).sort()).toEqual(['generation_id', 'height', 'seed', 'width']);
		const done = await settle(submitted.json.generation_id);
		expect(done.json).toMatchObject({ status: 'completed', usage_cost_usd_micros: Math.ceil((128 * 128 * 60000) / 1e6) });
		expect(done.json.data[0]).toMatchObject({ resolution: '128x128' });
	});

	it('quotes per output megapixel, as an estimate with an upper bound (a 1024x1024 source at x2, as Ideogram quotes it)', async () => {
		const quote = await post('/v2/image/upscale/auto?dry_run=true', form([['image', makeJpegHeader(1024, 1024)]]));
		expect(quote.json).toEqual({
			object: 'price_quote', billing_identifier: 'upscale_auto', quantity: 1, usd_micros: 251659, credit_millis: 25166, qualifier: 'estimate', upper_bound_usd_micros: 377488,
		});
		const bloom = await post('/v2/image/upscale/topaz-bloom-2?dry_run=true', form([['image', makeJpegHeader(1024, 1024)]]));
		expect(bloom.json).toMatchObject({ billing_identifier: 'topaz_bloom_2_upscale', usd_micros: 377488 });
		const nano = await post('/v2/image/upscale/nano-banana-pro?dry_run=true', form([['image', makeJpegHeader(1024, 1024)]]));
		expect(nano.json).toMatchObject({ billing_identifier: 'nano_banana_pro_upscale', usd_micros: 134400, qualifier: 'exact' });
		expect(sandbox.imageRequests).toHaveLength(0);
	});

	it.each([
		['an upper-case factor', 'auto', [['upscale_factor', 'X2']], 'upscale_factor: invalid value X2'],
		['enhancement_strength on auto', 'auto', [['enhancement_strength', 'low']], 'enhancement_strength is not accepted'],
		['resolution_tier on auto', 'auto', [['resolution_tier', '2K']], 'resolution_tier is not accepted'],
		['a prompt on topaz-standard-2', 'topaz-standard-2', [['prompt', 'x']], 'prompt is not accepted'],
		['a seed on topaz-standard-2', 'topaz-standard-2', [['seed', '1']], 'seed is not accepted'],
		['creativity 10', 'topaz-bloom-2', [['creativity', '10']], 'creativity must be an integer from 1 to 9'],
		['a bloom prompt over 1024 characters', 'topaz-bloom-2', [['prompt', 'x'.repeat(1025)]], 'at most 1024 characters'],
		['upscale_factor on nano-banana-pro', 'nano-banana-pro', [['upscale_factor', 'x2']], 'upscale_factor is not accepted'],
		['a lower-case tier', 'nano-banana-pro', [['resolution_tier', '2k']], 'resolution_tier: invalid value 2k'],
		['a nano prompt over 2000 characters', 'nano-banana-pro', [['prompt', 'x'.repeat(2001)]], 'at most 2000 characters'],
		['denoise over 1', 'topaz-redefine', [['denoise', '1.5']], 'denoise must be a number from 0 to 1'],
		['a plain-HTTP webhook', 'auto', [['webhook_url', 'http://hooks.example.com/x']], 'webhook_url must use HTTPS'],
	])('refuses %s with 400', async (_name, model, parts, message) => {
		await refused(`/v2/image/upscale/${model}`, form([['image', halves(32, 32)], ...(parts as Array<[string, Part]>)]), message);
	});

	it('refuses an output over 8192 px on a side, a tier the source already reaches, a missing image and a JSON body', async () => {
		await refused('/v2/image/upscale/topaz-standard-2', form([['image', makeJpegHeader(1100, 600)], ['upscale_factor', 'x8']]), 'would exceed 8192px');
		await refused('/v2/image/upscale/nano-banana-pro', form([['image', makeJpegHeader(2048, 2048)], ['resolution_tier', '2K']]), 'already at or above');
		await refused('/v2/image/upscale/auto', form([['upscale_factor', 'x2']]), 'image is required');
		await refused('/v2/image/upscale/auto', { upscale_factor: 'x2' }, 'Expected multipart/form-data');
	});
});

describe('sandbox: remove object', () => {
	/** A dark square in the middle of a light-to-dark gradient. */
	const scene = encodePng(80, 60, (x: number, y: number) => (x >= 30 && x < 50 && y >= 20 && y < 40 ? [10, 10, 10] : [200 - x, 180, 100 + x]));
	const squareMask = encodePng(80, 60, (x: number, y: number) => (x >= 28 && x < 52 && y >= 18 && y < 42 ? [255, 255, 255] : [0, 0, 0]));

	it('is always async: fills the white area of the mask from its surroundings and keeps the rest exactly', async () => {
		const submitted = await post('/v2/image/remove-object/ideogram-1', form([['image', scene], ['mask', squareMask], ['seed', '3']]));
		expect(submitted.status).toBe(200);
		expect(Object.keys(submitted.json)).toEqual(['generation_id']);
		const done = await settle(submitted.json.generation_id);
		expect(done.json).toMatchObject({ status: 'completed', usage_cost_usd_micros: 30000, data: [{ object_type: 'image', resolution: '80x60' }] });
		const result = pixelsOf((await download(done.json.data[0].url)).bytes);
		const original = pixelsOf(scene);
		expect(near(result.at(40, 30), [160, 180, 140], 6)).toBe(true);
		for (const [x, y] of [[0, 0], [10, 50], [79, 59], [27, 30]]) expect(result.at(x, y)).toEqual(original.at(x, y));
	});

	it('quotes a removal at $0.03', async () => {
		const { json } = await post('/v2/image/remove-object/ideogram-1?dry_run=true', form([['image', scene], ['mask', squareMask]]));
		expect(json).toMatchObject({ object: 'price_quote', billing_identifier: 'object_removal_usage_v2', quantity: 1, usd_micros: 30000 });
	});

	it.each([
		['a webhook_url (the endpoint takes none)', [['image', scene], ['mask', squareMask], ['webhook_url', 'https://hooks.example.com/x']], 'webhook_url is not accepted'],
		['async (it is always async)', [['image', scene], ['mask', squareMask], ['async', 'true']], 'async is not accepted'],
		['a mask of another size', [['image', scene], ['mask', makePng(40, 30, [255, 255, 255])]], 'same dimensions as image (80x60)'],
		['a missing mask', [['image', scene]], 'mask is required'],
		['a prompt', [['image', scene], ['mask', squareMask], ['prompt', 'remove it']], 'prompt is not accepted'],
	])('refuses %s with 400', async (_name, parts, message) => {
		await refused('/v2/image/remove-object/ideogram-1', form(parts as Array<[string, Part]>), message);
	});
});

describe('sandbox: vectors', () => {
	it('generates SVGs from the prompt: always async, svg.generation items, a well-formed document without scripts', async () => {
		const submitted = await post('/v2/svg/generate/ideogram-vector-1', form([['prompt', 'a red fox & <friends>'], ['num_images', '2'], ['quality', 'low']]));
		expect(Object.keys(submitted.json)).toEqual(['generation_id']);
		const done = await settle(submitted.json.generation_id);
		expect(done.json).toMatchObject({ status: 'completed', usage_cost_usd_micros: 260000 });
		expect(done.json.data).toHaveLength(2);
		expect(done.json.data[0]).toEqual({ object_type: 'svg.generation', url: expect.any(String), asset_id: expect.any(String), mime_type: 'image/svg+xml', width: 1024, height: 1024 });
		const { type, bytes } = await download(done.json.data[0].url);
		const svg = bytes.toString('utf8');
		expect(type).toBe('image/svg+xml');
		expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1024" height="1024"/);
		expect(svg.trim().endsWith('</svg>')).toBe(true);
		expect(svg).toContain('fill="#c82828"'); // the prompt's colour word
		expect(svg).toContain('>a red fox &amp;</tspan>');
		expect(svg).toContain('>&lt;friends&gt;</tspan>');
		expect(svg).not.toMatch(/<script|javascript:|\son\w+=/i);
	});

	it('puts a <script> in the SVG when the prompt says script-test, for testing a client that refuses active SVG', async () => {
		const submitted = await post('/v2/svg/generate/ideogram-vector-1', form([['prompt', 'logo script-test']]));
		const done = await settle(submitted.json.generation_id);
		expect((await download(done.json.data[0].url)).bytes.toString('utf8')).toContain('<script>');
	});

	it('vectorizes an image: its shapes traced at its size in its colours, webhook_url allowed', async () => {
		const submitted = await post('/v2/svg/vectorize/ideogram-vector-1', form([['image', halves(40, 30)], ['mode', 'simple'], ['webhook_url', 'https://hooks.example.com/svg']]));
		expect(Object.keys(submitted.json)).toEqual(['generation_id']);
		const done = await settle(submitted.json.generation_id);
		expect(done.json.data[0]).toMatchObject({ object_type: 'svg.generation', width: 40, height: 30 });
		expect(done.json.usage_cost_usd_micros).toBe(100000);
		const svg = (await download(done.json.data[0].url)).bytes.toString('utf8');
		expect(svg).toContain('width="40" height="30"');
		expect(svg).toContain('fill="#c82828"');
		expect(svg).toContain('fill="#285ac8"');
		expect(svg).not.toContain('<script');
		const scripted = await post('/v2/svg/vectorize/ideogram-vector-1', form([['image', [halves(40, 30), 'script-test.png']]]));
		const active = await settle(scripted.json.generation_id);
		expect((await download(active.json.data[0].url)).bytes.toString('utf8')).toContain('<script>');
	});

	it('quotes vectors by quality and count, high with reference images at its own price', async () => {
		const medium = await post('/v2/svg/generate/ideogram-vector-1?dry_run=true', form([['prompt', 'x'], ['num_images', '3']]));
		expect(medium.json).toMatchObject({ billing_identifier: 'ideogram_vector_1_generate', quantity: 3, usd_micros: 480000 });
		const high = await post('/v2/svg/generate/ideogram-vector-1?dry_run=true', form([['prompt', 'x'], ['quality', 'high'], ['images', halves(32, 32)]]));
		expect(high.json.usd_micros).toBe(320000);
		const vectorize = await post('/v2/svg/vectorize/ideogram-vector-1?dry_run=true', form([['image', halves(32, 32)]]));
		expect(vectorize.json).toMatchObject({ billing_identifier: 'ideogram_vector_1_vectorize', usd_micros: 100000 });
	});

	it.each([
		['a webhook_url on generate', '/v2/svg/generate/ideogram-vector-1', [['prompt', 'x'], ['webhook_url', 'https://hooks.example.com/x']], 'webhook_url is not accepted'],
		['a quality it does not know', '/v2/svg/generate/ideogram-vector-1', [['prompt', 'x'], ['quality', 'ultra']], 'quality: invalid value ultra'],
		['num_images 9', '/v2/svg/generate/ideogram-vector-1', [['prompt', 'x'], ['num_images', '9']], 'num_images must be an integer from 1 to 8'],
		['a prompt over 9500 characters', '/v2/svg/generate/ideogram-vector-1', [['prompt', 'x'.repeat(9501)]], 'at most 9500 characters'],
		['a missing prompt', '/v2/svg/generate/ideogram-vector-1', [['quality', 'low']], 'prompt is required'],
		['six images', '/v2/svg/generate/ideogram-vector-1', [['prompt', 'x'], ...Array.from({ length: 6 }, () => ['images', halves(8, 8)])], 'images: at most 5 files'],
		['a mode it does not know', '/v2/svg/vectorize/ideogram-vector-1', [['image', halves(8, 8)], ['mode', 'detailed']], 'mode: invalid value detailed'],
		['a missing image', '/v2/svg/vectorize/ideogram-vector-1', [['mode', 'simple']], 'image is required'],
		['a prompt on vectorize', '/v2/svg/vectorize/ideogram-vector-1', [['image', halves(8, 8)], ['prompt', 'x']], 'prompt is not accepted'],
	])('refuses %s with 400', async (_name, path, parts, message) => {
		await refused(path, form(parts as Array<[string, Part]>), message);
	});
});

describe('sandbox: generate with ideogram-4, ideogram-4-transparent and ideogram-3-transparent', () => {
	it('generates with 4.0 from a JSON body: the resolution preset, the prompt drawn', async () => {
		const { status, json } = await post('/v2/image/generate/ideogram-4', { prompt: 'a blue whale', resolution: '1280x720', num_images: 2, seed: 9, rendering_speed: 'turbo' });
		expect(status).toBe(200);
		expect(json).toMatchObject({ generation_id: expect.any(String), seed: 9, usage_cost_usd_micros: 60000 });
		expect(json.data.map((item) => [item.resolution, item.seed])).toEqual([['1280x720', 9], ['1280x720', 10]]);
		const picture = pixelsOf((await download(json.data[0].url)).bytes);
		expect([picture.width, picture.height]).toEqual([1280, 720]);
		expect(picture.at(0, 0)[2]).toBeGreaterThan(picture.at(0, 0)[0]); // blue, the prompt's colour
	});

	it('generates transparent PNGs with 4.0 at the tier and aspect ratio asked: the subject on alpha', async () => {
		const { status, json } = await post('/v2/image/generate/ideogram-4-transparent', { prompt: 'a red balloon', aspect_ratio: '16x9', output_resolution: '1k' });
		expect(status).toBe(200);
		expect(json.data[0].resolution).toBe('1365x768');
		const picture = alphaOf((await download(json.data[0].url)).bytes);
		expect([picture.width, picture.height]).toEqual([1365, 768]);
		expect([picture.alpha(0, 0), picture.alpha(1364, 767), picture.alpha(682, 100)]).toEqual([0, 0, 255]);
		expect(near(picture.rgb(682, 100), RED)).toBe(true);
	});

	it('generates transparent PNGs on the v1 path, delivered at upscaled_resolution', async () => {
		const { status, json } = await post('/v1/ideogram-v3/generate-transparent', form([['prompt', 'a green leaf'], ['upscale_factor', 'X2'], ['aspect_ratio', '1x1'], ['rendering_speed', 'TURBO']]));
		expect(status).toBe(200);
		expect(json.data[0]).toMatchObject({ resolution: '1024x1024', upscaled_resolution: '2048x2048', is_image_safe: true });
		const picture = alphaOf((await download(json.data[0].url)).bytes);
		expect([picture.width, picture.height, picture.alpha(0, 0), picture.alpha(1024, 200)]).toEqual([2048, 2048, 0, 255]);
	});

	it('quotes 4.0 by rendering speed and 4.0 transparent by speed and tier', async () => {
		expect((await post('/v2/image/generate/ideogram-4?dry_run=true', { prompt: 'x', rendering_speed: 'quality', num_images: 2 })).json).toMatchObject({ billing_identifier: 'ideogram_v4_generation', usd_micros: 200000 });
		expect((await post('/v2/image/generate/ideogram-4-transparent?dry_run=true', { prompt: 'x' })).json).toMatchObject({ billing_identifier: 'v4_transparent_generation', usd_micros: 60000 });
		expect((await post('/v2/image/generate/ideogram-4-transparent?dry_run=true', { prompt: 'x', output_resolution: '8k', rendering_speed: 'turbo' })).json.usd_micros).toBe(170000);
	});

	it.each([
		['a multipart body on 4.0', '/v2/image/generate/ideogram-4', form([['prompt', 'x']]), 'takes application/json only'],
		['num_images as a string', '/v2/image/generate/ideogram-4', { prompt: 'x', num_images: '2' }, 'num_images must be a JSON number'],
		['a seed as a string', '/v2/image/generate/ideogram-4', { prompt: 'x', seed: '7' }, 'seed must be a JSON number'],
		['enable_copyright_detection as a string', '/v2/image/generate/ideogram-4', { prompt: 'x', enable_copyright_detection: 'true' }, 'must be a JSON boolean'],
		['a resolution that is not a preset', '/v2/image/generate/ideogram-4', { prompt: 'x', resolution: '1000x1000' }, 'resolution: invalid value 1000x1000'],
		['a 4.5 field (quality)', '/v2/image/generate/ideogram-4', { prompt: 'x', quality: 'high' }, 'quality is not accepted'],
		['upper-case rendering speed', '/v2/image/generate/ideogram-4', { prompt: 'x', rendering_speed: 'TURBO' }, 'rendering_speed: invalid value TURBO'],
		['a body that is not JSON', '/v2/image/generate/ideogram-4', '{"prompt": ', 'not valid JSON'],
		['a multipart body on 4.0 transparent', '/v2/image/generate/ideogram-4-transparent', form([['prompt', 'x']]), 'takes application/json only'],
		['a tier it does not have', '/v2/image/generate/ideogram-4-transparent', { prompt: 'x', output_resolution: '16k' }, 'output_resolution: invalid value 16k'],
		['a v3 aspect ratio spelling', '/v2/image/generate/ideogram-4-transparent', { prompt: 'x', aspect_ratio: '16:9' }, 'aspect_ratio: invalid value 16:9'],
		['FLASH on v1 transparent', '/v1/ideogram-v3/generate-transparent', form([['prompt', 'x'], ['rendering_speed', 'FLASH']]), 'rendering_speed: invalid value FLASH'],
		['a lower-case factor on v1 transparent', '/v1/ideogram-v3/generate-transparent', form([['prompt', 'x'], ['upscale_factor', 'x2']]), 'upscale_factor: invalid value x2'],
		['a style on v1 transparent', '/v1/ideogram-v3/generate-transparent', form([['prompt', 'x'], ['style_type', 'GENERAL']]), 'style_type is not accepted'],
		['dry_run on v1 transparent', '/v1/ideogram-v3/generate-transparent?dry_run=true', form([['prompt', 'x']]), 'dry_run is not supported'],
	])('refuses %s with 400', async (_name, path, body, message) => {
		await refused(path, body as FormData | Record<string, unknown> | string, message);
	});
});

describe('sandbox: describe with 4.0', () => {
	it('answers a json_prompt read from the picture: the subject and its box, the background colour', async () => {
		const { status, json } = await post('/v2/image/describe/ideogram-4', form([['image', disc(200, 100)]]));
		expect(status).toBe(200);
		expect(json).toMatchObject({ created: expect.any(String), description_id: expect.any(String) });
		const prompt = json.json_prompt;
		expect(prompt.compositional_deconstruction.background).toContain('white');
		const [subject] = prompt.compositional_deconstruction.elements;
		expect(subject).toMatchObject({ type: 'obj', desc: expect.stringContaining('red') });
		const [top, left, bottom, right] = subject.bbox!;
		expect([Math.abs(top - 250) <= 20, Math.abs(left - 250) <= 20, Math.abs(bottom - 750) <= 20, Math.abs(right - 750) <= 20]).toEqual([true, true, true, true]);
		expect(prompt.style_description).toBeUndefined();
		expect(prompt.tags).toBeUndefined();
	});

	it('adds style descriptions and tags on request, leaves boxes out when include_bbox is false, and reads the sandbox lettering as text', async () => {
		const made = await post('/v1/ideogram-v3/generate', { prompt: 'OPEN', resolution: '512x512' });
		const poster = (await download(made.json.data[0].url)).bytes;
		const { json } = await post('/v2/image/describe/ideogram-4', form([['image', poster], ['include_bbox', 'false'], ['include_style_descriptions', 'true'], ['include_tags', 'true']]));
		expect(json.json_prompt.style_description).toEqual({ aesthetics: expect.any(String), art_style: expect.any(String), color_palette: expect.any(String), lighting: expect.any(String), medium: expect.any(String), photo: expect.any(String) });
		expect(json.json_prompt.tags).toEqual(expect.arrayContaining(['text']));
		const elements = json.json_prompt.compositional_deconstruction.elements;
		expect(elements).toContainEqual(expect.objectContaining({ type: 'text', text: 'OPEN' }));
		expect(elements.every((element) => element.bbox === undefined)).toBe(true);
	});

	it.each([
		['dry_run (describe has no quote)', '/v2/image/describe/ideogram-4?dry_run=true', [['image', disc(20, 20)]], 'dry_run is not supported'],
		['async (sync only)', '/v2/image/describe/ideogram-4', [['image', disc(20, 20)], ['async', 'true']], 'async is not accepted'],
		['a webhook_url', '/v2/image/describe/ideogram-4', [['image', disc(20, 20)], ['webhook_url', 'https://hooks.example.com/x']], 'webhook_url is not accepted'],
		['include_tags yes', '/v2/image/describe/ideogram-4', [['image', disc(20, 20)], ['include_tags', 'yes']], 'include_tags must be true or false'],
		['an image over 10 MB', '/v2/image/describe/ideogram-4', [['image', Buffer.concat([disc(20, 20), Buffer.alloc(10 * 1024 * 1024)])]], 'max size is 10MB'],
		['a missing image', '/v2/image/describe/ideogram-4', [['include_tags', 'true']], 'image is required'],
	])('refuses %s with 400', async (_name, path, parts, message) => {
		await refused(path, form(parts as Array<[string, Part]>), message);
	});
});

describe('sandbox: replace background with 4.5', () => {
	it('is always async: the subject over the background reference, at the source size', async () => {
		const reference = makePng(50, 80, BLUE);
		const submitted = await post('/v2/image/replace-background/ideogram-4-5', form([['image', disc(120, 90)], ['background_reference', reference], ['num_images', '2']]));
		expect(Object.keys(submitted.json)).toEqual(['generation_id']);
		const done = await settle(submitted.json.generation_id);
		expect(done.json).toMatchObject({ status: 'completed', usage_cost_usd_micros: 200000 });
		expect(done.json.data).toHaveLength(2);
		const picture = pixelsOf((await download(done.json.data[0].url)).bytes);
		expect([picture.width, picture.height]).toEqual([120, 90]);
		expect([picture.at(2, 2), picture.at(117, 87), picture.at(60, 45)]).toEqual([BLUE, BLUE, RED]);
	});

	it.each([
		['a prompt (unconfirmed for this model, so refused)', [['image', disc(20, 20)], ['background_reference', disc(20, 20)], ['prompt', 'a beach']], 'prompt is not accepted'],
		['num_images 5', [['image', disc(20, 20)], ['background_reference', disc(20, 20)], ['num_images', '5']], 'num_images must be an integer from 1 to 4'],
		['a missing background reference', [['image', disc(20, 20)]], 'background_reference is required'],
		['async (always async)', [['image', disc(20, 20)], ['background_reference', disc(20, 20)], ['async', 'true']], 'async is not accepted'],
	])('refuses %s with 400', async (_name, parts, message) => {
		await refused('/v2/image/replace-background/ideogram-4-5', form(parts as Array<[string, Part]>), message);
	});
});

describe('sandbox: inputs that do not decode', () => {
	it('still answers Vectorize and Describe 4.0 at the declared size, saying so', async () => {
		const header = makeJpegHeader(300, 200);
		const submitted = await post('/v2/svg/vectorize/ideogram-vector-1', form([['image', [header, 'photo.jpg']]]));
		const done = await settle(submitted.json.generation_id);
		expect(done.json.data[0]).toMatchObject({ width: 300, height: 200 });
		expect((await download(done.json.data[0].url)).bytes.toString('utf8')).toContain('could not decode the input');
		const described = await post('/v2/image/describe/ideogram-4', form([['image', [header, 'photo.jpg']], ['include_tags', 'true']]));
		expect(described.status).toBe(200);
		expect(described.json.json_prompt).toMatchObject({ high_level_description: expect.stringContaining('300x200 JPEG'), compositional_deconstruction: { elements: [] }, tags: ['sandbox', 'undecoded'] });
	});
});
