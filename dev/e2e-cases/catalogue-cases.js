'use strict';
/**
 * End-to-end cases of the catalogue's newer operations and models (issue 18), in a real n8n: the Upscale models
 * and the node version defaults, Remove Object polled to completion, Generate Vector and Vectorize (an SVG with a
 * script refused, and kept with Allow Active SVG), Generate 4.0 as JSON, the transparent models, Describe 4.0,
 * Replace Background 4.5, and the examples of them. `c` is as in cases.js.
 */
const crypto = require('crypto');

const { PNG } = require('pngjs');

const { topMask } = require('../../samples/images');

const { CATALOGUE_EXAMPLES } = require('../../samples/workflow-inputs');

function fileOf(request, name) {
	return request.files?.[name]?.[0];
}

/** Answered requests to a path (price quotes left out unless asked for). */
function sentTo(c, path, { quotes = false } = {}) {
	return c.sandbox.requests.filter((r) => r.path === path && (quotes || r.query?.dry_run === undefined));
}

/** The polls of a generation (GET /v2/generations/<id>). */
function pollsOf(c, generationId) {
	return c.sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/v2/generations/${generationId}`);
}

/** One output item's binary `data`: a stored PNG of this size (and, when asked, with transparent pixels). */
function assertPng(c, item, [width, height], what, { alpha = false } = {}) {
	const binary = item.binary?.data;
	c.ok(binary, `${what}: binary "data"`);
	c.eq(binary.mimeType, 'image/png', `${what}: mimeType`);
	const image = c.image(binary);
	c.eq([image.info?.format, image.info?.width, image.info?.height], ['png', width, height], `${what}: stored PNG and its size`);
	if (alpha) {
		c.eq(image.data[25], 6, `${what}: PNG colour type 6 (RGBA)`);
		const { data } = PNG.sync.read(image.data);
		let transparent = 0;
		for (let index = 3; index < data.length; index += 4) if (data[index] === 0) transparent++;
		c.ok(transparent > 0, `${what}: has fully transparent pixels`);
	}
	return image;
}

/** One output item's binary `data`: a stored SVG document. */
function assertSvg(c, item, what) {
	const binary = item.binary?.data;
	c.ok(binary, `${what}: binary "data"`);
	c.eq(binary.mimeType, 'image/svg+xml', `${what}: mimeType`);
	c.match(binary.fileName ?? '', /\.svg$/, `${what}: file name`);
	const text = c.image(binary).data.toString('utf8');
	c.match(text, /<svg[\s>][\s\S]*<\/svg>\s*$/, `${what}: a complete SVG document`);
	return text;
}

/** The failing item's error text, with Continue On Fail. */
function errorOf(c, node) {
	const items = c.items(node);
	c.eq(items.length, 1, `${node}: output items`);
	c.ok(!items[0].binary, `${node}: no binary on the error item`);
	return String(items[0].json.error ?? '');
}

const exampleCases = [
	{
		name: 'example logo-to-svg',
		file: 'examples/logo-to-svg.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends the logo to Vectorize (multipart, no dry_run), then polls the generation': (c) => {
				const requests = sentTo(c, '/v2/svg/vectorize/ideogram-vector-1');
				c.eq(requests.length, 1, 'vectorize requests');
				const [request] = requests;
				c.eq(request.status, 200, 'sandbox answer');
				c.match(request.headers['content-type'], /^multipart\/form-data; boundary=/, 'content-type');
				const image = fileOf(request, 'image');
				c.eq([image.filename, image.width, image.height], [CATALOGUE_EXAMPLES.logo.name, CATALOGUE_EXAMPLES.logo.width, CATALOGUE_EXAMPLES.logo.height], 'image part');
				const [item] = c.items('Vectorize');
				c.ok(pollsOf(c, item.json.generation_id).length > 0, 'the generation was polled');
			},
			'outputs one SVG file traced from the logo': (c) => {
				const items = c.items('Vectorize');
				c.eq(items.length, 1, 'output items');
				c.eq(items[0].pairedItem, { item: 0 }, 'pairedItem');
				const svg = assertSvg(c, items[0], 'the SVG');
				c.ok(!/<script/i.test(svg), 'no script in it');
				c.eq(items[0].json.status, 'completed', 'status');
			},
		},
	},
	{
		name: 'example remove-an-object',
		file: 'examples/remove-an-object.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends photo and mask (white = remove) and the seed, then polls the generation': (c) => {
				const requests = sentTo(c, '/v2/image/remove-object/ideogram-1');
				c.eq(requests.length, 1, 'remove-object requests');
				const [request] = requests;
				const { removeObject } = CATALOGUE_EXAMPLES;
				c.eq([fileOf(request, 'image').filename, fileOf(request, 'image').width, fileOf(request, 'image').height], [removeObject.name, removeObject.width, removeObject.height], 'image part');
				c.eq([fileOf(request, 'mask').filename, fileOf(request, 'mask').width, fileOf(request, 'mask').height], [removeObject.maskName, removeObject.width, removeObject.height], 'mask part');
				c.eq(request.fields, { seed: [String(removeObject.seed)] }, 'text fields');
				const [item] = c.items('Remove object');
				c.ok(pollsOf(c, item.json.generation_id).length > 0, 'the generation was polled');
			},
			'outputs the photo without the box, at its size': (c) => {
				const items = c.items('Remove object');
				c.eq(items.length, 1, 'output items');
				c.eq(items[0].json.status, 'completed', 'status');
				assertPng(c, items[0], [CATALOGUE_EXAMPLES.removeObject.width, CATALOGUE_EXAMPLES.removeObject.height], 'result');
			},
		},
	},
	{
		name: 'example upscale-for-print',
		file: 'examples/upscale-for-print.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends the picture to Topaz Wonder 3.5 with x4 and its enhancement strength': (c) => {
				const requests = sentTo(c, '/v2/image/upscale/topaz-wonder-3-5');
				c.eq(requests.length, 1, 'upscale requests');
				const { print } = CATALOGUE_EXAMPLES;
				const [request] = requests;
				c.eq([fileOf(request, 'image').filename, fileOf(request, 'image').width], [print.name, print.width], 'image part');
				c.eq(request.fields, { upscale_factor: [print.upscaleFactor], enhancement_strength: [print.enhancementStrength], seed: [String(print.seed)] }, 'text fields');
			},
			'outputs one PNG four times the size, with what it cost': (c) => {
				const items = c.items('Upscale x4');
				c.eq(items.length, 1, 'output items');
				const { print } = CATALOGUE_EXAMPLES;
				assertPng(c, items[0], [print.width * 4, print.height * 4], 'upscaled');
				c.eq(items[0].json.cost?.source, 'answer', 'cost.source');
				c.ok(items[0].json.cost?.usd > 0, 'cost.usd');
			},
		},
	},
];

const catalogueCases = [
	{
		name: 'upscale models: auto, Topaz Wonder 3.5, the 1.2 and 1.1 defaults',
		file: 'samples/workflows/catalogue-upscale.json',
		sandbox: 'catalogue-upscale',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'Upscale auto: POST /v2/image/upscale/auto, the size doubled': (c) => {
				const sent = sentTo(c, '/v2/image/upscale/auto').filter((r) => r.fields.seed?.[0] === '3');
				c.eq(sent.length, 1, 'requests of the auto node');
				c.eq(sent[0].fields, { seed: ['3'] }, 'text fields (x2 is the default)');
				const items = c.items('Upscale auto');
				c.eq(items.length, 1, 'output items');
				assertPng(c, items[0], [320, 240], 'auto');
			},
			'a Topaz model: topaz-wonder-3-5 at x4': (c) => {
				const sent = sentTo(c, '/v2/image/upscale/topaz-wonder-3-5');
				c.eq(sent.length, 1, 'requests');
				c.eq(sent[0].fields, { upscale_factor: ['x4'], enhancement_strength: ['high'], seed: ['4'] }, 'text fields');
				assertPng(c, c.items('Upscale Topaz Wonder x4')[0], [640, 480], 'topaz');
			},
			'a 1.2 node without model upscales with auto': (c) => {
				const sent = sentTo(c, '/v2/image/upscale/auto').filter((r) => r.fields.seed === undefined);
				c.eq(sent.length, 1, 'requests of the 1.2 node without model');
				assertPng(c, c.items('Upscale 1.2 without model')[0], [320, 240], '1.2 default');
			},
			'a 1.1 node without model still sends the legacy POST /upscale with image_request': (c) => {
				const sent = sentTo(c, '/upscale');
				c.eq(sent.length, 1, 'legacy requests');
				c.eq(Object.keys(sent[0].files), ['image_file'], 'file parts');
				c.eq(JSON.parse(sent[0].fields.image_request[0]), { detail: 70 }, 'image_request');
				assertPng(c, c.items('Upscale 1.1 without model')[0], [320, 240], 'legacy');
			},
		},
	},
	{
		name: 'remove object: polled to completion; Invert Mask',
		file: 'samples/workflows/catalogue-remove-object.json',
		sandbox: 'catalogue-remove-object',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'the request is answered with a generation id, polled until completed, the result downloaded': (c) => {
				const [item] = c.items('Remove object');
				c.match(item.json.generation_id ?? '', /\S/, 'generation_id');
				c.eq(item.json.status, 'completed', 'status');
				const polls = pollsOf(c, item.json.generation_id);
				c.ok(polls.length >= 1, `polls (${polls.length})`);
				c.ok(polls.every((poll) => poll.status === 200), 'polls answered 200');
				const submitted = sentTo(c, '/v2/image/remove-object/ideogram-1').find((r) => fileOf(r, 'mask')?.filename === 'desk-mask.png');
				c.ok(submitted, 'the remove-object request with desk-mask.png');
				c.eq(submitted.fields, { seed: ['5'] }, 'text fields (no webhook_url, no async: always asynchronous)');
				c.ok(polls[polls.length - 1].startedAt >= submitted.answeredAt, 'polled after the submission was answered');
				assertPng(c, item, [320, 240], 'result');
				c.ok(c.sandbox.imageRequests.some((r) => r.path === new URL(item.json.url).pathname + new URL(item.json.url).search), 'the result URL was downloaded');
			},
			'the box is gone from the result, the rest kept': (c) => {
				const { data } = PNG.sync.read(c.image(c.items('Remove object')[0].binary.data).data);
				// The box's centre (the box is at 72–88 % across, 50–78 % down) was blue: now filled from its surroundings.
				const offset = (Math.round(240 * 0.64) * 320 + Math.round(320 * 0.8)) * 4;
				const [r, g, b] = data.subarray(offset, offset + 3);
				c.ok(!(b > 150 && r < 80), `the box's centre is no longer blue (${r}, ${g}, ${b})`);
			},
			'Invert Mask sends the Edit mask inverted (white where Edit had black)': (c) => {
				const submitted = sentTo(c, '/v2/image/remove-object/ideogram-1').find((r) => fileOf(r, 'mask')?.filename !== 'desk-mask.png');
				c.ok(submitted, 'the request of the Invert Mask node');
				c.eq(submitted.status, 200, 'sandbox answer');
				const mask = fileOf(submitted, 'mask');
				c.eq([mask.contentType, mask.width, mask.height], ['image/png', 320, 240], 'mask part');
				const editMask = crypto.createHash('sha256').update(topMask(320, 240)).digest('hex');
				c.ok(mask.sha256 !== editMask, 'the mask sent is not the Edit mask as given');
				const [item] = c.items('Remove object, inverted Edit mask');
				c.eq(item.json.status, 'completed', 'status');
				assertPng(c, item, [320, 240], 'result');
			},
		},
	},
	{
		name: 'vectors: generate vector, vectorize, an SVG with a script refused and kept',
		file: 'samples/workflows/catalogue-vectors.json',
		sandbox: 'catalogue-vectors',
		checks: {
			'the execution succeeds (the refused SVG is an error item)': (c) => c.eq(c.status, 'success', 'execution status'),
			'Generate Vector: multipart with prompt, quality and count; polled; two .svg binaries': (c) => {
				const sent = sentTo(c, '/v2/svg/generate/ideogram-vector-1').filter((r) => r.fields.prompt?.[0] === 'A fox head logo, flat orange shapes');
				c.eq(sent.length, 1, 'requests');
				c.eq(sent[0].fields, { prompt: ['A fox head logo, flat orange shapes'], quality: ['low'], num_images: ['2'], seed: ['6'] }, 'text fields');
				const items = c.items('Generate vector');
				c.eq(items.length, 2, 'output items');
				for (const [index, item] of items.entries()) {
					const svg = assertSvg(c, item, `SVG ${index + 1}`);
					c.ok(!/<script/i.test(svg), `SVG ${index + 1}: no script`);
					c.eq(item.json.object_type, 'svg.generation', `SVG ${index + 1}: object_type`);
					c.eq(item.pairedItem, { item: 0 }, `SVG ${index + 1}: pairedItem`);
				}
				c.ok(items[0].binary.data.fileName !== items[1].binary.data.fileName, 'two file names');
				c.ok(pollsOf(c, items[0].json.generation_id).length > 0, 'polled');
			},
			'Vectorize: the picture traced into one SVG': (c) => {
				const sent = sentTo(c, '/v2/svg/vectorize/ideogram-vector-1');
				c.eq(sent.length, 1, 'requests');
				c.eq([fileOf(sent[0], 'image').filename, fileOf(sent[0], 'image').width, fileOf(sent[0], 'image').height], ['logo.png', 120, 90], 'image part');
				const items = c.items('Vectorize');
				c.eq(items.length, 1, 'output items');
				assertSvg(c, items[0], 'traced SVG');
				c.eq([items[0].json.width, items[0].json.height], [120, 90], 'width and height');
			},
			'an SVG with a script is refused, the error names the active content': (c) => {
				const error = errorOf(c, 'Vector with a script');
				c.match(error, /^Result SVG 1: the SVG holds active content \(.*script.*\); it was not kept$/, 'error');
			},
			'with Allow Active SVG the same SVG is kept, script and all': (c) => {
				const items = c.items('Vector with a script, allowed');
				c.eq(items.length, 1, 'output items');
				c.match(assertSvg(c, items[0], 'allowed SVG'), /<script/i, 'the script is in it');
			},
		},
	},
	{
		name: 'generate: Ideogram 4.0 as JSON, 4.0 Transparent and 3.0 Transparent with alpha',
		file: 'samples/workflows/catalogue-generate-models.json',
		sandbox: 'catalogue-generate',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'Generate 4.0: application/json with typed values (the sandbox refuses strings), two 1024x1024 PNGs': (c) => {
				const sent = sentTo(c, '/v2/image/generate/ideogram-4');
				c.eq(sent.length, 1, 'requests');
				const [request] = sent;
				c.eq(request.status, 200, 'sandbox answer (a string where a number belongs is a 400 there)');
				c.match(request.headers['content-type'], /^application\/json/, 'content-type');
				c.eq(request.fields, { prompt: ['a red kite over a beach'], rendering_speed: ['turbo'], resolution: ['1024x1024'], num_images: ['2'], seed: ['7'] }, 'fields');
				const items = c.items('Generate 4.0');
				c.eq(items.length, 2, 'output items');
				for (const [index, item] of items.entries()) assertPng(c, item, [1024, 1024], `image ${index + 1}`);
			},
			'Generate 4.0 Transparent: JSON, a PNG with an alpha channel': (c) => {
				const sent = sentTo(c, '/v2/image/generate/ideogram-4-transparent');
				c.eq(sent.length, 1, 'requests');
				c.match(sent[0].headers['content-type'], /^application\/json/, 'content-type');
				c.eq(sent[0].fields.output_resolution, ['1k'], 'output_resolution');
				const [item] = c.items('Generate 4.0 transparent');
				assertPng(c, item, String(item.json.resolution).split('x').map(Number), 'transparent 4.0', { alpha: true });
			},
			'Generate 3.0 Transparent: the v1 path, X2 as it spells it, a PNG with an alpha channel': (c) => {
				const sent = sentTo(c, '/v1/ideogram-v3/generate-transparent');
				c.eq(sent.length, 1, 'requests');
				c.eq(sent[0].fields.upscale_factor, ['X2'], 'upscale_factor');
				const [item] = c.items('Generate 3.0 transparent');
				const size = String(item.json.upscaled_resolution ?? item.json.resolution).split('x').map(Number);
				assertPng(c, item, size, 'transparent 3.0', { alpha: true });
			},
		},
	},
	{
		name: 'describe 4.0 (json_prompt, the 1.2 default) and replace background 4.5 with a reference',
		file: 'samples/workflows/catalogue-describe-replace.json',
		sandbox: 'catalogue-describe',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'Describe 4.0: the switches sent, json_prompt output, no dry_run': (c) => {
				const sent = c.sandbox.requests.filter((r) => r.path === '/v2/image/describe/ideogram-4');
				c.eq(sent.length, 2, 'describe 4.0 requests (the 4.0 node and the 1.2 node without model)');
				c.ok(sent.every((r) => r.query?.dry_run === undefined), 'no dry_run');
				c.ok(sent.some((r) => r.fields.include_tags?.[0] === 'true' && r.fields.include_style_descriptions?.[0] === 'true'), 'include_tags and include_style_descriptions sent');
				const items = c.items('Describe 4.0');
				c.eq(items.length, 1, 'output items');
				const prompt = items[0].json.json_prompt;
				c.ok(prompt && typeof prompt === 'object', 'json_prompt is an object');
				c.match(prompt.high_level_description ?? '', /\w/, 'high_level_description');
				c.ok(Array.isArray(prompt.tags), 'tags (asked for)');
				c.ok(!items[0].binary, 'no binary');
			},
			'a 1.2 Describe without model uses Ideogram 4.0': (c) => {
				c.eq(c.sandbox.requests.filter((r) => r.path === '/describe').length, 0, 'no request to the 3.0 /describe');
				const [item] = c.items('Describe 1.2 without model');
				c.ok(item.json.json_prompt && typeof item.json.json_prompt === 'object', 'json_prompt');
			},
			'Replace Background 4.5: image and background reference, no prompt, polled; a PNG of the photo size': (c) => {
				const sent = sentTo(c, '/v2/image/replace-background/ideogram-4-5');
				c.eq(sent.length, 1, 'requests');
				const [request] = sent;
				c.eq([fileOf(request, 'image').filename, fileOf(request, 'background_reference').filename], ['mug.png', 'garden.png'], 'file parts');
				c.eq(request.fields.prompt, undefined, 'no prompt');
				const [item] = c.items('Replace background 4.5');
				c.eq(item.json.status, 'completed', 'status');
				c.ok(pollsOf(c, item.json.generation_id).length > 0, 'polled');
				assertPng(c, item, [320, 240], 'result');
			},
		},
	},
];

module.exports = { catalogueCases: [...exampleCases, ...catalogueCases] };
