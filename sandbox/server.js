'use strict';
/**
 * A local stand-in for the Ideogram 3.0 API, for tests, the end-to-end suite, the benchmark and `npm start`.
 * It validates requests the way the API documents them, answers in the API's shapes, serves real PNG
 * results from a second port (another origin, like Ideogram's image host), enforces the in-flight image
 * limit, and can be told to misbehave. Loopback only. Results and descriptions are derived from what was
 * sent (render.js: an edit repaints the mask's black area, Describe names the real size and colours).
 */
const crypto = require('crypto');
const http = require('http');

const hostile = require('./hostile');
const { makePng, readImageInfo } = require('./png');
const { renderResult, describeImage } = require('./render');
const { createV2Api } = require('./v2');
const prices = require('./prices');
const { createLedger, isMemberKey } = require('./usage');

const ENUMS = {
	rendering_speed: ['FLASH', 'TURBO', 'BALANCED', 'DEFAULT', 'QUALITY'],
	magic_prompt: ['AUTO', 'ON', 'OFF'],
	style_type: ['AUTO', 'GENERAL', 'REALISTIC', 'DESIGN', 'CUSTOM', 'FICTION', 'STYLIZED'],
	aspect_ratio: ['1x3', '3x1', '1x2', '2x1', '9x16', '16x9', '10x16', '16x10', '2x3', '3x2', '3x4', '4x3', '4x5', '5x4', '1x1'],
	describe_model_version: ['V_2', 'V_3', 'CUSTOM'],
	upscale_factor: ['X1', 'X2', 'X4'],
};
const RESOLUTION = /^\d{3,4}x\d{3,4}$/;
const STYLE_PRESET = /^[0-9A-Z_]+$/;
const MAX_FILE = 10 * 1024 * 1024;
// An image part whose header declares more pixels than this is refused before anything decodes it: a few
// hundred KB of PNG can declare a picture that would take gigabytes to decode.
const MAX_DECLARED_PIXELS = 40_000_000;
// A plausible size for each aspect ratio (Ideogram's own pairs).
const ASPECT_SIZES = {
	'1x3': '576x1536', '3x1': '1536x576', '1x2': '704x1408', '2x1': '1408x704', '9x16': '736x1312', '16x9': '1312x736',
	'10x16': '800x1280', '16x10': '1280x800', '2x3': '832x1248', '3x2': '1248x832', '3x4': '864x1152', '4x3': '1152x864',
	'4x5': '896x1120', '5x4': '1120x896', '1x1': '1024x1024',
};

