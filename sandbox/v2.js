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

const { maskColours, makeCutoutPng } = require('./pixels');
const { makePng } = require('./png');

const MB = 1024 * 1024;
const MAX_SEED = 2147483647;
const MAX_PROMPT = 10000;
const MAX_PIXELS = 2048 * 2048;
const QUALITY = ['very_low', 'low', 'medium', 'high'];
const MAGIC_PROMPT = ['auto', 'on', 'off'];
// Ideogram 4.0's remix takes `rendering_speed`; its values are not documented, so v1's are used.
const RENDERING_SPEED = ['FLASH', 'TURBO', 'BALANCED', 'DEFAULT', 'QUALITY'];
// Exact sizes 4.5 accepts without source images: the reference's examples and the third-party preset
// list (those that meet the exact-size rules), each both ways round.
const PRESETS = new Set(
	['1024x1024', '2048x2048', '1440x2880', '2496x1664', '2560x1440', '512x1536'].flatMap((size) => [size, size.split('x').reverse().join('x')]),
);
// Sandbox prices in micro-USD per image (Ideogram's quote example: 4.5, medium, auto size = 60000).
const PRICE_2K = { very_low: 15000, low: 30000, medium: 60000, high: 90000 };
const PRICE_1K = { very_low: 10000, low: 20000, medium: 40000, high: 60000 };
const FLAT_PRICE = { ideogram_4_remix: 40000, remove_background: 20000, layerize_text: 30000 };

const ASYNC_FIELDS = ['async', 'webhook_url'];
const V4_FIELDS = ['seed', 'num_images', 'enable_copyright_detection', ...ASYNC_FIELDS];

/** What each route takes. `files`: field → { max, required, maxBytes }. */
const ROUTES = {
	'/v2/image/generate/ideogram-4-5': {
		billing: 'ideogram_4_5_generate', json: true, prompt: true, sizeField: true, defaultQuality: (files) => (files.images ? 'medium' : 'high'),
		fields: ['magic_prompt', 'size', 'quality', ...V4_FIELDS], files: { images: { max: 5 }, mask: { max: 1 } }, quality: QUALITY,
	},
	'/v2/image/precise-edit/ideogram-4-5': {
		billing: 'ideogram_4_5_precise_edit', prompt: true, keepsSize: true, defaultQuality: () => 'medium',
		fields: ['quality', ...V4_FIELDS], files: { image: { max: 1, required: true }, reference_images: { max: 4 }, mask: { max: 1 } }, quality: QUALITY,
	},
	'/v2/image/remix/ideogram-4-5': {
		billing: 'ideogram_4_5_remix', prompt: true, keepsSize: true, defaultQuality: () => 'medium',
		fields: ['magic_prompt', 'quality', 'image_weight', ...V4_FIELDS], files: { image: { max: 1, required: true }, reference_images: { max: 4 } }, quality: ['low', 'medium', 'high'],
	},
	'/v2/image/remix/ideogram-4': {
		billing: 'ideogram_4_remix', prompt: true, keepsSize: true,
		fields: ['rendering_speed', 'image_weight', ...V4_FIELDS], files: { image: { max: 1, required: true } },
	},
	'/v1/remove-background': { v1: true, billing: 'remove_background', fields: [], files: { image: { max: 1, required: true } }, answer: 'removeBackground' },
	'/v1/ideogram-v3/layerize-text': {
		v1: true, billing: 'layerize_text', fields: ['prompt', 'seed'], files: { image: { max: 1, required: true, maxBytes: 10 * MB } }, answer: 'layerize',
	},
};
const GENERATION_PATH = /^\/v2\/generations\/([\w-]+)$/;

class Refusal extends Error {}

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

function integerField(fields, name, min, max) {
	const value = fields[name]?.[0];
	if (value === undefined) return undefined;
	if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new Refusal(`${name} must be an integer from ${min} to ${max}`);
	return Number(value);
}

function booleanField(fields, name) {
	const value = fields[name]?.[0];
	if (value === undefined) return false;
	if (value !== 'true' && value !== 'false') throw new Refusal(`${name} must be true or false`);
	return value === 'true';
}

