'use strict';
/**
 * The sandbox's Ideogram v2 API (4.x models on `/v2/image/...`, price quotes with `?dry_run=true`, async
 * generations and `GET /v2/generations/{id}`) and the newer v1 endpoints (`/v1/remove-background`,
 * `/v1/ideogram-v3/layerize-text`), validated as ../shared/reference/ideogram-api-v2.md documents them.
 * Where the reference marks something UNCONFIRMED, README.md names the assumption made here.
 *
 * server.js mounts this module: it hands over its form parser, result-image host, in-flight count and fault
 * queue, so a v2 request and a v1 request share one in-flight limit, one request log and one image host.
 */
const crypto = require('crypto');

const { maskColours } = require('./pixels');
const { renderResult } = require('./render');
const { layerize } = require('./lettering');
const { jsonPrompt } = require('./json-prompt');
const { generateSvg, vectorize } = require('./vectors');
const prices = require('./prices');

const MB = 1024 * 1024;
const MAX_SEED = 2147483647;
const MAX_PROMPT = 10000;
const MAX_PIXELS = 2048 * 2048;
// Upscale outputs over this many pixels on either side are refused (every model but nano-banana-pro).
const MAX_UPSCALE_SIDE = 8192;
const QUALITY = ['very_low', 'low', 'medium', 'high'];
const MAGIC_PROMPT = ['auto', 'on', 'off'];
// Ideogram 4.0's remix takes `rendering_speed`; its values are not documented, so v1's are used.
const RENDERING_SPEED_V1 = ['FLASH', 'TURBO', 'BALANCED', 'DEFAULT', 'QUALITY'];
const RENDERING_SPEED = ['turbo', 'default', 'quality'];
// Exact sizes 4.5 accepts without source images: the reference's examples and the third-party preset
// list (those that meet the exact-size rules), each both ways round.
const PRESETS = new Set(
	['1024x1024', '2048x2048', '1440x2880', '2496x1664', '2560x1440', '512x1536'].flatMap((size) => [size, size.split('x').reverse().join('x')]),
);
// ResolutionV4: the 38 presets of Ideogram 4.0's generate.
const RESOLUTION_V4 = [
	'2048x2048', '1440x2880', '2880x1440', '1664x2496', '2496x1664', '1792x2240', '2240x1792', '1440x2560', '2560x1440', '1600x2560', '2560x1600',
	'1728x2304', '2304x1728', '1296x3168', '3168x1296', '1152x2944', '2944x1152', '1248x3328', '3328x1248', '1280x3072', '3072x1280', '1024x3072',
	'3072x1024', '1024x1024', '896x1120', '1120x896', '864x1152', '1152x864', '832x1248', '1248x832', '800x1280', '1280x800', '720x1280', '1280x720',
	'720x1440', '1440x720', '512x1536', '1536x512',
];
const ASPECT_V4 = ['auto', '1x4', '1x3', '1x2', '9x16', '10x16', '2x3', '3x4', '4x5', '1x1', '5x4', '4x3', '3x2', '16x10', '16x9', '2x1', '3x1', '4x1'];
// Ideogram Vector 1.0's aspect ratios (third-party list; the API's spelling is unconfirmed, so both are taken).
const ASPECT_VECTOR = ['auto', ...['1x3', '1x2', '9x16', '10x16', '2x3', '3x4', '4x5', '1x1', '5x4', '4x3', '3x2', '16x10', '16x9', '2x1', '3x1'].flatMap((ratio) => [ratio, ratio.replace('x', ':')])];
const TIER_PIXELS = { '1k': 1024 * 1024, '2k': 2048 * 2048, '4k': 4096 * 4096, '8k': 8192 * 8192 };
const NANO_TIERS = { '1K': 1024 * 1024, '2K': 2048 * 2048, '4K': 4096 * 4096 };

class Refusal extends Error {}

// ---------------------------------------------------------------- field rules

const integer = (min, max) => ({ type: 'integer', min, max });
const number = (min, max) => ({ type: 'number', min, max });
const oneOf = (values) => ({ type: 'enum', values });
const text = (max) => ({ type: 'string', max });
const BOOLEAN = { type: 'boolean' };
const WEBHOOK = { type: 'webhook' };
const ANY_TEXT = { type: 'string', max: 2048 };