const STYLE_OPTIONS = ['num_images', 'seed', 'rendering_speed', 'style_preset', 'color_palette', 'style_codes'];
// `renders`: what the result shows (render.js): the operation, its input image part and its mask part.
const ENDPOINTS = {
	'/v1/ideogram-v3/edit': { files: ['image', 'mask'], prompt: true, fields: ['magic_prompt', 'style_type', 'custom_model_uri', ...STYLE_OPTIONS], refs: true, characters: true, renders: { operation: 'edit', image: 'image', mask: 'mask' } },
	'/v1/ideogram-v3/remix': { files: ['image'], prompt: true, fields: ['magic_prompt', 'style_type', 'custom_model_uri', 'image_weight', 'resolution', 'aspect_ratio', 'negative_prompt', ...STYLE_OPTIONS], refs: true, characters: true, sized: true, renders: { operation: 'remix', image: 'image' } },
	'/v1/ideogram-v3/replace-background': { files: ['image'], prompt: true, fields: ['magic_prompt', ...STYLE_OPTIONS], refs: true, renders: { operation: 'replaceBackground', image: 'image' } },
	'/v1/ideogram-v3/reframe': { files: ['image'], required: ['resolution'], fields: ['resolution', ...STYLE_OPTIONS], refs: true, renders: { operation: 'reframe', image: 'image' } },
	'/v1/ideogram-v3/generate': { files: [], prompt: true, json: true, fields: ['magic_prompt', 'style_type', 'custom_model_uri', 'resolution', 'aspect_ratio', 'negative_prompt', ...STYLE_OPTIONS], refs: true, characters: true, sized: true, renders: { operation: 'generate' } },
	'/upscale': { files: ['image_file'], required: ['image_request'], fields: ['image_request'], legacy: true, renders: { operation: 'upscale', image: 'image_file' } },
	'/describe': { files: ['image_file'], fields: ['describe_model_version'], describe: true, renders: { image: 'image_file' } },
	// Transparent results (PNG with alpha): `resolution` is the render's size, `upscaled_resolution` the delivered one.
	'/v1/ideogram-v3/generate-transparent': {
		files: [], prompt: true, json: true, transparent: true, sized: true, renders: { operation: 'generateTransparent' },
		fields: ['magic_prompt', 'aspect_ratio', 'rendering_speed', 'negative_prompt', 'num_images', 'seed', 'upscale_factor', 'custom_model_uri', 'enable_copyright_detection'],
		enums: { rendering_speed: ['TURBO', 'DEFAULT', 'QUALITY'] },
	},
};
// What each v1 path bills (prices.js): its product, priced per image by rendering speed unless FLAT has it.
const V1_PRODUCTS = {
	'/v1/ideogram-v3/edit': 'ideogram_v3_edit', '/v1/ideogram-v3/inpaint': 'ideogram_v3_edit', '/v1/ideogram-v3/remix': 'ideogram_v3_remix',
	'/v1/ideogram-v3/replace-background': 'ideogram_v3_replace_background', '/v1/ideogram-v3/reframe': 'ideogram_v3_reframe',
	'/v1/ideogram-v3/generate': 'ideogram_v3_generate', '/v1/ideogram-v3/generate-transparent': 'ideogram_v3_transparent_generation',
	'/upscale': 'ideogram_v3_upscale', '/describe': 'ideogram_v3_describe',
};
ENDPOINTS['/v1/ideogram-v3/inpaint'] = ENDPOINTS['/v1/ideogram-v3/edit'];
const FORBIDDEN_STATUS = { '/v1/ideogram-v3/remix': 403, '/upscale': 403 };
const ERROR_BODIES = {
	402: { error: 'Insufficient funds', reject_reason: 'insufficient_funds' },
	422: { error: 'Prompt provided failed safety check due to the inclusion of prohibited content.' },
	500: { error: 'Internal server error' },
	503: { error: 'Service temporarily unavailable' },
};

class BadRequest extends Error {}

function sha256(bytes) {
	return crypto.createHash('sha256').update(bytes).digest('hex');
}

function readBody(request) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

function send(response, status, body, headers = {}) {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	response.writeHead(status, { 'content-type': 'application/json', ...headers });
	response.end(text);
}

/** { fields, files, uploads }: files is what the request log shows (no bytes); uploads holds the bytes. */
async function parseForm(contentType, body) {
	const fields = {};
	const files = {};
	const uploads = {};
	if (/^application\/json/.test(contentType)) {
		const json = body.length ? JSON.parse(body.toString('utf8')) : {};
		for (const [name, value] of Object.entries(json)) {
			fields[name] = (Array.isArray(value) ? value : [value]).map((entry) => (typeof entry === 'object' ? JSON.stringify(entry) : String(entry)));
		}
		return { fields, files, uploads };
	}
	if (!/^multipart\/form-data/.test(contentType)) throw new BadRequest('Expected multipart/form-data');
	const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string') {
			(fields[name] ??= []).push(value);
			continue;
		}
		const bytes = Buffer.from(await value.arrayBuffer());
		(uploads[name] ??= []).push(bytes);
		const info = readImageInfo(bytes);
		if (info && info.width * info.height > MAX_DECLARED_PIXELS) {
			throw new BadRequest(`${name}: the image declares ${info.width}x${info.height} pixels, over the sandbox's limit of ${MAX_DECLARED_PIXELS} pixels`);
		}
		(files[name] ??= []).push({
			filename: value.name,
			contentType: value.type,
			size: bytes.length,
			width: info?.width,
			height: info?.height,
			format: info?.format,
			sha256: sha256(bytes),
		});
		// The bytes, for checks that read pixels (sandbox/v2.js); not enumerable, so the request log stays small.
		Object.defineProperty(files[name].at(-1), 'bytes', { value: bytes });
	}
	return { fields, files, uploads };
}

function integer(fields, name, min, max) {
	const value = fields[name]?.[0];
	if (value === undefined) return undefined;
	if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
		throw new BadRequest(`${name} must be an integer from ${min} to ${max}`);
	}
	return Number(value);
}