function enumField(fields, name, values) {
	const value = fields[name]?.[0];
	if (value !== undefined && !values.includes(value)) throw new Refusal(`${name}: invalid value ${value}; expected one of ${values.join(', ')}`);
	return value;
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

/** Checks a request as the reference documents; returns what the answer and a quote need. Throws Refusal. */
function validate(path, route, { fields, files }) {
	const allowed = new Set([...route.fields, ...(route.prompt ? ['prompt'] : [])]);
	for (const name of Object.keys(fields)) {
		if (route.files[name]) throw new Refusal(`${name} must be a file part with a filename`);
		if (!allowed.has(name)) throw new Refusal(`${name} is not accepted by ${path}`);
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
	const prompt = fields.prompt?.[0] ?? '';
	if (route.prompt && !prompt.trim()) throw new Refusal('prompt is required');
	if (prompt.length > MAX_PROMPT) throw new Refusal(`prompt must be at most ${MAX_PROMPT} characters`);

	const seed = integerField(fields, 'seed', 0, MAX_SEED);
	const count = integerField(fields, 'num_images', 1, 8) ?? 1;
	integerField(fields, 'image_weight', 1, 100);
	enumField(fields, 'magic_prompt', MAGIC_PROMPT);
	enumField(fields, 'rendering_speed', RENDERING_SPEED);
	const quality = enumField(fields, 'quality', route.quality ?? []) ?? route.defaultQuality?.(files);
	booleanField(fields, 'enable_copyright_detection');
	const webhookUrl = fields.webhook_url?.[0];
	if (webhookUrl !== undefined) checkWebhookUrl(webhookUrl);
	const isAsync = booleanField(fields, 'async') || webhookUrl !== undefined;

	// The first image is the one edited (generate's `images[0]`, or `image`); its size decides the output's.
	const sources = files.images ?? files.image ?? [];
	for (const [name, list] of Object.entries(files)) if (name !== 'mask' && path.startsWith('/v2/')) for (const file of list) checkAspect(name, file);
	const references = (files.images?.length ?? 1) - 1 + (files.reference_images?.length ?? 0);
	if (files.mask) {
		if (!sources.length) throw new Refusal('mask needs images: it marks the area of the first image to edit');
		checkMask(files.mask[0], sources[0], files.images ? 'the first of images' : 'image');
		if (references > 3) throw new Refusal('a masked request takes at most 3 reference images besides the image it edits');
		if (fields.size) throw new Refusal('size cannot be set with a mask: the output keeps the size of the first image');
	}
	if (quality === 'very_low' && !sources.length) throw new Refusal('quality very_low needs source images');

	let output = sources.length ? withinLimit(sizeOf(sources[0])) : { width: 1024, height: 1024 };
	if (route.sizeField) {
		const size = fields.size?.[0] ?? 'auto';
		if (size === 'source') {
			if (!sources.length) throw new Refusal('size source needs source images');
		} else if (size === 'auto') {
			output = sources.length && !files.mask ? autoSizeFrom(sizeOf(sources[0])) : sources.length ? output : { width: 1536, height: 1536 };
		} else {
			const exact = parseSize(size);
			const problem = exact ? exactSizeProblem(exact) : 'expected auto, source or WIDTHxHEIGHT';
			if (problem) throw new Refusal(`size ${size}: ${problem}`);
			if (!sources.length && !PRESETS.has(size)) throw new Refusal(`size ${size} is not a supported 1K/2K preset (without images an exact size must be a preset)`);
			output = exact;
		}
	}
	const resolution = `${output.width}x${output.height}`;
	const tierPrices = output.width * output.height > 1024 * 1024 ? PRICE_2K : PRICE_1K;
	const unitPrice = FLAT_PRICE[route.billing] ?? tierPrices[quality];
	return {
		count: route.v1 ? 1 : count,
		seed,
		prompt,
		resolution,
		isAsync,
		magicPromptOff: fields.magic_prompt?.[0] === 'off',
		quote: { billing_identifier: route.billing, quantity: route.v1 ? 1 : count, unitPrice },
	};
}

function priceQuote({ billing_identifier, quantity, unitPrice }, qualifier = 'exact') {
	const usdMicros = unitPrice * quantity;
	return {
		object: 'price_quote',
		billing_identifier,
		quantity,
		usd_micros: usdMicros,
		credit_millis: usdMicros / 10,
		qualifier,
		upper_bound_usd_micros: qualifier === 'estimate' ? Math.round(usdMicros * 1.5) : usdMicros,
	};
}

/**
 * @param sandbox what server.js shares: { apiKey, inflightLimit, inflight, parseForm, isBadRequest, errorBodies,
 *   imageLink(resolution, fault), serveFile(name, bytes, type), takeFault(), acceptRequest() → latency ms }
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

	function images(checked, fault) {
		const withheld = fault?.withheld;
		return Array.from({ length: checked.count }, (_, index) => {
			const safe = !(withheld === true || (Array.isArray(withheld) && withheld.includes(index)));
			return {
				prompt: checked.magicPromptOff ? checked.prompt : `${checked.prompt}, in crisp detail`,
				resolution: checked.resolution,
				is_image_safe: safe,
				seed: checked.seed !== undefined ? checked.seed + index : crypto.randomInt(0, MAX_SEED),
				url: safe ? sandbox.imageLink(checked.resolution, fault?.imageFault) : null,
			};
		});
	}

	/**
	 * Registers a generation that renders in the background: `pending` until `pendingMs` have passed and it
	 * has been polled `polls` times (answering pending), then `completed`, or `failed` with `fail` as the
	 * failure_reason. The in-flight places stay taken until then. Returns the async acknowledgement.
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

	function generationBody(generation) {
		const pending = Date.now() < generation.pendingUntil || generation.pollsLeft > 0;
		if (generation.pollsLeft > 0) generation.pollsLeft -= 1;
		const base = { generation_id: generation.id, created: generation.created };
		if (pending) return { ...base, status: 'pending' };
		generation.release();
		if (generation.fail) return { ...base, status: 'failed', failure_reason: generation.fail === true ? 'The generation failed upstream.' : String(generation.fail) };
		const body = { ...base, status: 'completed', response_type: 'url', data: generation.data.map((image) => ({ object_type: 'image', ...image })) };
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
		const body = generationBody(generation);
		return answer(200, body, body.status === 'pending' && generation.retryAfter !== undefined ? { 'retry-after': String(generation.retryAfter) } : {});
	}

	async function submit(route, { request, url, apiPath, body, entry, answer, auth, response }) {
		if (!auth.ok) return answer(401, { error: 'Invalid API key' });
		entry.query = Object.fromEntries(url.searchParams);
		const contentType = request.headers['content-type'] ?? '';
		let checked;
		let dryRun = false;
		try {
			const dryRunValue = url.searchParams.get('dry_run');
			if (dryRunValue !== null) {
				if (route.v1) throw new Refusal(`dry_run is not supported by ${apiPath}`);
				if (dryRunValue !== 'true' && dryRunValue !== 'false') throw new Refusal('dry_run must be true or false');
				dryRun = dryRunValue === 'true';
			}
			if (/^application\/json/.test(contentType) && !route.json) throw new Refusal('Expected multipart/form-data');
			const parsed = await sandbox.parseForm(contentType, body);
			entry.fields = parsed.fields;
			entry.files = parsed.files;
			checked = validate(apiPath, route, parsed);
		} catch (error) {
			if (error instanceof Refusal || sandbox.isBadRequest(error) || error instanceof SyntaxError || error instanceof TypeError) return answer(400, { error: error.message });
			throw error;
		}
		// A quote is priced, never run: no in-flight place, no latency, no fault.
		if (dryRun) return answer(200, priceQuote(checked.quote));

		if (busy() + checked.count > sandbox.inflightLimit) {
			return answer(429, { error: 'Too many requests in flight', reject_reason: 'inflight_limit', max_inflight_requests: sandbox.inflightLimit }, { 'retry-after': '1' });
		}
		const fault = sandbox.takeFault();
		if (fault?.status === 429) {
			return answer(429, fault.body ?? { error: 'Too many requests in flight', reject_reason: 'inflight_limit' }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
		}
		const wait = fault?.latencyMs ?? sandbox.acceptRequest();
		const usdMicros = priceQuote(checked.quote).usd_micros;
		if (!route.v1 && (checked.isAsync || fault?.generation)) {
			const options = { pendingMs: Math.max(wait, sandbox.asyncMs ?? 300), usdMicros, ...fault?.generation };
			return answer(200, submitGeneration(images(checked, fault), options, checked.count));
		}

		const release = hold(checked.count);
		try {
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
		} finally {
			release();
		}
		if (response.destroyed) {
			entry.status = 499;
			return undefined;
		}
		if (fault?.status) return answer(fault.status, fault.body ?? sandbox.errorBodies[fault.status] ?? { error: `HTTP ${fault.status}` }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
		if (route.answer === 'removeBackground') {
			const [width, height] = checked.resolution.split('x').map(Number);
			const link = sandbox.serveFile(`cutout-${crypto.randomBytes(8).toString('hex')}.png`, makeCutoutPng(width, height), 'image/png');
			return answer(200, { created: new Date().toISOString(), data: [{ url: link, resolution: checked.resolution, is_image_safe: true }] });
		}
		if (route.answer === 'layerize') return answer(200, layerize(checked, fault));
		const data = images(checked, fault);
		const id = generationId();
		generations.set(id, { id, created: new Date().toISOString(), data, pendingUntil: 0, pollsLeft: 0, usdMicros, release: () => {} });
		const seed = checked.seed ?? data[0].seed;
		return answer(200, { generation_id: id, seed, data });
	}

	/** `LayerizeTextResponse`: a text-free base image, the original, and positioned text blocks. */
	function layerize(checked, fault) {
		const [width, height] = checked.resolution.split('x').map(Number);
		const name = crypto.randomBytes(8).toString('hex');
		const original = fault?.noOriginal ? null : sandbox.serveFile(`original-${name}.png`, makePng(width, height, [230, 230, 230]), 'image/png');
		const block = (text, top, role, fontSize) => ({
			x: Math.round(width * 0.1),
			y: Math.round(height * top),
			width: Math.round(width * 0.8),
			height: Math.round(height * 0.15),
			text,
			alignment: 'center',
			formatting: role === 'headline' ? ['bold'] : [],
			angle: 0,
			font_name: 'Inter',
			font_alternatives: ['Roboto', 'Helvetica'],
			font_size: fontSize,
			line_height: 1.2,
			color: '#1a1a1a',
			role,
		});
		return {
			base_image_url: sandbox.imageLink(checked.resolution, fault?.imageFault),
			original_image_url: original,
			seed: checked.seed ?? crypto.randomInt(0, MAX_SEED),
			text_blocks: [block('SUMMER SALE', 0.1, 'headline', 48), block('Everything must go\nthis weekend only', 0.7, 'body', 18)],
		};
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

module.exports = { createV2Api, ROUTES, PRESETS, exactSizeProblem, isPrivateHost };