const SEED = integer(0, MAX_SEED);
const COUNT = integer(1, 8);
const ASYNC = { async: BOOLEAN, webhook_url: WEBHOOK };
const V4_COMMON = { seed: SEED, num_images: COUNT, enable_copyright_detection: BOOLEAN, ...ASYNC };
const V2_STORAGE = { private: BOOLEAN, target_collection_id: ANY_TEXT };
const UNIT = number(0, 1);
const TOPAZ = {
	denoise: UNIT, sharpen: UNIT, strength: number(0.01, 1), fix_compression: UNIT, subject_detection: oneOf(['all', 'foreground', 'background']),
	face_enhancement: BOOLEAN, face_enhancement_strength: UNIT, face_enhancement_creativity: UNIT,
};
const FACTOR = { upscale_factor: oneOf(['x2', 'x4', 'x8']) };
const UPSCALE_COMMON = { ...ASYNC, ...V2_STORAGE };
// Each upscale model's own fields, as the reference lists them.
const UPSCALE_MODELS = {
	auto: { billing: 'upscale_auto', fields: { ...FACTOR, seed: SEED, internal: BOOLEAN } },
	'topaz-standard-2': { billing: 'topaz_standard_v2_upscale', fields: { ...FACTOR, ...TOPAZ } },
	'topaz-text-refine': { billing: 'topaz_text_refine_upscale', fields: { ...FACTOR, ...TOPAZ, seed: SEED } },
	'topaz-wonder-3-5': { billing: 'topaz_wonder_3_5_upscale', fields: { ...FACTOR, enhancement_strength: oneOf(['low', 'medium', 'high']), seed: SEED } },
	'topaz-bloom-2': { billing: 'topaz_bloom_2_upscale', fields: { ...FACTOR, prompt: text(1024), creativity: integer(1, 9), color_preservation: BOOLEAN, seed: SEED } },
	'topaz-redefine': {
		billing: 'topaz_redefine_upscale',
		fields: {
			...FACTOR, ...TOPAZ, prompt: text(1024), autoprompt: BOOLEAN, creativity: integer(1, 9), texture: integer(1, 5), detail: BOOLEAN, detail_strength: number(0, 10), seed: SEED,
		},
	},
	'nano-banana-pro': { billing: 'nano_banana_pro_upscale', fields: { resolution_tier: oneOf(['1K', '2K', '4K']), prompt: text(2000), seed: SEED } },
};

/** Checks one text value (multipart, or a JSON value turned to text) against its rule; throws Refusal. */
function checkValue(name, value, rule) {
	switch (rule.type) {
		case 'integer':
			if (!/^-?\d+$/.test(value) || Number(value) < rule.min || Number(value) > rule.max) throw new Refusal(`${name} must be an integer from ${rule.min} to ${rule.max}`);
			return;
		case 'number':
			if (!/^-?\d+(\.\d+)?$/.test(value) || Number(value) < rule.min || Number(value) > rule.max) throw new Refusal(`${name} must be a number from ${rule.min} to ${rule.max}`);
			return;
		case 'enum':
			if (!rule.values.includes(value)) throw new Refusal(`${name}: invalid value ${value}; expected one of ${rule.values.join(', ')}`);
			return;
		case 'boolean':
			if (value !== 'true' && value !== 'false') throw new Refusal(`${name} must be true or false`);
			return;
		case 'webhook':
			checkWebhookUrl(value);
			return;
		default:
			if (value.length > rule.max) throw new Refusal(`${name} must be at most ${rule.max} characters`);
	}
}