/** Checks a request as the API does; returns what the answer needs. Throws BadRequest. */
function validate(path, spec, { fields, files }) {
	const allowed = new Set([...spec.fields, 'prompt']);
	const fileFields = new Set([...spec.files, ...(spec.refs ? ['style_reference_images'] : []), ...(spec.characters ? ['character_reference_images', 'character_reference_images_mask'] : [])]);
	for (const name of Object.keys(fields)) {
		// A file part without a filename arrives as text, as it does at the API.
		if (fileFields.has(name)) throw new BadRequest(`${name} must be a file part with a filename`);
		if (!allowed.has(name) || (name === 'prompt' && !spec.prompt && !spec.legacy)) throw new BadRequest(`${name} is not accepted by ${path}`);
	}
	for (const name of Object.keys(files)) if (!fileFields.has(name)) throw new BadRequest(`${name} is not accepted by ${path}`);
	for (const name of spec.files) if (!files[name]) throw new BadRequest(`${name} is required`);
	if (spec.prompt && !(fields.prompt?.[0] ?? '').trim()) throw new BadRequest('prompt is required');
	for (const name of spec.required ?? []) if (!fields[name]) throw new BadRequest(`${name} is required`);
	for (const [name, list] of Object.entries(files)) {
		for (const file of list) {
			if (!file.filename) throw new BadRequest(`${name}: file part has no filename`);
			if (!file.format) throw new BadRequest(`${name}: only JPEG, PNG and WebP images are supported`);
			if (file.size > MAX_FILE) throw new BadRequest(`${name}: max size is 10MB`);
		}
	}
	if (files.mask && (files.mask[0].width !== files.image[0].width || files.mask[0].height !== files.image[0].height)) {
		throw new BadRequest('mask must have the same dimensions as image');
	}
	const masks = files.character_reference_images_mask ?? [];
	if (masks.length && masks.length !== (files.character_reference_images ?? []).length) {
		throw new BadRequest('character_reference_images_mask must match the number of character_reference_images');
	}
	for (const [name, values] of Object.entries({ ...ENUMS, ...spec.enums })) {
		for (const value of fields[name] ?? []) if (!values.includes(value)) throw new BadRequest(`${name}: invalid value ${value}`);
	}
	for (const value of fields.enable_copyright_detection ?? []) if (value !== 'true' && value !== 'false') throw new BadRequest('enable_copyright_detection must be true or false');
	for (const value of fields.resolution ?? []) if (!RESOLUTION.test(value)) throw new BadRequest(`resolution: invalid value ${value}`);
	for (const value of fields.style_preset ?? []) if (!STYLE_PRESET.test(value)) throw new BadRequest(`style_preset: invalid value ${value}`);
	if (fields.aspect_ratio && fields.resolution) throw new BadRequest('aspect_ratio cannot be used with resolution');
	for (const code of fields.style_codes ?? []) if (!/^[0-9a-fA-F]{8}$/.test(code)) throw new BadRequest(`style_codes: invalid code ${code}`);
	if (fields.style_codes && (fields.style_type || files.style_reference_images)) {
		throw new BadRequest('style_codes cannot be used with style_type or style_reference_images');
	}
	if (fields.color_palette) {
		let palette;
		try {
			palette = JSON.parse(fields.color_palette[0]);
		} catch {
			throw new BadRequest('color_palette must be JSON');
		}
		const members = palette.members;
		const valid = typeof palette.name === 'string'
			? !members
			: Array.isArray(members) && members.length >= 1 && members.length <= 8 && members.every((member) => /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(member.color_hex));
		if (!valid) throw new BadRequest('color_palette must be {name} or {members: [{color_hex, color_weight}]} with 1 to 8 members');
	}
	integer(fields, 'image_weight', 1, 100);
	let request = {};
	if (spec.legacy) {
		try {
			request = JSON.parse(fields.image_request[0]);
		} catch {
			throw new BadRequest('image_request must be JSON');
		}
		for (const name of ['resemblance', 'detail']) {
			if (request[name] !== undefined && !(Number.isInteger(request[name]) && request[name] >= 1 && request[name] <= 100)) throw new BadRequest(`image_request.${name} must be 1 to 100`);
		}
	}
	const count = spec.legacy ? (request.num_images ?? 1) : (integer(fields, 'num_images', 1, 8) ?? 1);
	if (!(Number.isInteger(count) && count >= 1 && count <= 8)) throw new BadRequest('num_images must be 1 to 8');
	const seed = spec.legacy ? request.seed : integer(fields, 'seed', 0, 2147483647);
	let resolution = fields.resolution?.[0];
	if (!resolution && spec.sized) resolution = ASPECT_SIZES[fields.aspect_ratio?.[0] ?? '1x1'];
	if (!resolution && files.image) resolution = `${files.image[0].width}x${files.image[0].height}`;
	if (!resolution && files.image_file) {
		const image = files.image_file[0];
		resolution = `${image.width * 2}x${image.height * 2}`;
	}
	resolution ??= '1024x1024';
	const checked = { count, seed, resolution, prompt: fields.prompt?.[0] ?? request.prompt ?? '', imageWeight: integer(fields, 'image_weight', 1, 100) };
	if (spec.transparent) {
		const factor = Number((fields.upscale_factor?.[0] ?? 'X1').slice(1));
		checked.upscaledResolution = resolution.split('x').map((side) => Number(side) * factor).join('x');
	}
	return checked;
}

/** What a v1 request costs (prices.js): per image by rendering speed, or the product's flat price. */
function v1Charge(path, checked, fields) {
	const product = V1_PRODUCTS[path];
	if (prices.FLAT[product] !== undefined) return prices.flat(product, path === '/describe' ? 1 : checked.count);
	const speed = fields.rendering_speed?.[0] ?? 'DEFAULT';
	if (product === 'ideogram_v3_transparent_generation') {
		const factor = fields.upscale_factor?.[0] ?? 'X1';
		return prices.perUnit(product, checked.count, prices.PER_IMAGE.ideogram_3_transparent[speed] + prices.TRANSPARENT_3_UPSCALE[factor], { rendering_speed: speed, upscale_factor: factor });
	}
	return prices.perUnit(product, checked.count, prices.PER_IMAGE.ideogram_3[speed], { rendering_speed: speed });
}

/**
 * Results by what determines them (operation, input bytes, prompt, size, image weight), so identical requests
 * (the benchmark sends 24 of one photo) render once; at most MAX entries, oldest dropped first. Holds the
 * promise, so concurrent identical requests share one render.
 */
function resultCache(max = 32) {
	const entries = new Map();
	/** The result for `key` (everything that decides it, files by their hashes), made once by `produce`. */
	function render(key, produce) {
		const id = sha256(JSON.stringify(key));
		if (!entries.has(id)) {
			entries.set(id, produce());
			if (entries.size > max) entries.delete(entries.keys().next().value);
		}
		return entries.get(id);
	}
	return {
		render,
		get(spec, checked, { files, uploads }) {
			const renders = spec.renders ?? { operation: spec.files.length ? 'remix' : 'generate', image: spec.files[0] };
			const image = renders.image ? uploads[renders.image]?.[0] : undefined;
			const mask = renders.mask ? uploads[renders.mask]?.[0] : undefined;
			const [width, height] = (checked.upscaledResolution ?? checked.resolution).split('x').map(Number);
			const job = { operation: spec.describe ? 'describe' : renders.operation, image, mask, prompt: checked.prompt, width, height, imageWeight: checked.imageWeight };
			// The parts' hashes are in the request log already.
			const key = { ...job, image: image && files[renders.image][0].sha256, mask: mask && files[renders.mask][0].sha256 };
			return render(key, () => (spec.describe ? describeImage(image ?? Buffer.alloc(0)) : renderResult(job)));
		},
	};
}