/** The JSON type each rule wants: a JSON-only endpoint refuses `"num_images": "2"`, as a typed schema does. */
function checkJsonType(name, value, rule) {
	const wanted = rule.type === 'integer' || rule.type === 'number' ? 'number' : rule.type === 'boolean' ? 'boolean' : 'string';
	if (typeof value !== wanted) throw new Refusal(`${name} must be a JSON ${wanted}, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
}

// ---------------------------------------------------------------- routes

/**
 * What each route takes and answers.
 *   fields     name → rule (text fields; a field not listed is a 400)
 *   required   text fields that must be present
 *   files      name → { max, required, maxBytes }
 *   encoding   'multipart' (the default; a JSON body is a 400), 'json' (JSON only), 'either'
 *   mode       'either' (sync, async with `async`/`webhook_url`), 'async' (always), 'sync' (never)
 *   quote      whether `?dry_run=true` is declared (else a dry_run query is a 400)
 *   answer     the answer's shape: images, upscale, svg, describe, removeBackground, layerize
 *   size(ctx)  the output's { width, height }; charge(ctx) what it costs (prices.js); job(ctx) what render.js draws
 *   check(ctx) the route's own rules beyond single fields
 */
const ROUTES = {
	'/v2/image/generate/ideogram-4-5': {
		encoding: 'either', mode: 'either', quote: true, answer: 'images', required: ['prompt'],
		fields: { prompt: text(MAX_PROMPT), magic_prompt: oneOf(MAGIC_PROMPT), size: ANY_TEXT, quality: oneOf(QUALITY), ...V4_COMMON },
		files: { images: { max: 5 }, mask: { max: 1 } },
		check: (ctx) => checkSources(ctx, ctx.files.images, 'the first of images'),
		size: generateSize,
		charge: (ctx) => prices.perUnit('ideogram_4_5_generate', ctx.count, prices.PER_IMAGE.ideogram_4_5[ctx.fields.quality ?? (ctx.files.images ? 'medium' : 'high')], { quality: ctx.fields.quality ?? (ctx.files.images ? 'medium' : 'high') }),
		job: (ctx) => ({ operation: !ctx.files.images ? 'generate' : ctx.files.mask ? 'edit' : 'remix', image: ctx.files.images?.[0], mask: ctx.files.mask?.[0] }),
	},
	'/v2/image/precise-edit/ideogram-4-5': {
		mode: 'either', quote: true, answer: 'images', required: ['prompt'],
		fields: { prompt: text(MAX_PROMPT), quality: oneOf(QUALITY), ...V4_COMMON },
		files: { image: { max: 1, required: true }, reference_images: { max: 4 }, mask: { max: 1 } },
		check: (ctx) => checkSources(ctx, ctx.files.image, 'image'),
		size: (ctx) => withinLimit(sizeOf(ctx.files.image[0])),
		charge: (ctx) => by45('ideogram_4_5_precise_edit', ctx),
		job: (ctx) => ({ operation: 'preciseEdit', image: ctx.files.image[0], mask: ctx.files.mask?.[0], references: ctx.files.reference_images ?? [] }),
	},
	'/v2/image/remix/ideogram-4-5': {
		mode: 'either', quote: true, answer: 'images', required: ['prompt'],
		fields: { prompt: text(MAX_PROMPT), magic_prompt: oneOf(MAGIC_PROMPT), quality: oneOf(['low', 'medium', 'high']), image_weight: integer(1, 100), ...V4_COMMON },
		files: { image: { max: 1, required: true }, reference_images: { max: 4 } },
		check: (ctx) => checkSources(ctx, ctx.files.image, 'image'),
		size: (ctx) => withinLimit(sizeOf(ctx.files.image[0])),
		charge: (ctx) => by45('ideogram_4_5_remix', ctx),
		job: (ctx) => ({ operation: 'remix', image: ctx.files.image[0] }),
	},
	'/v2/image/remix/ideogram-4': {
		mode: 'either', quote: true, answer: 'images', required: ['prompt'],
		fields: { prompt: text(MAX_PROMPT), rendering_speed: oneOf(RENDERING_SPEED_V1), image_weight: integer(1, 100), ...V4_COMMON },
		files: { image: { max: 1, required: true } },
		check: (ctx) => checkSources(ctx, ctx.files.image, 'image'),
		size: (ctx) => withinLimit(sizeOf(ctx.files.image[0])),
		charge: (ctx) => prices.flat('ideogram_4_remix', ctx.count),
		job: (ctx) => ({ operation: 'remix', image: ctx.files.image[0] }),
	},
	'/v2/image/generate/ideogram-4': {
		encoding: 'json', mode: 'either', quote: true, answer: 'images', required: ['prompt'],
		fields: { prompt: text(MAX_PROMPT), magic_prompt: oneOf(MAGIC_PROMPT), rendering_speed: oneOf(RENDERING_SPEED), resolution: oneOf(RESOLUTION_V4), ...V4_COMMON, ...V2_STORAGE },
		files: {},
		size: (ctx) => parseSize(ctx.fields.resolution ?? '1024x1024'),
		charge: (ctx) => bySpeed('ideogram_v4_generation', ctx),
		job: () => ({ operation: 'generate' }),
	},
	'/v2/image/generate/ideogram-4-transparent': {
		encoding: 'json', mode: 'either', quote: true, answer: 'images', required: ['prompt'],
		fields: {
			prompt: text(MAX_PROMPT), output_resolution: oneOf(Object.keys(TIER_PIXELS)), aspect_ratio: oneOf(ASPECT_V4), rendering_speed: oneOf(RENDERING_SPEED),
			magic_prompt: oneOf(MAGIC_PROMPT), ...V4_COMMON, ...V2_STORAGE,
		},
		files: {},
		size: (ctx) => sizeForBudget(TIER_PIXELS[ctx.fields.output_resolution ?? '1k'], ratioOf(ctx.fields.aspect_ratio)),
		charge: (ctx) => {
			const speed = ctx.fields.rendering_speed ?? 'default';
			const tier = ctx.fields.output_resolution ?? '1k';
			return prices.perUnit('v4_transparent_generation', ctx.count, prices.PER_IMAGE.ideogram_4[speed] + prices.TRANSPARENT_4_TIER[tier], { rendering_speed: speed, output_resolution: tier });
		},
		job: () => ({ operation: 'generateTransparent' }),
	},
	...Object.fromEntries(
		Object.entries(UPSCALE_MODELS).map(([model, { billing, fields }]) => [
			`/v2/image/upscale/${model}`,
			{
				mode: 'either', quote: true, answer: 'upscale', model,
				fields: { ...fields, ...UPSCALE_COMMON },
				files: { image: { max: 1, required: true, maxBytes: 50 * MB } },
				check: (ctx) => checkUpscale(ctx, model),
				size: (ctx) => upscaleSize(ctx, model),
				charge: (ctx) => prices.upscaleCharge(billing, ctx.output.width, ctx.output.height, ctx.fields.resolution_tier ?? '2K'),
				job: (ctx) => ({ operation: 'upscale', image: ctx.files.image[0] }),
			},
		]),
	),
	'/v2/image/remove-object/ideogram-1': {
		mode: 'async', quote: true, answer: 'images',
		fields: { seed: SEED, store_assets: BOOLEAN, target_collection_id: ANY_TEXT },
		files: { image: { max: 1, required: true, maxBytes: 50 * MB }, mask: { max: 1, required: true, maxBytes: 50 * MB } },
		check: (ctx) => {
			const [image] = ctx.files.image;
			const [mask] = ctx.files.mask;
			if (mask.width !== image.width || mask.height !== image.height) throw new Refusal(`mask must have the same dimensions as image (${image.width}x${image.height})`);
		},
		size: (ctx) => sizeOf(ctx.files.image[0]),
		charge: () => prices.flat('object_removal_usage_v2', 1, 'request'),
		job: (ctx) => ({ operation: 'removeObject', image: ctx.files.image[0], mask: ctx.files.mask[0] }),
	},
	'/v2/svg/generate/ideogram-vector-1': {
		mode: 'async', webhook: false, quote: true, answer: 'svg', required: ['prompt'],
		fields: { prompt: text(9500), aspect_ratio: oneOf(ASPECT_VECTOR), quality: oneOf(['low', 'medium', 'high']), num_images: COUNT, seed: SEED, ...V2_STORAGE },
		files: { images: { max: 5, maxBytes: 10 * MB } },
		check: (ctx) => checkSources(ctx, ctx.files.images, 'the first of images'),
		size: (ctx) => {
			const ratio = ctx.fields.aspect_ratio && ctx.fields.aspect_ratio !== 'auto' ? ratioOf(ctx.fields.aspect_ratio.replace(':', 'x')) : ctx.files.images ? ctx.files.images[0].width / ctx.files.images[0].height : 1;
			return sizeForBudget(1024 * 1024, ratio);
		},
		charge: (ctx) => {
			const quality = ctx.fields.quality ?? 'medium';
			const tier = quality === 'high' && ctx.files.images ? 'high_with_references' : quality;
			return prices.perUnit('ideogram_vector_1_generate', ctx.count, prices.PER_IMAGE.vector_generate[tier], { quality: tier }, 'svg');
		},
		job: (ctx) => ({ operation: 'generateSvg', image: ctx.files.images?.[0] }),
	},
	'/v2/svg/vectorize/ideogram-vector-1': {
		mode: 'async', quote: true, answer: 'svg',
		fields: { mode: oneOf(['default', 'simple']), group: BOOLEAN, webhook_url: WEBHOOK, ...V2_STORAGE },
		files: { image: { max: 1, required: true, maxBytes: 50 * MB } },
		size: (ctx) => sizeOf(ctx.files.image[0]),
		charge: () => prices.flat('ideogram_vector_1_vectorize', 1, 'svg'),
		job: (ctx) => ({ operation: 'vectorize', image: ctx.files.image[0] }),
	},
	'/v2/image/describe/ideogram-4': {
		mode: 'sync', quote: false, answer: 'describe',
		fields: { include_bbox: BOOLEAN, include_style_descriptions: BOOLEAN, include_tags: BOOLEAN },
		files: { image: { max: 1, required: true, maxBytes: 10 * MB } },
		size: (ctx) => sizeOf(ctx.files.image[0]),
		charge: () => prices.flat('ideogram_4_describe', 1, 'request'),
	},
	'/v2/image/replace-background/ideogram-4-5': {
		mode: 'async', quote: true, answer: 'images',
		fields: { num_images: integer(1, 4), webhook_url: WEBHOOK },
		files: { image: { max: 1, required: true, maxBytes: 50 * MB }, background_reference: { max: 1, required: true, maxBytes: 50 * MB } },
		check: (ctx) => checkSources(ctx, ctx.files.image, 'image'),
		size: (ctx) => withinLimit(sizeOf(ctx.files.image[0])),
		charge: (ctx) => prices.flat('ideogram_4_5_replace_background', ctx.count),
		job: (ctx) => ({ operation: 'replaceBackgroundWith', image: ctx.files.image[0], background: ctx.files.background_reference[0] }),
	},
	'/v1/remove-background': {
		v1: true, mode: 'sync', quote: false, answer: 'removeBackground',
		fields: {}, files: { image: { max: 1, required: true } },
		size: (ctx) => sizeOf(ctx.files.image[0]),
		charge: () => prices.flat('remove_background'),
		job: (ctx) => ({ operation: 'removeBackground', image: ctx.files.image[0] }),
	},
	'/v1/ideogram-v3/layerize-text': {
		v1: true, mode: 'sync', quote: false, answer: 'layerize',
		fields: { prompt: text(MAX_PROMPT), seed: SEED }, files: { image: { max: 1, required: true, maxBytes: 10 * MB } },
		size: (ctx) => sizeOf(ctx.files.image[0]),
		charge: () => prices.flat('layerize_text'),
	},
};
const GENERATION_PATH = /^\/v2\/generations\/([\w-]+)$/;

function sizeOf(file) {
	return { width: file.width, height: file.height };
}

function parseSize(text) {
	const match = /^(\d+)x(\d+)$/.exec(text);
	return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}

/** The documented rules for any exact 4.5 size: multiples of 32, at least 256, at most 2048×2048 pixels, at most 6:1. */
function exactSizeProblem({ width, height }) {
	if (width % 32 || height % 32) return 'both sides must be multiples of 32';
	if (width < 256 || height < 256) return 'both sides must be at least 256 pixels';
	if (width * height > MAX_PIXELS) return 'at most 2048x2048 pixels in total';
	if (Math.max(width, height) / Math.min(width, height) > 6) return 'the aspect ratio must be at most 6:1';
	return undefined;
}

/** Scales down (keeping proportions) what exceeds 2048×2048 pixels, as 4.5 does with large sources. */
function withinLimit({ width, height }) {
	const scale = Math.min(1, Math.sqrt(MAX_PIXELS / (width * height)));
	return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

/** A 2K size with the source's proportions, in multiples of 32 (what `auto` picks from source images). */
function autoSizeFrom({ width, height }) {
	const scale = Math.sqrt((1536 * 1536) / (width * height));
	const round = (value) => Math.min(2048 * 6, Math.max(256, Math.round((value * scale) / 32) * 32));
	let size = { width: round(width), height: round(height) };
	while (size.width * size.height > MAX_PIXELS) size = { width: size.width - 32, height: size.height - 32 };
	return size;
}

function generationId() {
	return crypto.randomBytes(12).toString('base64url');
}

function isPrivateHost(hostname) {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost' || host.endsWith('.localhost') || host === 'metadata.google.internal') return true;
	const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
	}
	if (host.includes(':')) return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
	return false;
}

function checkWebhookUrl(value) {
	let url;
	try {
		url = new URL(value);
	} catch {
		throw new Refusal('webhook_url must be an absolute URL');
	}
	if (url.protocol !== 'https:') throw new Refusal('webhook_url must use HTTPS');
	if (isPrivateHost(url.hostname)) throw new Refusal('webhook_url must not point at a private, loopback or metadata address');
}

function checkMask(mask, image, imageName) {
	if (mask.width !== image.width || mask.height !== image.height) throw new Refusal(`mask must have the same dimensions as ${imageName} (${image.width}x${image.height})`);
	// PNG masks are read pixel by pixel; JPEG and WebP masks cannot be decoded here and are taken on trust.
	const colours = mask.format === 'png' ? maskColours(mask.bytes) : undefined;
	if (colours && !(colours.black && colours.white)) throw new Refusal('mask must contain both black (edit) and white (keep) pixels');
}

function checkAspect(name, file) {
	if (Math.max(file.width, file.height) / Math.min(file.width, file.height) > 6) throw new Refusal(`${name}: the aspect ratio must be between 1:6 and 6:1`);
}

/** The rules every route with source images shares: aspect ratios, the mask, references, very_low. */
function checkSources({ fields, files }, sources = [], imageName = 'image') {
	for (const [name, list] of Object.entries(files)) if (name !== 'mask') for (const file of list) checkAspect(name, file);
	const references = (files.images?.length ?? 1) - 1 + (files.reference_images?.length ?? 0);
	if (files.mask) {
		if (!sources.length) throw new Refusal('mask needs images: it marks the area of the first image to edit');
		checkMask(files.mask[0], sources[0], imageName);
		if (references > 3) throw new Refusal('a masked request takes at most 3 reference images besides the image it edits');
		if (fields.size) throw new Refusal('size cannot be set with a mask: the output keeps the size of the first image');
	}
	if (fields.quality === 'very_low' && !sources.length) throw new Refusal('quality very_low needs source images');
}

/** Generate 4.5's output size: `size` (auto, source or WxH), from the first image when there is one. */
function generateSize({ fields, files }) {
	const sources = files.images ?? [];
	const fromSource = sources.length ? withinLimit(sizeOf(sources[0])) : { width: 1024, height: 1024 };
	const size = fields.size ?? 'auto';
	if (size === 'source') {
		if (!sources.length) throw new Refusal('size source needs source images');
		return fromSource;
	}
	if (size === 'auto') return sources.length && !files.mask ? autoSizeFrom(sizeOf(sources[0])) : sources.length ? fromSource : { width: 1536, height: 1536 };
	const exact = parseSize(size);
	const problem = exact ? exactSizeProblem(exact) : 'expected auto, source or WIDTHxHEIGHT';
	if (problem) throw new Refusal(`size ${size}: ${problem}`);
	if (!sources.length && !PRESETS.has(size)) throw new Refusal(`size ${size} is not a supported 1K/2K preset (without images an exact size must be a preset)`);
	return exact;
}

/** `16x9` → 16/9; auto or nothing → 1 (square). */
function ratioOf(aspect) {
	const match = /^(\d+)x(\d+)$/.exec(aspect ?? '');
	return match ? Number(match[1]) / Number(match[2]) : 1;
}

/** The largest size of this width/height ratio within a pixel budget. */
function sizeForBudget(pixels, ratio) {
	const width = Math.max(1, Math.floor(Math.sqrt(pixels * ratio)));
	return { width, height: Math.max(1, Math.floor(pixels / width)) };
}

function upscaleSize({ fields, files }, model) {
	const source = sizeOf(files.image[0]);
	if (model === 'nano-banana-pro') return sizeForBudget(NANO_TIERS[fields.resolution_tier ?? '2K'], source.width / source.height);
	const factor = Number((fields.upscale_factor ?? 'x2').slice(1));
	return { width: source.width * factor, height: source.height * factor };
}

function checkUpscale(ctx, model) {
	const source = sizeOf(ctx.files.image[0]);
	if (model === 'nano-banana-pro') {
		const tier = ctx.fields.resolution_tier ?? '2K';
		if (source.width * source.height >= NANO_TIERS[tier]) throw new Refusal(`resolution_tier ${tier}: the source (${source.width}x${source.height}) is already at or above that tier`);
		return;
	}
	const { width, height } = upscaleSize(ctx, model);
	if (width > MAX_UPSCALE_SIDE || height > MAX_UPSCALE_SIDE) throw new Refusal(`upscale_factor ${ctx.fields.upscale_factor ?? 'x2'}: the output (${width}x${height}) would exceed ${MAX_UPSCALE_SIDE}px on a side`);
}

/** 4.5's price by quality (edit and remix default to medium). */
function by45(billing, ctx) {
	const quality = ctx.fields.quality ?? 'medium';
	return prices.perUnit(billing, ctx.count, prices.PER_IMAGE.ideogram_4_5[quality], { quality });
}

function bySpeed(billing, ctx) {
	const speed = ctx.fields.rendering_speed ?? 'default';
	return prices.perUnit(billing, ctx.count, prices.PER_IMAGE.ideogram_4[speed], { rendering_speed: speed });
}

/** A JSON-only body: each value of the JSON type its rule wants, then as text like a multipart field. */
function typedJsonFields(path, route, body) {
	let json;
	try {
		json = body.length ? JSON.parse(body.toString('utf8')) : {};
	} catch {
		throw new Refusal('the body is not valid JSON');
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Refusal('the body must be a JSON object');
	const fields = {};
	for (const [name, value] of Object.entries(json)) {
		const rule = route.fields[name];
		if (!rule) throw new Refusal(`${name} is not accepted by ${path}`);
		checkJsonType(name, value, rule);
		fields[name] = [String(value)];
	}
	return { fields, files: {} };
}

/** Checks a request as the reference documents; returns what the answer, the render and a quote need. Throws Refusal. */
function validate(path, route, { fields, files }) {
	for (const [name, values] of Object.entries(fields)) {
		if (route.files[name]) throw new Refusal(`${name} must be a file part with a filename`);
		const rule = route.fields[name];
		if (!rule) throw new Refusal(`${name} is not accepted by ${path}`);
		if (values.length > 1) throw new Refusal(`${name} must be sent once`);
		checkValue(name, values[0], rule);
	}
	for (const [name, list] of Object.entries(files)) {
		const rule = route.files[name];
		if (!rule) throw new Refusal(`${name} is not accepted by ${path}`);
		if (list.length > rule.max) throw new Refusal(`${name}: at most ${rule.max} file${rule.max === 1 ? '' : 's'}`);
		const maxBytes = rule.maxBytes ?? 25 * MB;
		for (const file of list) {
			if (!file.filename) throw new Refusal(`${name}: file part has no filename`);
			if (!file.format) throw new Refusal(`${name}: only JPEG, PNG and WebP images are supported`);
			if (file.size > maxBytes) throw new Refusal(`${name}: max size is ${maxBytes / MB}MB`);
		}
	}
	for (const [name, rule] of Object.entries(route.files)) if (rule.required && !files[name]) throw new Refusal(`${name} is required`);
	for (const name of route.required ?? []) if (!(fields[name]?.[0] ?? '').trim()) throw new Refusal(`${name} is required`);
	const first = Object.fromEntries(Object.entries(fields).map(([name, values]) => [name, values[0]]));
	const ctx = { fields: first, files, count: route.v1 ? 1 : Number(first.num_images ?? 1) };
	route.check?.(ctx);
	ctx.output = route.size(ctx);
	ctx.charge = route.charge(ctx);
	ctx.prompt = first.prompt ?? '';
	ctx.seed = first.seed === undefined ? undefined : Number(first.seed);
	ctx.isAsync = route.mode === 'async' || first.async === 'true' || first.webhook_url !== undefined;
	ctx.resolution = `${ctx.output.width}x${ctx.output.height}`;
	return ctx;
}

/**
 * @param sandbox what server.js shares: { apiKey, inflightLimit, inflight, parseForm, isBadRequest, errorBodies,
 *   imageLink(resolution, fault, png), serveFile(name, bytes, type), takeFault(), acceptRequest() → latency ms,
 *   render(job, keyParts) → Promise (a cached render), bill(charge, { endpoint, key, at }) }
 */
function createV2Api(sandbox) {
	const generations = new Map();
	const timers = new Set();
	let polls = [];
	const pollLimit = sandbox.pollLimit ?? 1000;

	function later(ms, action) {
		const timer = setTimeout(() => {
			timers.delete(timer);
			action();
		}, ms);
		timer.unref();
		timers.add(timer);
	}

	function hold(count) {
		sandbox.inflight.set(sandbox.apiKey, (sandbox.inflight.get(sandbox.apiKey) ?? 0) + count);
		let held = true;
		return () => {
			if (!held) return;
			held = false;
			sandbox.inflight.set(sandbox.apiKey, (sandbox.inflight.get(sandbox.apiKey) ?? count) - count);
		};
	}

	function busy() {
		return sandbox.inflight.get(sandbox.apiKey) ?? 0;
	}

	const isWithheld = (fault, index) => fault?.withheld === true || (Array.isArray(fault?.withheld) && fault.withheld.includes(index));

	/** What the route draws, rendered once per identical request (server.js's cache). */
	function result(route, ctx) {
		const job = { ...route.job(ctx), prompt: ctx.prompt, width: ctx.output.width, height: ctx.output.height, imageWeight: ctx.fields.image_weight === undefined ? undefined : Number(ctx.fields.image_weight) };
		const parts = ['image', 'mask', 'background'].map((name) => job[name]?.sha256);
		const key = { ...job, image: parts[0], mask: parts[1], background: parts[2], references: (job.references ?? []).map((file) => file.sha256), fileName: job.image?.filename };
		return sandbox.render(key, async () => {
			const bytes = { ...job, image: job.image?.bytes, mask: job.mask?.bytes, background: job.background?.bytes, references: (job.references ?? []).map((file) => file.bytes) };
			if (job.operation === 'vectorize') return vectorize(bytes.image, job.image.filename, sizeOf(job.image));
			if (job.operation === 'generateSvg') return generateSvg(job.prompt, job.width, job.height, bytes.image);
			return renderResult(bytes);
		});
	}

	/** The `data` items of an answer, from the rendered result. */
	function items(route, ctx, fault, rendered) {
		if (route.answer === 'svg') {
			return Array.from({ length: ctx.count }, () => {
				const assetId = generationId();
				const svg = Buffer.from(rendered.svg);
				return { object_type: 'svg.generation', url: sandbox.serveFile(`${assetId}.svg`, svg, 'image/svg+xml'), asset_id: assetId, mime_type: 'image/svg+xml', width: rendered.width, height: rendered.height };
			});
		}
		return Array.from({ length: ctx.count }, (_, index) => {
			const safe = !isWithheld(fault, index);
			const seed = ctx.seed !== undefined ? ctx.seed + index : crypto.randomInt(0, MAX_SEED);
			const url = safe ? sandbox.imageLink(ctx.resolution, fault?.imageFault, rendered) : null;
			if (route.answer === 'upscale') return { url, resolution: ctx.resolution, seed, is_image_safe: safe };
			return { prompt: ctx.fields.magic_prompt === 'off' || !ctx.prompt ? ctx.prompt : `${ctx.prompt}, in crisp detail`, resolution: ctx.resolution, is_image_safe: safe, seed, url };
		});
	}

	/**
	 * Registers a generation that renders in the background: `pending` until `pendingMs` have passed and it
	 * has been polled `polls` times (answering pending), then `completed`, or `failed` with `fail` as the
	 * failure_reason. `data` may be a promise (the render). The in-flight places stay taken until then.
	 * Returns the async acknowledgement.
	 */
	function submitGeneration(data, { pendingMs = 0, polls = 0, fail, usdMicros, retryAfter } = {}, count = data.length) {
		const id = generationId();
		const release = hold(count);
		const generation = { id, created: new Date().toISOString(), data, pendingUntil: Date.now() + pendingMs, pollsLeft: polls, fail, usdMicros, retryAfter, release };
		generations.set(id, generation);
		const settle = () => {
			if (generation.pollsLeft <= 0) release();
		};
		if (pendingMs > 0) later(pendingMs, settle);
		else settle();
		return { generation_id: id };
	}

	async function generationBody(generation) {
		const pending = Date.now() < generation.pendingUntil || generation.pollsLeft > 0;
		if (generation.pollsLeft > 0) generation.pollsLeft -= 1;
		const base = { generation_id: generation.id, created: generation.created };
		if (pending) return { ...base, status: 'pending' };
		generation.release();
		if (generation.fail) return { ...base, status: 'failed', failure_reason: generation.fail === true ? 'The generation failed upstream.' : String(generation.fail) };
		let data;
		try {
			data = await generation.data;
		} catch (error) {
			// A render that throws (none should: undecodable inputs get placeholders) fails the generation.
			return { ...base, status: 'failed', failure_reason: `sandbox_render_failed: ${error.message}` };
		}
		const body = { ...base, status: 'completed', response_type: 'url', data: data.map((image) => ({ object_type: 'image', ...image })) };
		if (generation.usdMicros !== undefined) body.usage_cost_usd_micros = generation.usdMicros;
		return body;
	}

	async function poll(id, { auth, answer }) {
		if (!auth.ok) return answer(401, { error: 'Invalid API key' });
		const now = Date.now();
		polls = polls.filter((at) => at > now - 10000);
		if (polls.length >= pollLimit) return answer(429, { error: 'Too many generation polls', reject_reason: 'inflight_limit' }, { 'retry-after': '1' });
		polls.push(now);
		const fault = sandbox.takeFault();
		if (fault?.status) return answer(fault.status, fault.body ?? sandbox.errorBodies[fault.status] ?? { error: `HTTP ${fault.status}` }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
		const generation = generations.get(id);
		if (!generation) return answer(404, { error: `No generation ${id}` });
		const body = await generationBody(generation);
		return answer(200, body, body.status === 'pending' && generation.retryAfter !== undefined ? { 'retry-after': String(generation.retryAfter) } : {});
	}

	/** Reads and checks the request; the checked context, or a 400 already answered (undefined). */
	async function check(route, { request, url, apiPath, body, entry, answer }) {
		const contentType = request.headers['content-type'] ?? '';
		const isJson = /^application\/json/.test(contentType);
		try {
			const dryRunValue = url.searchParams.get('dry_run');
			if (dryRunValue !== null) {
				if (!route.quote) throw new Refusal(`dry_run is not supported by ${apiPath}`);
				if (dryRunValue !== 'true' && dryRunValue !== 'false') throw new Refusal('dry_run must be true or false');
				if (dryRunValue === 'true') entry.dryRun = true;
			}
			for (const name of url.searchParams.keys()) if (name !== 'dry_run') throw new Refusal(`query parameter ${name} is not accepted by ${apiPath}`);
			let parsed;
			if (route.encoding === 'json') {
				if (!isJson) throw new Refusal(`${apiPath} takes application/json only`);
				parsed = typedJsonFields(apiPath, route, body);
			} else {
				if (isJson && route.encoding !== 'either') throw new Refusal('Expected multipart/form-data');
				parsed = await sandbox.parseForm(contentType, body);
			}
			entry.fields = parsed.fields;
			entry.files = parsed.files;
			return validate(apiPath, route, parsed);
		} catch (error) {
			if (error instanceof Refusal || sandbox.isBadRequest(error) || error instanceof SyntaxError || error instanceof TypeError) {
				answer(400, { error: error.message });
				return undefined;
			}
			throw error;
		}
	}

	async function submit(route, context) {
		const { apiPath, entry, answer, auth, response } = context;
		if (!auth.ok) return answer(401, { error: 'Invalid API key' });
		entry.query = Object.fromEntries(context.url.searchParams);
		const ctx = await check(route, context);
		if (!ctx) return undefined;
		// A quote is priced, never run: no in-flight place, no latency, no fault, no render, no bill.
		if (entry.dryRun) return answer(200, prices.priceQuote(ctx.charge));

		if (busy() + ctx.count > sandbox.inflightLimit) {
			return answer(429, { error: 'Too many requests in flight', reject_reason: 'inflight_limit', max_inflight_requests: sandbox.inflightLimit }, { 'retry-after': '1' });
		}
		const fault = sandbox.takeFault();
		if (fault?.status === 429) {
			return answer(429, fault.body ?? { error: 'Too many requests in flight', reject_reason: 'inflight_limit' }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
		}
		const wait = fault?.latencyMs ?? sandbox.acceptRequest();
		const usdMicros = ctx.charge.usdMicros;
		const bill = (at) => sandbox.bill(ctx.charge, { endpoint: apiPath, key: auth.key, at });
		const rendered = route.answer === 'describe' || route.answer === 'layerize' ? undefined : result(route, ctx);
		rendered?.catch(() => {});
		if (route.mode !== 'sync' && (ctx.isAsync || fault?.generation)) {
			const options = { pendingMs: Math.max(wait, sandbox.asyncMs ?? 300), usdMicros, ...fault?.generation };
			const ack = submitGeneration(rendered.then((picture) => items(route, ctx, fault, picture)), options, ctx.count);
			if (!options.fail) bill(Date.now() + options.pendingMs);
			// Upscale's acknowledgement also carries the seed and the output size (its schema requires them).
			if (route.answer === 'upscale') return answer(200, { ...ack, seed: ctx.seed ?? crypto.randomInt(0, MAX_SEED), width: ctx.output.width, height: ctx.output.height });
			return answer(200, ack);
		}

		const release = hold(ctx.count);
		let picture;
		try {
			const waited = wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait).unref()) : undefined;
			picture = await rendered;
			await waited;
		} finally {
			release();
		}
		if (response.destroyed) {
			entry.status = 499;
			return undefined;
		}
		if (fault?.status) return answer(fault.status, fault.body ?? sandbox.errorBodies[fault.status] ?? { error: `HTTP ${fault.status}` }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
		if (route.answer === 'describe') return describe(ctx, answer, bill);
		if (route.answer === 'layerize') return layerizeAnswer(ctx, fault, answer, bill);
		bill(Date.now());
		if (route.answer === 'removeBackground') {
			return answer(200, { created: new Date().toISOString(), data: [{ url: sandbox.imageLink(ctx.resolution, fault?.imageFault, picture), resolution: ctx.resolution, is_image_safe: true }] });
		}
		const data = items(route, ctx, fault, picture);
		const id = generationId();
		generations.set(id, { id, created: new Date().toISOString(), data, pendingUntil: 0, pollsLeft: 0, usdMicros, release: () => {} });
		const seed = ctx.seed ?? data[0].seed;
		if (route.answer === 'upscale') return answer(200, { generation_id: id, seed, width: ctx.output.width, height: ctx.output.height, data, usage_cost_usd_micros: usdMicros });
		return answer(200, { generation_id: id, seed, data, usage_cost_usd_micros: usdMicros });
	}

	/** Describe 4.0: `{created, description_id, json_prompt}` read from the picture. */
	async function describe(ctx, answer, bill) {
		const [image] = ctx.files.image;
		const prompt = await jsonPrompt(image.bytes, {
			includeBbox: ctx.fields.include_bbox !== 'false',
			includeStyle: ctx.fields.include_style_descriptions === 'true',
			includeTags: ctx.fields.include_tags === 'true',
			declared: { ...sizeOf(image), format: image.format },
		});
		bill(Date.now());
		return answer(200, { created: new Date().toISOString(), description_id: generationId(), json_prompt: prompt });
	}

	/** `LayerizeTextResponse`: the base image without its lettering, the original, and the lettering as text blocks. */
	async function layerizeAnswer(ctx, fault, answer, bill) {
		const [file] = ctx.files.image;
		const layers = await layerize(file.bytes, sizeOf(file));
		const name = crypto.randomBytes(8).toString('hex');
		const original = fault?.noOriginal ? null : sandbox.serveFile(`original-${name}.${file.format === 'jpeg' ? 'jpg' : file.format}`, file.bytes, `image/${file.format}`);
		bill(Date.now());
		return answer(200, {
			base_image_url: sandbox.imageLink(`${layers.width}x${layers.height}`, fault?.imageFault, layers.base),
			original_image_url: original,
			seed: ctx.seed ?? crypto.randomInt(0, MAX_SEED),
			text_blocks: layers.blocks.map((block, index) => ({
				x: block.x,
				y: block.y,
				width: block.width,
				height: block.height,
				text: block.text,
				alignment: 'center',
				formatting: index === 0 ? ['bold'] : [],
				angle: 0,
				font_name: 'Sandbox 5x7',
				font_alternatives: ['Press Start 2P', 'Courier New'],
				font_size: block.fontSize,
				line_height: 9 / 7,
				color: block.color,
				role: index === 0 ? 'headline' : 'body',
			})),
		});
	}

	return {
		/** Whether this module answers `method path` (path without the gateway prefix). */
		serves(method, path) {
			return (method === 'POST' && Boolean(ROUTES[path])) || (method === 'GET' && GENERATION_PATH.test(path));
		},
		handle(context) {
			const match = GENERATION_PATH.exec(context.apiPath);
			if (match) return poll(match[1], context);
			return submit(ROUTES[context.apiPath], context);
		},
		submitGeneration,
		reset() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			for (const generation of generations.values()) generation.release();
			generations.clear();
			polls = [];
		},
	};
}

module.exports = { createV2Api, ROUTES, PRESETS, RESOLUTION_V4, UPSCALE_MODELS, exactSizeProblem, isPrivateHost };