async function startSandbox(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const apiKey = options.apiKey ?? 'sandbox-key';
	const inflightLimit = options.inflightLimit ?? 10;
	let latency = options.latencyMs ?? 0;
	let requests = [];
	let imageRequests = [];
	let faults = [];
	let accepted = 0;
	const inflight = new Map();
	const images = new Map();
	const tasks = new Map();
	const files = new Map();
	const rendered = new Map();
	const hostileStats = hostile.createStats();
	const results = resultCache();
	const ledger = createLedger();
	let apiUrl;
	let imageUrl;
	const v2 = createV2Api({
		apiKey, inflightLimit, inflight, parseForm, imageLink, takeFault, errorBodies: ERROR_BODIES, asyncMs: options.asyncMs,
		isBadRequest: (error) => error instanceof BadRequest,
		render: results.render,
		bill: ledger.bill,
		serveFile: (name, bytes, type) => sandbox.serveFile(name, bytes, type),
		acceptRequest: () => ((accepted += 1), nextLatency()),
	});

	/** Fixed latency, or [min, max] spread evenly: accepted request k waits min + (max-min) * ((7k) mod 24) / 23. */
	function nextLatency() {
		if (!Array.isArray(latency)) return latency;
		const [min, max] = latency;
		return min + ((max - min) * ((7 * accepted) % 24)) / 23;
	}

	function takeFault() {
		const fault = faults[0];
		if (!fault) return undefined;
		if (fault.times > 1) fault.times -= 1;
		else faults.shift();
		return fault;
	}

	/** A result URL on the image port; `png` is the rendered result (else a flat PNG of the resolution). */
	function imageLink(resolution, fault, png) {
		const id = crypto.randomBytes(8).toString('hex');
		images.set(id, { resolution, fault, png });
		return `${imageUrl}/images/${id}.png?exp=${Math.floor(Date.now() / 1000) + 86400}&sig=${crypto.randomBytes(8).toString('hex')}`;
	}

	/** { style, ok, key }: the sandbox's key, or an organisation member's (usage.js's `non-admin…`), is valid. */
	function authOf(request, path) {
		const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
		const valid = (key) => key === apiKey || isMemberKey(key);
		if (request.headers['api-key'] !== undefined) return { style: 'apiKey', ok: valid(request.headers['api-key']), key: request.headers['api-key'] };
		if (bearer && path.startsWith('/ideogram/')) return { style: 'bearer', ok: valid(bearer[1]), key: bearer[1] };
		return { style: bearer ? 'bearer' : 'none', ok: false };
	}

	async function handleApi(request, response) {
		const startedAt = Date.now();
		const url = new URL(request.url, 'http://sandbox');
		const path = url.pathname;
		const body = await readBody(request);
		if (path.startsWith('/__sandbox/')) return control(path, request.method, body, response);

		const entry = { method: request.method, path, auth: 'none', headers: request.headers, fields: {}, files: {}, status: 0, startedAt, answeredAt: 0 };
		requests.push(entry);
		const answer = (status, payload, headers) => {
			entry.status = status;
			entry.answeredAt = Date.now();
			send(response, status, payload, headers);
		};
		const auth = authOf(request, path);
		entry.auth = auth.style;
		const apiPath = path.replace(/^\/ideogram(?=\/)/, '');

		const taskMatch = /^\/v1\/tasks\/([\w-]+)$/.exec(apiPath);
		if (request.method === 'GET' && taskMatch) {
			if (!auth.ok) return answer(401, { error: 'Invalid API key' });
			const task = tasks.get(taskMatch[1]);
			if (!task) return answer(404, { error: 'No such task' });
			task.polls += 1;
			const status = task.polls < task.until ? 'processing' : task.fail ? 'failed' : 'succeed';
			const data = { task_id: taskMatch[1], task_status: status };
			if (status === 'failed') data.task_status_msg = 'upstream failed';
			if (status === 'succeed') data.task_result = { images: task.images.map((url) => ({ url })) };
			return answer(200, { code: 0, message: 'SUCCEED', request_id: taskMatch[1], data });
		}

		if (request.method === 'GET' && apiPath === '/v2/account/usage') {
			if (!auth.ok) return answer(401, { error: 'Invalid API key' });
			entry.query = Object.fromEntries(url.searchParams);
			const { status, body: usage } = ledger.report(url, auth.key);
			return answer(status, usage);
		}
		if (v2.serves(request.method, apiPath)) return v2.handle({ request, response, url, apiPath, body, entry, answer, auth });
		const spec = ENDPOINTS[apiPath];
		if (!spec || request.method !== 'POST') return answer(404, { error: `No route ${request.method} ${path}` });
		if (!auth.ok) return answer(FORBIDDEN_STATUS[apiPath] ?? 401, { error: 'Invalid API key' });
		entry.query = Object.fromEntries(url.searchParams);
		// No v1 path declares dry_run: a client that sends one would be billed by a server that ignores it.
		if (url.searchParams.has('dry_run')) return answer(400, { error: `dry_run is not supported by ${apiPath}` });

		let checked;
		let parsed;
		try {
			parsed = spec.json || !/^application\/json/.test(request.headers['content-type'] ?? '')
				? await parseForm(request.headers['content-type'] ?? '', body)
				: (() => { throw new BadRequest('Expected multipart/form-data'); })();
			entry.fields = parsed.fields;
			entry.files = parsed.files;
			checked = validate(apiPath, spec, parsed);
		} catch (error) {
			if (error instanceof BadRequest || error instanceof SyntaxError || error instanceof TypeError) return answer(400, { error: error.message });
			throw error;
		}

		const key = apiKey;
		const busy = inflight.get(key) ?? 0;
		if (busy + checked.count > inflightLimit) {
			return answer(429, { error: 'Too many requests in flight', reject_reason: 'inflight_limit', max_inflight_requests: inflightLimit }, { 'retry-after': '1' });
		}
		const fault = takeFault();
		const record = (status) => Object.assign(entry, { status, answeredAt: Date.now() });
		if (fault?.hostile && hostile.answerApi(fault, { request, response, imageUrl, record, stats: hostileStats })) return undefined;
		if (fault?.status === 429) {
			return answer(429, fault.body ?? { error: 'Too many requests in flight', reject_reason: 'inflight_limit' }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
		}
		inflight.set(key, busy + checked.count);
		accepted += 1;
		const wait = fault?.latencyMs ?? nextLatency();
		// Rendered while the latency runs (so it costs no extra time), once per request, and reused for
		// identical requests; not for answers that carry no image.
		let result;
		try {
			const waited = wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait).unref()) : undefined;
			if (!fault?.status && !fault?.html && !fault?.truncatedJson) result = await results.get(spec, checked, parsed);
			await waited;
		} finally {
			inflight.set(key, (inflight.get(key) ?? checked.count) - checked.count);
		}
		if (response.destroyed) {
			entry.status = 499;
			return undefined;
		}
		if (fault?.status) return answer(fault.status, fault.body ?? ERROR_BODIES[fault.status] ?? { error: `HTTP ${fault.status}` }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
		if (fault?.html) {
			entry.status = 502;
			response.writeHead(502, { 'content-type': 'text/html' });
			return response.end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
		}
		const charge = v1Charge(apiPath, checked, entry.fields);
		if (spec.describe) {
			ledger.bill(charge, { endpoint: apiPath, key: auth.key });
			return answer(200, { descriptions: [{ text: result }] });
		}

		const withheld = fault?.withheld;
		const data = Array.from({ length: checked.count }, (_, index) => {
			const safe = !(withheld === true || (Array.isArray(withheld) && withheld.includes(index)));
			return {
				url: safe ? imageLink(checked.resolution, fault?.imageFault, result) : null,
				prompt: checked.prompt ? `${checked.prompt}, in crisp detail` : '',
				resolution: checked.resolution,
				is_image_safe: safe,
				seed: checked.seed !== undefined ? checked.seed + index : crypto.randomInt(0, 2147483647),
				style_type: entry.fields.style_type?.[0] ?? 'GENERAL',
				...(checked.upscaledResolution ? { upscaled_resolution: checked.upscaledResolution } : {}),
			};
		});
		if (!fault?.task && !fault?.generation?.fail) ledger.bill(charge, { endpoint: apiPath, key: auth.key });
		if (fault?.generation) return answer(200, v2.submitGeneration(data, fault.generation, checked.count));
		if (fault?.task) {
			const id = crypto.randomBytes(6).toString('hex');
			tasks.set(id, { polls: 0, until: fault.task.polls ?? 1, fail: Boolean(fault.task.fail), images: data.map((image) => image.url) });
			const now = Date.now();
			return answer(200, { code: 0, message: 'SUCCEED', request_id: id, data: { task_id: id, task_status: 'submitted', created_at: now, updated_at: now } });
		}
		const payload = { created: new Date().toISOString().replace('Z', '+00:00'), data };
		const headers = {};
		if (apiPath === '/v1/ideogram-v3/edit') {
			payload.notice = 'This endpoint is deprecated. Use POST /v1/ideogram-v3/inpaint instead.';
			headers.deprecation = '@1777420800';
			headers.link = '<https://developer.ideogram.ai/v2/api-reference/images/inpaint/ideogram-3>; rel="successor-version"';
		}
		if (fault?.truncatedJson) {
			const text = JSON.stringify(payload);
			return answer(200, text.slice(0, Math.floor(text.length / 2)), headers);
		}
		return answer(200, payload, headers);
	}

	function control(path, method, body, response) {
		const json = body.length ? JSON.parse(body.toString('utf8')) : {};
		if (path === '/__sandbox/health') return send(response, 200, { ok: true });
		if (path === '/__sandbox/requests') return send(response, 200, requests);
		if (path === '/__sandbox/image-requests') return send(response, 200, imageRequests);
		if (method === 'POST' && path === '/__sandbox/faults') {
			for (const fault of Array.isArray(json) ? json : [json]) faults.push({ ...fault });
			return send(response, 200, { queued: faults.length });
		}
		if (method === 'POST' && path === '/__sandbox/latency') {
			latency = json.latencyMs ?? 0;
			return send(response, 200, { latencyMs: latency });
		}
		if (method === 'POST' && path === '/__sandbox/reset') {
			sandbox.reset();
			return send(response, 200, { ok: true });
		}
		return send(response, 404, { error: 'unknown control path' });
	}

	function handleImage(request, response) {
		imageRequests.push({ path: request.url, headers: request.headers, startedAt: Date.now() });
		if (hostile.serveImage(request, response, hostileStats)) return undefined;
		const file = files.get(request.url ?? '');
		if (file) {
			response.writeHead(200, { 'content-type': file.contentType });
			return response.end(file.bytes);
		}
		const match = /^\/images\/([0-9a-f]+)\.png/.exec(request.url ?? '');
		const image = match && images.get(match[1]);
		if (!image || (image.fault === 'notFound' && !request.url.includes('redirected'))) {
			response.writeHead(404, { 'content-type': 'text/plain' });
			return response.end('Not found');
		}
		if (image.fault === 'notAnImage') {
			response.writeHead(200, { 'content-type': 'text/html' });
			return response.end('<html><body>Sign in to view this image</body></html>');
		}
		if (image.fault === 'redirectOtherHost' && !request.url.includes('redirected')) {
			const port = new URL(imageUrl).port;
			response.writeHead(302, { location: `http://localhost:${port}/images/${match[1]}.png?redirected=1` });
			return response.end();
		}
		response.writeHead(200, { 'content-type': 'image/png' });
		if (image.png) return response.end(image.png);
		const [width, height] = image.resolution.split('x').map(Number);
		// A link without a rendered result: a flat PNG, rendered once per size (encoding is CPU work the benchmark
		// would otherwise count against the client).
		if (!rendered.has(image.resolution)) rendered.set(image.resolution, makePng(width, height, [40, 160, 90]));
		return response.end(rendered.get(image.resolution));
	}

	const apiServer = http.createServer((request, response) => {
		handleApi(request, response).catch((error) => {
			if (!response.headersSent) send(response, 500, { error: `sandbox failure: ${error.message}` });
		});
	});
	const imageServer = http.createServer(handleImage);
	// Rejects on EADDRINUSE and the like (error.code, error.port), closing what did start, so callers can say why.
	const listen = (server, port) =>
		new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port ?? 0, host, () => {
				server.off('error', reject);
				resolve(server.address().port);
			});
		});
	try {
		apiUrl = `http://${host}:${await listen(apiServer, options.port)}`;
		imageUrl = `http://${host}:${await listen(imageServer, options.imagePort)}`;
	} catch (error) {
		for (const server of [apiServer, imageServer]) if (server.listening) server.close();
		throw error;
	}

	const sandbox = {
		apiUrl,
		imageUrl,
		get requests() {
			return requests;
		},
		get imageRequests() {
			return imageRequests;
		},
		/** What the sandbox has billed (usage.js), oldest first, without keys. */
		get billed() {
			return ledger.records;
		},
		/** What the hostile answers managed to send (sandbox/hostile.js). */
		hostileStats,
		/** Queue a fault for the next request(s): see README.md. */
		queueFault(fault) {
			faults.push({ ...fault });
		},
		/** Serves bytes at `${imageUrl}/files/<name>`, as a CDN holding the user's images would; returns the URL. */
		serveFile(name, bytes, contentType = 'image/png') {
			files.set(`/files/${name}`, { bytes, contentType });
			return `${imageUrl}/files/${name}`;
		},
		setLatency(value) {
			latency = value;
		},
		reset() {
			requests = [];
			imageRequests = [];
			faults = [];
			accepted = 0;
			tasks.clear();
			v2.reset();
			ledger.reset();
		},
		close() {
			for (const server of [apiServer, imageServer]) server.closeAllConnections?.();
			return Promise.all([apiServer, imageServer].map((server) => new Promise((resolve) => server.close(() => resolve()))));
		},
	};
	return sandbox;
}

module.exports = { startSandbox };
