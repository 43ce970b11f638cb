'use strict';
/**
 * What the end-to-end suite runs in a real n8n and what it asserts. Each case names a workflow file, the
 * sandbox its credential points at (each case gets its own, so faults and request counts are its own), the
 * faults to queue, and checks. `dev/e2e.js` runs every workflow in one n8n process and calls the checks.
 *
 * A check receives `c`:
 *   c.status                 the execution's status ('success' | 'error' | ...)
 *   c.runError               the execution-level error, if any
 *   c.items(node)            the node's output items (first run, main output 0)
 *   c.nodeRun(node)          the node's first run (with .error when it failed)
 *   c.n8nLog()               what n8n printed (local only: with --n8n-url the check is skipped)
 *   c.sandbox                the sandbox: .requests (see sandbox/README.md), .imageRequests
 *   c.image(binary)          a stored binary (from n8n's filesystem store, or over REST with --n8n-url):
 *                            {path (local only), data (the bytes), bytes (their count), info: {format, width, height}}
 *   c.nodeRuns(node)         all of the node's runs (a tool runs once per call of the agent)
 *   c.model                  the case's mock OpenAI model (cases with `openAi`): .completions, the chat
 *                            completion requests it received ({ body, reply }), see dev/lib/mock-openai.js
 *   c.served                 files the case's sandbox served for its workflow's placeholder URLs:
 *                            {[placeholder]: {url, path, name, bytes, sha256}} (see URL_IMAGES in fixtures.js)
 *   c.eq(actual, expected, what), c.ok(condition, what), c.match(text, regex, what)
 */
const fs = require('fs');
const path = require('path');

const {
	REMIX_STYLES,
	BATCH,
	GENERATE,
	DESCRIBE,
	EDIT_FROM_URLS,
	LAYERIZE_TEXT,
	REMOVE_BACKGROUND,
	PRECISE_EDIT,
	COST_ESTIMATE,
	V2_E2E,
	AGENT_TOOL,
	NIGHTLY_BATCH,
} = require('../../samples/workflow-inputs');

/**
 * Every output item of an image operation: its binary is a stored PNG of the reported resolution. v2 answers
 * (4.x models) carry a generation_id instead of v1's created.
 */
function assertImages(c, items, { field = 'data', width, height, v2 = false } = {}) {
	c.ok(items.length > 0, 'the node output items');
	for (const [index, item] of items.entries()) {
		const binary = item.binary?.[field];
		c.ok(binary, `item ${index} has binary "${field}"`);
		c.match(binary.id ?? '', /^filesystem-v2:/, `item ${index} binary is in the filesystem store`);
		c.eq(binary.mimeType, 'image/png', `item ${index} mimeType`);
		const image = c.image(binary);
		c.eq(image.info?.format, 'png', `item ${index} stored file is a PNG`);
		c.eq(image.bytes, binary.bytes, `item ${index} stored size matches the metadata`);
		const [w, h] = String(item.json.resolution).split('x').map(Number);
		c.eq([image.info.width, image.info.height], [width ?? w, height ?? h], `item ${index} PNG size`);
		c.ok(typeof item.json.url === 'string' && item.json.url.startsWith('http://127.0.0.1:'), `item ${index} json.url`);
		c.eq(item.json.is_image_safe, true, `item ${index} is_image_safe`);
		if (v2) c.ok(typeof item.json.generation_id === 'string' && item.json.generation_id !== '', `item ${index} json.generation_id`);
		else c.ok(typeof item.json.created === 'string', `item ${index} json.created`);
		c.ok(Number.isInteger(item.json.seed), `item ${index} json.seed`);
	}
}

function fileOf(request, name) {
	return request.files?.[name]?.[0];
}

/** Requests to an API path, optionally only those whose `image` part has this file name. */
function requestsTo(c, path, imageName) {
	return c.sandbox.requests.filter((r) => r.path === path && (!imageName || fileOf(r, 'image')?.filename === imageName));
}

/** Downloads from the image port must never carry the Ideogram key (input URLs and result links alike). */
function assertNoCredentialHeaders(c, imageRequests) {
	for (const request of imageRequests) {
		c.eq(request.headers['api-key'], undefined, `${request.path}: Api-Key header`);
		c.eq(request.headers.authorization, undefined, `${request.path}: Authorization header`);
	}
}

/** Downloads of the result links in these items' json.url, as the image port logged them. */
function resultDownloads(c, items) {
	const wanted = new Set(items.map((item) => new URL(item.json.url).pathname));
	return c.sandbox.imageRequests.filter((r) => wanted.has(new URL(r.path, 'http://x').pathname));
}

const cases = [
	{
		name: 'example edit-with-mask',
		file: 'examples/edit-with-mask.json',
		sandbox: 'examples',
		checks: {
			'runs successfully in n8n (the community package loaded)': (c) => {
				c.eq(c.status, 'success', 'execution status');
				c.ok(c.nodeRun('Edit with mask'), 'the Ideogram node ran');
			},
			'sends one multipart inpaint request with image and mask': (c) => {
				// The examples share one sandbox: edit-from-urls also edits, with kettle.png.
				const requests = requestsTo(c, '/v1/ideogram-v3/inpaint', 'mug.png');
				c.eq(requests.length, 1, 'edit requests');
				const [request] = requests;
				c.eq(request.status, 200, 'sandbox answer');
				c.eq(request.auth, 'apiKey', 'auth style');
				c.match(request.headers['content-type'], /^multipart\/form-data; boundary=/, 'content-type');
				const image = fileOf(request, 'image');
				const mask = fileOf(request, 'mask');
				c.eq([image.filename, image.contentType, image.width, image.height], ['mug.png', 'image/png', 640, 480], 'image part');
				c.eq([mask.filename, mask.contentType, mask.width, mask.height], ['mug-mask.png', 'image/png', 640, 480], 'mask part');
				c.eq(request.fields.prompt, ['A curl of steam rising from the mug, soft studio light'], 'prompt');
				c.eq(request.fields.num_images, ['2'], 'num_images');
				c.eq(request.fields.seed, ['1234'], 'seed');
				c.eq(request.fields.rendering_speed, ['TURBO'], 'rendering_speed');
				c.eq(request.fields.magic_prompt, ['OFF'], 'magic_prompt');
			},
			'outputs two edited PNGs of the photo size, paired with the input': (c) => {
				const items = c.items('Edit with mask');
				c.eq(items.length, 2, 'output items');
				assertImages(c, items, { width: 640, height: 480 });
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 0 }], 'pairedItem');
				c.eq(items.map((item) => item.json.seed), [1234, 1235], 'seeds');
				c.ok(items.every((item) => !('notice' in item.json)), 'no deprecation notice: the example uses the current Inpaint path');
				const downloaded = new Set(c.sandbox.imageRequests.map((r) => r.path));
				c.ok(items.every((item) => downloaded.has(new URL(item.json.url).pathname + new URL(item.json.url).search)), 'each result URL was downloaded by n8n');
			},
		},
	},
	{
		name: 'example remix-three-styles',
		file: 'examples/remix-three-styles.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends one remix request per style with its preset and prompt': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.path === '/v1/ideogram-v3/remix');
				c.eq(requests.length, 3, 'remix requests');
				const sent = requests.map((r) => [r.fields.style_preset?.[0], r.fields.prompt?.[0]]).sort();
				c.eq(sent, REMIX_STYLES.map((s) => [s.stylePreset, s.prompt]).sort(), 'presets and prompts');
				for (const request of requests) {
					c.eq(request.fields.image_weight, ['70'], 'image_weight');
					c.eq(request.fields.aspect_ratio, ['16x9'], 'aspect_ratio');
					c.eq(Object.keys(request.files), ['image'], 'file parts');
					c.eq([fileOf(request, 'image').width, fileOf(request, 'image').height], [640, 480], 'image size');
				}
			},
			'outputs one 16:9 PNG per style, in input order': (c) => {
				const items = c.items('Remix');
				c.eq(items.length, 3, 'output items');
				assertImages(c, items, { width: 1312, height: 736 });
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }], 'pairedItem');
				c.eq(items.map((item) => item.json.prompt), REMIX_STYLES.map((s) => `${s.prompt}, in crisp detail`), 'outputs follow the input order');
			},
		},
	},
	{
		name: 'example replace-background-batch',
		file: 'examples/replace-background-batch.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends each photo with its own size and name': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.path === '/v1/ideogram-v3/replace-background');
				c.eq(requests.length, 3, 'replace-background requests');
				const sent = requests.map((r) => [fileOf(r, 'image').filename, fileOf(r, 'image').width, fileOf(r, 'image').height]).sort();
				c.eq(sent, BATCH.map((b) => [b.name, b.width, b.height]).sort(), 'image parts');
				for (const request of requests) c.eq(request.fields.prompt, ['On a white marble kitchen counter in soft morning light'], 'prompt');
			},
			'outputs one PNG per photo, each the size of its input': (c) => {
				const items = c.items('Replace background');
				c.eq(items.length, 3, 'output items');
				assertImages(c, items);
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }], 'pairedItem');
				c.eq(items.map((item) => item.json.resolution), BATCH.map((b) => `${b.width}x${b.height}`), 'resolution follows each input');
			},
		},
	},
	{
		name: 'example reframe-to-landscape',
		file: 'examples/reframe-to-landscape.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends the square image with resolution 1312x736': (c) => {
				const requests = requestsTo(c, '/v1/ideogram-v3/reframe');
				c.eq(requests.length, 1, 'reframe requests');
				const [request] = requests;
				c.eq([request.status, request.auth], [200, 'apiKey'], 'answer and auth');
				const image = fileOf(request, 'image');
				c.eq([image.filename, image.contentType, image.width, image.height], ['vase-square.png', 'image/png', 512, 512], 'image part');
				c.eq(Object.keys(request.files), ['image'], 'file parts');
				c.eq(request.fields, { resolution: ['1312x736'], seed: ['42'], rendering_speed: ['TURBO'] }, 'text fields (no prompt)');
			},
			'outputs one 1312x736 PNG paired with the square input': (c) => {
				const items = c.items('Reframe');
				c.eq(items.length, 1, 'output items');
				assertImages(c, items, { width: 1312, height: 736 });
				c.eq(items[0].pairedItem, { item: 0 }, 'pairedItem');
				c.eq(items[0].json.seed, 42, 'seed');
				assertNoCredentialHeaders(c, resultDownloads(c, items));
			},
		},
	},
	{
		name: 'example generate-text-to-image',
		file: 'examples/generate-text-to-image.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends the prompt, two images, 16:9 and the style preset, no files': (c) => {
				const requests = requestsTo(c, '/v1/ideogram-v3/generate');
				c.eq(requests.length, 1, 'generate requests');
				const [request] = requests;
				c.eq(request.status, 200, 'sandbox answer');
				c.eq(request.files, {}, 'file parts');
				c.eq(request.fields.prompt, [GENERATE.prompt], 'prompt');
				c.eq(request.fields.num_images, [String(GENERATE.numImages)], 'num_images');
				c.eq(request.fields.aspect_ratio, [GENERATE.aspectRatio], 'aspect_ratio');
				c.eq(request.fields.style_preset, [GENERATE.stylePreset], 'style_preset');
				c.eq(request.fields.negative_prompt, [GENERATE.negativePrompt], 'negative_prompt');
				c.eq(request.fields.resolution, undefined, 'no resolution next to the aspect ratio');
			},
			'outputs two 1312x736 PNGs, both paired with the trigger item': (c) => {
				const items = c.items('Generate');
				c.eq(items.length, 2, 'output items');
				assertImages(c, items, { width: 1312, height: 736 });
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 0 }], 'pairedItem');
				c.eq(items.map((item) => item.json.prompt), [`${GENERATE.prompt}, in crisp detail`, `${GENERATE.prompt}, in crisp detail`], 'prompt as answered');
				c.ok(items[0].binary.data.id !== items[1].binary.data.id, 'two separate binaries');
			},
		},
	},
	{
		name: 'example upscale',
		file: 'examples/upscale.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends image_file and the image_request JSON': (c) => {
				const requests = requestsTo(c, '/upscale');
				c.eq(requests.length, 1, 'upscale requests');
				const [request] = requests;
				const image = fileOf(request, 'image_file');
				c.eq([image.filename, image.width, image.height], ['mug-small.png', 320, 240], 'image_file part');
				c.eq(Object.keys(request.fields), ['image_request'], 'only image_request as text');
				c.eq(JSON.parse(request.fields.image_request[0]), { prompt: 'A glossy ceramic mug, studio product photo', resemblance: 70, detail: 60, seed: 7 }, 'image_request');
			},
			'outputs one PNG at twice the size': (c) => {
				const items = c.items('Upscale');
				c.eq(items.length, 1, 'output items');
				assertImages(c, items, { width: 640, height: 480 });
				c.eq(items[0].pairedItem, { item: 0 }, 'pairedItem');
			},
		},
	},
	{
		name: 'example describe',
		file: 'examples/describe.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends each photo as image_file with the model version': (c) => {
				const requests = requestsTo(c, '/describe');
				c.eq(requests.length, 2, 'describe requests');
				const sent = requests.map((r) => [fileOf(r, 'image_file').filename, fileOf(r, 'image_file').width, fileOf(r, 'image_file').height]).sort();
				c.eq(sent, DESCRIBE.map((d) => [d.name, d.width, d.height]).sort(), 'image_file parts');
				for (const request of requests) c.eq(request.fields, { describe_model_version: ['V_3'] }, 'text fields');
			},
			'outputs one item of descriptions per photo, paired, no binary': (c) => {
				const items = c.items('Describe');
				c.eq(items.length, 2, 'output items');
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }], 'pairedItem');
				for (const item of items) {
					c.ok(!item.binary, 'no binary');
					c.ok(Array.isArray(item.json.descriptions) && item.json.descriptions.length > 0, 'descriptions');
					c.match(item.json.descriptions[0].text, /\w/, 'description text');
				}
			},
		},
	},
	{
		name: 'example edit-from-urls',
		file: 'examples/edit-from-urls.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'downloads image and mask once each, without the Ideogram key': (c) => {
				const served = Object.values(c.served);
				c.eq(served.map((file) => file.name).sort(), ['kettle-mask.png', 'kettle.png'], 'served placeholder files');
				const downloads = c.sandbox.imageRequests.filter((r) => r.path.startsWith('/files/kettle'));
				c.eq(downloads.map((r) => r.path).sort(), ['/files/kettle-mask.png', '/files/kettle.png'], 'downloads of the input URLs');
				assertNoCredentialHeaders(c, downloads);
			},
			'sends the downloaded bytes as image and mask to /edit': (c) => {
				const requests = requestsTo(c, '/v1/ideogram-v3/inpaint', 'kettle.png');
				c.eq(requests.length, 1, 'edit requests with kettle.png');
				const [request] = requests;
				c.eq([request.status, request.auth], [200, 'apiKey'], 'answer and auth');
				const image = fileOf(request, 'image');
				const mask = fileOf(request, 'mask');
				const byName = Object.fromEntries(Object.values(c.served).map((file) => [file.name, file]));
				c.eq([image.contentType, image.width, image.height, image.sha256], ['image/png', 600, 400, byName['kettle.png'].sha256], 'image part = the bytes at imageUrl');
				c.eq([mask.filename, mask.contentType, mask.width, mask.height, mask.sha256], ['kettle-mask.png', 'image/png', 600, 400, byName['kettle-mask.png'].sha256], 'mask part = the bytes at maskUrl');
				c.eq(request.fields.prompt, [EDIT_FROM_URLS.prompt], 'prompt from the item');
				c.eq([request.fields.seed, request.fields.magic_prompt], [['99'], ['OFF']], 'options');
			},
			'outputs one edited PNG of the image size, paired with the input': (c) => {
				const items = c.items('Edit from URLs');
				c.eq(items.length, 1, 'output items');
				assertImages(c, items, { width: 600, height: 400 });
				c.eq(items[0].pairedItem, { item: 0 }, 'pairedItem');
				assertNoCredentialHeaders(c, resultDownloads(c, items));
			},
		},
	},
	{
		name: 'validation errors (continue on fail)',
		file: 'samples/workflows/validation-continue.json',
		sandbox: 'validation',
		checks: {
			'the execution succeeds with one error item per bad input': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const items = c.items('Ideogram');
				c.eq(items.length, 3, 'output items');
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }], 'pairedItem');
				c.ok(items.every((item) => !item.binary), 'no binary on error items');
			},
			'mask of another size is refused': (c) => {
				c.match(c.items('Ideogram')[0].json.error, /Input Mask Field: the mask is 32×32 but the image is 64×64; they must be the same size/, 'error');
			},
			'a file that is not an image is refused': (c) => {
				c.match(c.items('Ideogram')[1].json.error, /Input Image Field: binary field "data" is not a JPEG, PNG or WebP image/, 'error');
			},
			'a missing binary field is refused': (c) => {
				const json = c.items('Ideogram')[2].json;
				c.match(json.error, /Input Image Field: the input item has no binary field "data"/, 'error');
				c.match(json.description ?? '', /picture/, 'description names the fields that exist');
			},
			'nothing reached the API': (c) => c.eq(c.sandbox.requests.length, 0, 'requests'),
		},
	},
	{
		name: 'validation error without continue on fail',
		file: 'samples/workflows/validation-hard-fail.json',
		sandbox: 'validation',
		checks: {
			'the execution fails on the Ideogram node with the mask message': (c) => {
				c.eq(c.status, 'error', 'execution status');
				const error = c.nodeRun('Ideogram')?.error ?? c.runError;
				c.match(error?.message ?? '', /Input Mask Field: the mask is 32×32 but the image is 64×64/, 'error message');
				c.match(error?.description ?? '', /Make the mask exactly as wide and as tall as the image/, 'error description');
				c.eq(error?.node?.type ?? error?.node, error?.node?.type ? 'n8n-nodes-ideogram.ideogram' : error?.node, 'failing node type');
			},
			'nothing reached the API': (c) => c.eq(c.sandbox.requests.length, 0, 'requests'),
		},
	},
	{
		name: 'continue on fail with one bad item',
		file: 'samples/workflows/continue-on-fail-mixed.json',
		sandbox: 'mixed',
		checks: {
			'good items succeed, the bad one becomes an error item, order and pairing kept': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const items = c.items('Ideogram');
				c.eq(items.length, 3, 'output items');
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }], 'pairedItem');
				assertImages(c, [items[0], items[2]], { width: 1024, height: 1024 });
				c.match(items[1].json.error ?? '', /has no binary field "data"/, 'middle item error');
				c.eq([items[0].json.prompt, items[2].json.prompt], ['Remix number 0, in crisp detail', 'Remix number 2, in crisp detail'], 'prompts per item');
			},
			'only the two good items were sent': (c) => {
				c.eq(c.sandbox.requests.length, 2, 'requests');
				c.eq(c.sandbox.requests.map((r) => fileOf(r, 'image').filename).sort(), ['first.png', 'third.png'], 'files sent');
			},
		},
	},
	{
		name: '422 safety refusal',
		file: 'samples/workflows/safety-422.json',
		sandbox: 'safety',
		faults: [{ status: 422 }],
		checks: {
			'the item fails with the safety message and is not retried': (c) => {
				c.eq(c.status, 'success', 'execution status (continue on fail)');
				const [item] = c.items('Ideogram');
				c.match(item.json.error ?? '', /^Ideogram's safety check refused the request: Prompt provided failed safety check/, 'error');
				c.eq(item.json.httpCode, '422', 'httpCode');
				c.ok(!item.binary, 'no binary');
				c.eq(c.sandbox.requests.map((r) => r.status), [422], 'one request, answered 422');
			},
		},
	},
	{
		name: '429 with Retry-After',
		file: 'samples/workflows/retry-429.json',
		sandbox: 'retry',
		faults: [{ status: 429, retryAfter: 1 }],
		checks: {
			'is retried after the advertised wait and succeeds': (c) => {
				c.eq(c.status, 'success', 'execution status');
				c.eq(c.sandbox.requests.map((r) => r.status), [429, 200], 'request statuses');
				const [first, second] = c.sandbox.requests;
				c.eq(fileOf(second, 'image').sha256, fileOf(first, 'image').sha256, 'the same image was sent again');
				const items = c.items('Ideogram');
				c.eq(items.length, 1, 'output items');
				assertImages(c, items, { width: 80, height: 60 });
				c.eq(items[0].json.retries?.length, 1, 'one retry recorded');
				c.match(items[0].json.retries[0].reason, /HTTP 429/, 'retry reason');
				// inflight_limit waits in the key's window: the record holds the measured wait, at least Retry-After.
				c.ok(items[0].json.retries[0].waitedMs >= 1000, `waited ${items[0].json.retries[0].waitedMs} ms, at least Retry-After`);
				const gap = c.sandbox.requests[1].startedAt - c.sandbox.requests[0].startedAt;
				c.ok(gap >= 900, `second attempt came ${gap} ms after the first`);
			},
		},
	},
	{
		name: 'gateway with Bearer auth and custom binary fields',
		file: 'samples/workflows/gateway-bearer.json',
		sandbox: 'gateway',
		credential: { path: '/ideogram', authHeader: 'bearer' },
		checks: {
			'sends to the gateway path with a Bearer key and writes the chosen output field': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const [request] = c.sandbox.requests;
				c.eq([request.path, request.auth, request.status], ['/ideogram/v1/ideogram-v3/remix', 'bearer', 200], 'request');
				c.eq(request.headers.authorization, 'Bearer sandbox-key', 'authorization header');
				c.eq(request.headers['api-key'], undefined, 'no Api-Key header');
				c.eq(fileOf(request, 'image').filename, 'gateway.png', 'image part from binary field "photo"');
				const items = c.items('Ideogram');
				c.eq(items.length, 2, 'output items');
				assertImages(c, items, { field: 'remixed', width: 1152, height: 864 });
				c.ok(items.every((item) => !item.binary.data), 'no "data" field written');
			},
		},
	},
	{
		name: 'reframe, upscale, describe, generate',
		file: 'samples/workflows/other-operations.json',
		sandbox: 'other',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'reframe extends to the chosen resolution': (c) => {
				const request = c.sandbox.requests.find((r) => r.path === '/v1/ideogram-v3/reframe');
				c.eq(request?.fields.resolution, ['1312x736'], 'resolution field');
				assertImages(c, c.items('Reframe'), { width: 1312, height: 736 });
			},
			'upscale sends image_file and image_request': (c) => {
				const request = c.sandbox.requests.find((r) => r.path === '/upscale');
				c.eq(fileOf(request, 'image_file')?.width, 256, 'image_file part');
				const imageRequest = JSON.parse(request.fields.image_request[0]);
				c.eq([imageRequest.resemblance, imageRequest.detail], [60, 80], 'image_request');
				assertImages(c, c.items('Upscale'), { width: 512, height: 512 });
			},
			'describe returns descriptions': (c) => {
				const [item] = c.items('Describe');
				c.ok(Array.isArray(item.json.descriptions) && item.json.descriptions[0]?.text, 'descriptions');
				c.eq(item.pairedItem, { item: 0 }, 'pairedItem');
			},
			'generate without download returns URLs only': (c) => {
				const request = c.sandbox.requests.find((r) => r.path === '/v1/ideogram-v3/generate');
				c.eq(request?.fields.aspect_ratio, ['9x16'], 'aspect_ratio');
				const items = c.items('Generate');
				c.eq(items.length, 1, 'output items');
				c.ok(!items[0].binary, 'no binary');
				c.eq(items[0].json.resolution, '736x1312', 'resolution');
				c.ok(String(items[0].json.url).startsWith('http://127.0.0.1:'), 'url');
			},
		},
	},
	{
		name: 'URL image source: mask of the wrong size',
		file: 'samples/workflows/url-mask-size.json',
		sandbox: 'urlMask',
		checks: {
			'the item fails with the mask size message': (c) => {
				c.eq(c.status, 'success', 'execution status (continue on fail)');
				const items = c.items('Ideogram');
				c.eq(items.length, 1, 'output items');
				c.match(items[0].json.error ?? '', /Mask URL: the mask is 32×32 but the image is 64×64; they must be the same size/, 'error');
				c.ok(!items[0].binary, 'no binary');
				c.eq(items[0].pairedItem, { item: 0 }, 'pairedItem');
			},
			'both URLs were downloaded without credentials, nothing reached the API': (c) => {
				c.eq(c.sandbox.requests.length, 0, 'API requests');
				c.eq(c.sandbox.imageRequests.map((r) => r.path), ['/files/photo-64.png', '/files/mask-32.png'], 'downloads');
				assertNoCredentialHeaders(c, c.sandbox.imageRequests);
			},
		},
	},
	{
		name: 'edit through the inpaint endpoint',
		file: 'samples/workflows/edit-inpaint.json',
		sandbox: 'inpaint',
		checks: {
			'posts image and mask to /v1/ideogram-v3/inpaint': (c) => {
				c.eq(c.status, 'success', 'execution status');
				c.eq(c.sandbox.requests.map((r) => [r.method, r.path, r.status, r.auth]), [['POST', '/v1/ideogram-v3/inpaint', 200, 'apiKey']], 'requests');
				const [request] = c.sandbox.requests;
				c.eq([fileOf(request, 'image').filename, fileOf(request, 'image').width, fileOf(request, 'image').height], ['inpaint.png', 160, 120], 'image part');
				c.eq([fileOf(request, 'mask').filename, fileOf(request, 'mask').width, fileOf(request, 'mask').height], ['inpaint-mask.png', 160, 120], 'mask part');
				c.eq([request.fields.prompt, request.fields.seed], [['a paper crown'], ['5']], 'fields');
				c.eq(request.fields.edit_endpoint, undefined, 'the endpoint choice is not sent as a field');
			},
			'outputs the edited PNG without a deprecation notice': (c) => {
				const items = c.items('Ideogram');
				c.eq(items.length, 1, 'output items');
				assertImages(c, items, { width: 160, height: 120 });
				c.eq(items[0].pairedItem, { item: 0 }, 'pairedItem');
				c.ok(!('notice' in items[0].json), `no notice in the output (json keys: ${Object.keys(items[0].json).join(', ')})`);
			},
		},
	},
	{
		name: 'gateway task, polled through the Task Status URL',
		file: 'samples/workflows/gateway-task.json',
		sandbox: 'task',
		credential: { path: '/ideogram', authHeader: 'bearer', taskStatusUrl: '/v1/tasks/{task_id}' },
		faults: [{ task: { polls: 2 } }],
		checks: {
			'submits, then polls the task with the Bearer key until it succeeds': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const requests = c.sandbox.requests;
				c.eq(requests.length, 3, `requests (${requests.map((r) => `${r.method} ${r.path}`).join(', ')})`);
				c.eq([requests[0].method, requests[0].path, requests[0].status], ['POST', '/ideogram/v1/ideogram-v3/generate', 200], 'submit');
				c.eq([requests[0].fields.prompt, requests[0].fields.num_images, requests[0].fields.aspect_ratio], [['a paper boat on a pond'], ['2'], ['4x3']], 'submit fields');
				const taskPath = requests[1].path;
				c.match(taskPath, /^\/ideogram\/v1\/tasks\/[\w-]+$/, 'poll path (Task Status URL under the gateway prefix)');
				c.eq(requests.slice(1).map((r) => [r.method, r.path, r.status]), [['GET', taskPath, 200], ['GET', taskPath, 200]], 'two polls');
				for (const request of requests) {
					c.eq([request.auth, request.headers.authorization, request.headers['api-key']], ['bearer', 'Bearer sandbox-key', undefined], `${request.method} ${request.path} auth`);
				}
			},
			'outputs the task images as PNGs with task_id, paired with the input': (c) => {
				const items = c.items('Ideogram');
				c.eq(items.length, 2, 'output items');
				const taskId = c.sandbox.requests[1].path.split('/').pop();
				c.eq(items.map((item) => item.json.task_id), [taskId, taskId], 'task_id');
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 0 }], 'pairedItem');
				for (const [index, item] of items.entries()) {
					c.ok(typeof item.json.url === 'string' && item.json.url.startsWith('http://127.0.0.1:'), `item ${index} json.url`);
					const image = c.image(item.binary.data);
					c.eq([image.info?.format, image.info?.width, image.info?.height], ['png', 1152, 864], `item ${index} stored PNG (4:3)`);
					c.eq(image.bytes, item.binary.data.bytes, `item ${index} stored size`);
				}
				const downloads = resultDownloads(c, items);
				c.eq(downloads.length, 2, 'result downloads');
				assertNoCredentialHeaders(c, downloads);
			},
		},
	},
	{
		name: 'gateway task without a Task Status URL',
		file: 'samples/workflows/gateway-task-no-status-url.json',
		sandbox: 'taskNoUrl',
		credential: { path: '/ideogram', authHeader: 'bearer' },
		faults: [{ task: {} }],
		checks: {
			'outputs the task and a hint, does not poll or download': (c) => {
				c.eq(c.status, 'success', 'execution status');
				c.eq(c.sandbox.requests.map((r) => [r.method, r.path, r.status, r.auth]), [['POST', '/ideogram/v1/ideogram-v3/generate', 200, 'bearer']], 'requests');
				c.eq(c.sandbox.imageRequests.length, 0, 'image downloads');
				const items = c.items('Ideogram');
				c.eq(items.length, 1, 'output items');
				const [item] = items;
				c.ok(!item.binary, 'no binary');
				c.eq(item.pairedItem, { item: 0 }, 'pairedItem');
				c.match(String(item.json.task?.data?.task_id ?? ''), /^[0-9a-f]+$/, 'task.data.task_id');
				c.eq(item.json.task?.data?.task_status, 'submitted', 'task.data.task_status');
				c.match(item.json.hint ?? '', /Task Status URL/, 'hint');
			},
		},
	},
	{
		name: 'example remove-background',
		file: 'examples/remove-background.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends the photo alone to /v1/remove-background': (c) => {
				const requests = requestsTo(c, '/v1/remove-background');
				c.eq(requests.length, 1, 'remove-background requests');
				const [request] = requests;
				c.eq([request.status, request.auth], [200, 'apiKey'], 'answer and auth');
				c.eq(request.fields, {}, 'text fields');
				const image = fileOf(request, 'image');
				c.eq([Object.keys(request.files), image.filename, image.width, image.height], [['image'], REMOVE_BACKGROUND.name, REMOVE_BACKGROUND.width, REMOVE_BACKGROUND.height], 'image part');
			},
			'outputs one transparent PNG of the photo size, paired with the input': (c) => {
				const items = c.items('Remove background');
				c.eq(items.length, 1, 'output items');
				const [item] = items;
				c.eq(item.pairedItem, { item: 0 }, 'pairedItem');
				c.eq([item.json.resolution, item.json.is_image_safe], [`${REMOVE_BACKGROUND.width}x${REMOVE_BACKGROUND.height}`, true], 'json');
				const image = c.image(item.binary.data);
				c.eq([image.info?.format, image.info?.width, image.info?.height], ['png', REMOVE_BACKGROUND.width, REMOVE_BACKGROUND.height], 'stored PNG');
				c.eq(image.data[25], 6, 'PNG colour type RGBA (transparent background)');
				assertNoCredentialHeaders(c, resultDownloads(c, items));
			},
		},
	},
	{
		name: 'example layerize-text',
		file: 'examples/layerize-text.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends the poster with the prompt and the seed': (c) => {
				const requests = requestsTo(c, '/v1/ideogram-v3/layerize-text');
				c.eq(requests.length, 1, 'layerize-text requests');
				const [request] = requests;
				c.eq(request.status, 200, 'sandbox answer');
				c.eq(request.fields, { prompt: [LAYERIZE_TEXT.prompt], seed: [String(LAYERIZE_TEXT.seed)] }, 'text fields');
				const image = fileOf(request, 'image');
				c.eq([image.filename, image.width, image.height], [LAYERIZE_TEXT.name, LAYERIZE_TEXT.width, LAYERIZE_TEXT.height], 'image part');
			},
			'outputs one item: text_blocks and seed, the text-free base in data and the original in original': (c) => {
				const items = c.items('Layerize text');
				c.eq(items.length, 1, 'output items');
				const [item] = items;
				c.eq(item.json.seed, LAYERIZE_TEXT.seed, 'seed');
				c.ok(Array.isArray(item.json.text_blocks) && item.json.text_blocks.length > 0, 'text_blocks');
				for (const block of item.json.text_blocks) {
					c.ok(['x', 'y', 'width', 'height', 'text', 'alignment', 'formatting'].every((field) => field in block), `text block "${block.text}" has its fields`);
				}
				c.eq(Object.keys(item.binary ?? {}).sort(), ['data', 'original'], 'binary fields');
				for (const field of ['data', 'original']) {
					const image = c.image(item.binary[field]);
					c.eq([image.info?.format, image.info?.width, image.info?.height], ['png', LAYERIZE_TEXT.width, LAYERIZE_TEXT.height], `${field} stored PNG`);
				}
				c.ok(!c.image(item.binary.data).data.equals(c.image(item.binary.original).data), 'the base image is not the original');
			},
		},
	},
	{
		name: 'async generation, polled, then Get Generation',
		file: 'samples/workflows/async-generation.json',
		sandbox: 'generation',
		faults: [{ generation: { polls: 1 } }],
		checks: {
			'submits, polls GET /v2/generations/{id} until completed, then Get Generation fetches it once': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const requests = c.sandbox.requests;
				c.eq(requests.length, 4, `requests (${requests.map((r) => `${r.method} ${r.path}`).join(', ')})`);
				c.eq([requests[0].method, requests[0].path, requests[0].status], ['POST', '/v1/ideogram-v3/generate', 200], 'submit');
				const pollPath = requests[1].path;
				c.match(pollPath, /^\/v2\/generations\/[\w-]+$/, 'poll path');
				c.eq(requests.slice(1).map((r) => [r.method, r.path, r.status, r.auth]), [['GET', pollPath, 200, 'apiKey'], ['GET', pollPath, 200, 'apiKey'], ['GET', pollPath, 200, 'apiKey']], 'two polls, then one Get Generation');
			},
			'Generate outputs the completed images with generation_id; Get Generation outputs them again, downloaded': (c) => {
				const id = c.sandbox.requests[1].path.split('/').pop();
				const generated = c.items('Generate');
				c.eq(generated.length, 2, 'Generate items');
				c.eq(generated.map((item) => [item.json.generation_id, item.json.status]), [[id, 'completed'], [id, 'completed']], 'Generate generation_id and status');
				const fetched = c.items('Get Generation');
				c.eq(fetched.length, 2, 'Get Generation items (executed once)');
				c.eq(fetched.map((item) => item.json.url), generated.map((item) => item.json.url), 'the same result URLs');
				for (const [index, item] of [...generated, ...fetched].entries()) {
					c.eq(item.json.generation_id, id, `item ${index} generation_id`);
					const image = c.image(item.binary.data);
					c.eq([image.info?.format, image.info?.width, image.info?.height], ['png', 1152, 864], `item ${index} stored PNG (4:3)`);
				}
				c.eq(fetched.map((item) => item.json.status), ['completed', 'completed'], 'Get Generation status');
				assertNoCredentialHeaders(c, c.sandbox.imageRequests);
			},
		},
	},
	{
		name: 'async generation that fails',
		file: 'samples/workflows/async-generation-failed.json',
		sandbox: 'generationFailed',
		faults: [{ generation: { polls: 0, fail: 'The render server went away' } }],
		checks: {
			'outputs an error item with the failure_reason, saying it was not billed; nothing downloaded': (c) => {
				c.eq(c.status, 'success', 'execution status (continue on fail)');
				c.eq(c.sandbox.requests.map((r) => [r.method, r.status]), [['POST', 200], ['GET', 200]], 'submit and one poll');
				c.eq(c.sandbox.imageRequests.length, 0, 'image downloads');
				const [item] = c.items('Ideogram');
				c.match(item.json.error ?? '', /generation [\w-]+ failed: The render server went away/, 'error');
				c.match(item.json.description ?? '', /not billed/, 'description');
			},
		},
	},
	{
		name: 'example ideogram-4-5-precise-edit',
		file: 'examples/ideogram-4-5-precise-edit.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends image, mask and the reference to the 4.5 precise-edit path, with v2 fields': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.path === '/v2/image/precise-edit/ideogram-4-5');
				c.eq(requests.length, 1, 'precise-edit requests');
				const [request] = requests;
				c.eq(request.status, 200, 'sandbox answer');
				c.eq(request.query, {}, 'query (no dry_run)');
				c.eq(Object.keys(request.files).sort(), ['image', 'mask', 'reference_images'], 'file parts');
				c.eq([fileOf(request, 'image').filename, fileOf(request, 'image').width, fileOf(request, 'image').height], ['mug.png', 640, 480], 'image');
				c.eq([fileOf(request, 'mask').filename, fileOf(request, 'mask').width], ['mug-mask.png', 640], 'mask');
				c.eq(request.files.reference_images.map((f) => f.filename), ['plant.png'], 'reference_images');
				c.eq(request.fields, { prompt: [PRECISE_EDIT.prompt], seed: [String(PRECISE_EDIT.seed)], quality: [PRECISE_EDIT.quality] }, 'text fields');
			},
			'outputs one PNG of the input size, paired with the input': (c) => {
				const items = c.items('Precise edit');
				c.eq(items.length, 1, 'output items');
				assertImages(c, items, { width: 640, height: 480, v2: true });
				c.eq(items[0].pairedItem, { item: 0 }, 'pairedItem');
				c.eq(items[0].json.seed, PRECISE_EDIT.seed, 'seed');
			},
		},
	},
	{
		name: 'example cost-estimate-before-batch',
		file: 'examples/cost-estimate-before-batch.json',
		sandbox: 'examples',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'prices each request with dry_run=true and outputs one quote per item, nothing downloaded': (c) => {
				const quotes = c.items('Price the batch');
				c.eq(quotes.length, COST_ESTIMATE.prompts.length, 'quote items');
				for (const [index, item] of quotes.entries()) {
					c.ok(!item.binary, `quote ${index} has no binary`);
					c.eq(item.pairedItem, { item: index }, `quote ${index} pairedItem`);
					c.eq(Object.keys(item.json).sort(), ['billing_identifier', 'credit_millis', 'qualifier', 'quantity', 'upper_bound_usd_micros', 'usd', 'usd_micros'], `quote ${index} fields`);
					c.eq(item.json.billing_identifier, 'ideogram_4_5_generate', `quote ${index} billing_identifier`);
					c.eq(item.json.quantity, COST_ESTIMATE.options.numImages, `quote ${index} quantity`);
					c.ok(Number.isInteger(item.json.usd_micros) && item.json.usd_micros > 0, `quote ${index} usd_micros`);
					c.eq(item.json.usd, item.json.usd_micros / 1e6, `quote ${index} usd`);
				}
				// The nightly batch example prices other prompts on the same path in this sandbox.
				const dryRuns = c.sandbox.requests.filter((r) => r.path === '/v2/image/generate/ideogram-4-5' && r.query?.dry_run === 'true' && COST_ESTIMATE.prompts.includes(r.fields.prompt?.[0]));
				c.eq(dryRuns.map((r) => r.fields.prompt[0]).sort(), [...COST_ESTIMATE.prompts].sort(), 'one dry run per prompt');
				for (const request of dryRuns) {
					c.eq(request.fields.num_images, ['2'], 'dry run num_images');
					c.eq(request.fields.quality, ['medium'], 'dry run quality');
				}
			},
			'then runs the batch under budget: the same requests without dry_run, 6 images downloaded': (c) => {
				const runs = c.sandbox.requests.filter((r) => r.path === '/v2/image/generate/ideogram-4-5' && r.query?.dry_run === undefined);
				c.eq(runs.length, COST_ESTIMATE.prompts.length, 'generate requests');
				const items = c.items('Generate the batch');
				c.eq(items.length, 6, 'images');
				assertImages(c, items, { v2: true });
				c.eq(resultDownloads(c, items).length, 6, 'downloads of the batch results (the quotes downloaded nothing)');
			},
		},
	},
	{
		name: '4.x models: generate 4.5, remix 4.0 and 4.5, a hidden 3.0 option, the 1.1 default',
		file: 'samples/workflows/v2-models.json',
		sandbox: 'v2Models',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'Generate 4.5: the v2 path and fields, two PNGs of the size asked for': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.path === '/v2/image/generate/ideogram-4-5' && r.fields.prompt?.[0] === V2_E2E.generatePrompt);
				c.eq(requests.length, 1, 'generate requests');
				c.eq(requests[0].fields, {
					prompt: [V2_E2E.generatePrompt],
					magic_prompt: ['off'],
					num_images: ['2'],
					seed: ['11'],
					quality: ['low'],
					size: ['1024x1024'],
					enable_copyright_detection: ['true'],
				}, 'text fields');
				c.eq(requests[0].files, {}, 'no files');
				const items = c.items('Generate 4.5');
				c.eq(items.length, 2, 'output items');
				assertImages(c, items, { width: 1024, height: 1024, v2: true });
				c.eq(items.map((item) => item.json.seed), [11, 12], 'seeds');
			},
			'Remix 4.0: image and image weight, no magic prompt': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.path === '/v2/image/remix/ideogram-4');
				c.eq(requests.length, 1, 'remix 4.0 requests');
				c.eq(requests[0].fields, { prompt: [V2_E2E.remixPrompt], seed: ['12'], image_weight: ['60'] }, 'text fields');
				c.eq(Object.keys(requests[0].files), ['image'], 'file parts');
				assertImages(c, c.items('Remix 4.0'), { v2: true });
			},
			'Remix 4.5: image, reference_images, lower-case magic prompt, quality': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.path === '/v2/image/remix/ideogram-4-5');
				c.eq(requests.length, 1, 'remix 4.5 requests');
				c.eq(requests[0].fields, { prompt: [V2_E2E.remixPrompt], magic_prompt: ['auto'], seed: ['13'], quality: ['high'] }, 'text fields');
				c.eq(Object.keys(requests[0].files).sort(), ['image', 'reference_images'], 'file parts');
				c.eq(fileOf(requests[0], 'reference_images').filename, 'v2-reference.png', 'reference image');
				assertImages(c, c.items('Remix 4.5'), { v2: true });
			},
			// The node refuses such an option when it reaches it (unit tests), but in n8n it never does: n8n drops
			// collection values the panel hides (here Style Type for Ideogram 4.5) when it loads the workflow.
			"a 3.0 option left in a 4.5 node's JSON is dropped by n8n (hidden for 4.5): not sent": (c) => {
				const requests = c.sandbox.requests.filter((r) => r.fields?.prompt?.[0] === V2_E2E.hiddenOptionPrompt);
				c.eq(requests.map((r) => [r.path, r.status]), [['/v2/image/generate/ideogram-4-5', 200]], 'its request');
				c.eq(Object.keys(requests[0].fields), ['prompt'], 'text fields');
			},
			'a 1.1 node whose JSON has no model uses Ideogram 4.5': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.fields?.prompt?.[0] === V2_E2E.defaultModelPrompt);
				c.eq(requests.map((r) => r.path), ['/v2/image/generate/ideogram-4-5'], 'its request');
				assertImages(c, c.items('Generate, 1.1 node without model'), { v2: true });
			},
		},
	},
	{
		name: '4.x cost estimate alone: nothing generated, nothing downloaded',
		file: 'samples/workflows/v2-estimate-only.json',
		sandbox: 'v2Estimate',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends only dry runs and downloads nothing': (c) => {
				c.eq(c.sandbox.requests.map((r) => [r.method, r.path, r.query?.dry_run, r.status]), [
					['POST', '/v2/image/precise-edit/ideogram-4-5', 'true', 200],
					['POST', '/v2/image/precise-edit/ideogram-4-5', 'true', 200],
				], 'requests');
				c.eq(c.sandbox.imageRequests.length, 0, 'downloads');
			},
			'outputs a price quote per item': (c) => {
				const items = c.items('Ideogram');
				c.eq(items.length, 2, 'items');
				c.eq(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }], 'pairedItem');
				for (const item of items) {
					c.ok(!item.binary, 'no binary');
					c.eq(item.json.billing_identifier, 'ideogram_4_5_precise_edit', 'billing_identifier');
					c.eq(item.json.quantity, 3, 'quantity');
					c.eq(item.json.usd, item.json.usd_micros / 1e6, 'usd');
				}
			},
		},
	},
	{
		name: '4.x webhook: submitted at once, then Get Generation',
		file: 'samples/workflows/v2-webhook.json',
		sandbox: 'v2Webhook',
		checks: {
			'runs successfully': (c) => c.eq(c.status, 'success', 'execution status'),
			'sends webhook_url and outputs only the generation id': (c) => {
				const submits = c.sandbox.requests.filter((r) => r.method === 'POST');
				c.eq(submits.length, 1, 'POST requests');
				c.eq(submits[0].path, '/v2/image/generate/ideogram-4-5', 'path');
				c.eq(submits[0].fields.webhook_url, [V2_E2E.webhookUrl], 'webhook_url');
				const items = c.items('Submit');
				c.eq(items.length, 1, 'items');
				c.eq(Object.keys(items[0].json).sort(), ['generation_id', 'status'], 'fields');
				c.eq(items[0].json.status, 'submitted', 'status');
				c.ok(!items[0].binary, 'no binary');
			},
			'Get Generation fetches the finished images': (c) => {
				const id = c.items('Submit')[0].json.generation_id;
				c.ok(c.sandbox.requests.some((r) => r.method === 'GET' && r.path === `/v2/generations/${id}`), 'GET /v2/generations/{id}');
				const items = c.items('Get Generation');
				c.eq(items.length, 2, 'one item per image');
				for (const item of items) c.eq(c.image(item.binary.data).info?.format, 'png', 'downloaded PNG');
			},
		},
	},
	{
		name: 'edit endpoint auto on a gateway Base URL',
		file: 'samples/workflows/edit-auto-gateway.json',
		sandbox: 'editAuto',
		credential: { path: '/ideogram', authHeader: 'bearer' },
		checks: {
			'a new (1.1) Edit node with Ideogram 3.0 and no Edit Endpoint sends /edit through the gateway': (c) => {
				c.eq(c.status, 'success', 'execution status');
				c.eq(c.sandbox.requests.map((r) => [r.method, r.path, r.status, r.auth]), [['POST', '/ideogram/v1/ideogram-v3/edit', 200, 'bearer']], 'requests');
				c.eq(c.sandbox.requests[0].fields.seed, ['6'], 'seed');
				c.eq(c.items('Ideogram').length, 1, 'output items');
				// The API marks /edit deprecated in its answer: the node passes that on.
				c.match(c.items('Ideogram')[0].json.notice ?? '', /deprecated/i, 'the deprecation notice is passed on');
			},
		},
	},
];

/** The example workflows as they were before the 4.x models (issue 9); they must keep sending the same. */
const RECORDED_EXAMPLES = [
	'examples/describe.json',
	'examples/edit-from-urls.json',
	'examples/edit-with-mask.json',
	'examples/generate-text-to-image.json',
	'examples/reframe-to-landscape.json',
	'examples/remix-three-styles.json',
	'examples/replace-background-batch.json',
	'examples/upscale.json',
];
const EXAMPLE_REQUESTS_FIXTURE = path.join(__dirname, 'recorded', 'example-requests.json');

/**
 * What a request carried, for comparison: path, text fields and file parts (name, type, bytes, sha256), with the
 * field names sorted; no headers (the multipart boundary is random). Requests are sorted, since the examples run
 * concurrently.
 */
function requestShapes(requests) {
	const sorted = (object) => Object.fromEntries(Object.keys(object).sort().map((key) => [key, object[key]]));
	return requests
		.map((r) => ({
			method: r.method,
			path: r.path,
			status: r.status,
			fields: sorted(r.fields),
			files: sorted(
				Object.fromEntries(
					Object.entries(r.files).map(([name, files]) => [
						name,
						files.map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.size, width: f.width, height: f.height, sha256: f.sha256 })),
					]),
				),
			),
		}))
		.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * Checks over the requests of several cases' workflows, run after every case when all the cases they need ran.
 * `c` is as for a case's checks, plus `c.record` (IDEOGRAM_E2E_RECORD=1: write the fixture instead of comparing).
 */
const suiteChecks = [
	{
		name: "today's examples send the multipart fields recorded before the 4.x models",
		sandbox: 'examples',
		needs: RECORDED_EXAMPLES,
		check: (c) => {
			// Only the paths the recording has: examples added later (v2 paths, new operations) share the sandbox. A
			// recorded example that moved to another path shows up as a request missing from its recorded path.
			const recorded = fs.existsSync(EXAMPLE_REQUESTS_FIXTURE) ? JSON.parse(fs.readFileSync(EXAMPLE_REQUESTS_FIXTURE, 'utf8')) : undefined;
			if (c.record) {
				const shapes = requestShapes(c.sandbox.requests);
				fs.mkdirSync(path.dirname(EXAMPLE_REQUESTS_FIXTURE), { recursive: true });
				fs.writeFileSync(EXAMPLE_REQUESTS_FIXTURE, `${JSON.stringify({ examples: RECORDED_EXAMPLES, requests: shapes }, null, '\t')}\n`);
				console.log(`       recorded ${shapes.length} requests to ${path.relative(process.cwd(), EXAMPLE_REQUESTS_FIXTURE)}`);
				return;
			}
			c.ok(recorded, `${EXAMPLE_REQUESTS_FIXTURE} exists (record it with IDEOGRAM_E2E_RECORD=1)`);
			const paths = new Set(recorded.requests.map((r) => r.path));
			// The nightly batch example's price quotes share a recorded path (Generate 4.5) but are not in the recording.
			const shapes = requestShapes(c.sandbox.requests.filter((r) => paths.has(r.path) && !NIGHTLY_BATCH.prompts.includes(r.fields.prompt?.[0])));
			c.eq(shapes.length, recorded.requests.length, 'requests on the recorded paths');
			shapes.forEach((shape, index) => c.eq(shape, recorded.requests[index], `request ${index + 1} of ${shapes.length} (sorted) to ${shape.path}`));
		},
	},
];

/** What the mock model answers once it has the tool's result: the result URL it found in it. */
function agentAnswer(toolResult) {
	let url;
	try {
		url = JSON.parse(toolResult)?.[0]?.url;
	} catch {
		url = undefined;
	}
	return `Here is your watercolour: ${url ?? `(no url in ${toolResult.slice(0, 200)})`}`;
}

/** The tool message the agent sent back to the model (second chat completion request). */
function toolMessage(c) {
	const completions = c.model.completions;
	c.eq(completions.length, 2, 'chat completion requests the model received');
	const message = completions[1].body.messages.find((m) => m.role === 'tool');
	c.ok(message, `the second request carries a tool message (roles: ${completions[1].body.messages.map((m) => m.role).join(', ')})`);
	return typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
}

/**
 * n8n's AI Agent (one version) with the OpenAI Chat Model and this node as a tool: the mock model calls the tool
 * with a prompt and an image URL, then answers with what the tool gave back. Agent 3.x hands the tool call to the
 * workflow engine (the node is marked `rewireOutputLogTo: 'ai_tool'`); 2.x calls it in its own process
 * (`isToolExecution()` is true). Either way the node must answer with compact JSON and download nothing.
 */
function agentToolCase(version) {
	return {
		name: `AI Agent ${version} uses the node as a tool`,
		file: `samples/workflows/agent-tool-${version}.json`,
		sandbox: `agent-${version}`,
		openAi: { toolName: /^Ideogram/, toolArguments: { imageUrl: AGENT_TOOL.imageUrl, prompt: AGENT_TOOL.prompt }, finalAnswer: agentAnswer },
		checks: {
			'the model is offered the tool, with the $fromAI parameters as its arguments': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const [first] = c.model.completions;
				c.ok(first, 'the model received a request');
				const tool = (first.body.tools ?? []).find((t) => /^Ideogram/.test(t.function?.name ?? ''));
				c.ok(tool, `a tool named Ideogram… among ${JSON.stringify((first.body.tools ?? []).map((t) => t.function?.name))}`);
				c.eq(Object.keys(tool.function.parameters?.properties ?? {}).sort(), ['imageUrl', 'prompt'], 'tool arguments');
				c.eq(first.reply.tool_calls?.[0]?.function?.name, tool.function.name, 'the mock called it');
			},
			'the tool ran against the sandbox: one remix of the image the model named, with its prompt': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.path === '/v1/ideogram-v3/remix');
				c.eq(requests.map((r) => r.status), [200], 'remix requests answered');
				c.eq(requests[0].fields.prompt, [AGENT_TOOL.prompt], 'prompt');
				const image = fileOf(requests[0], 'image');
				const served = c.served[AGENT_TOOL.imageUrl];
				c.eq([image.filename, image.width, image.height, image.sha256], [served.name, 64, 64, served.sha256], 'image part (the served photo)');
			},
			"the tool's output reached the model as compact JSON with the result URL and no base64": (c) => {
				const content = toolMessage(c);
				c.ok(content.length < 4000, `tool message is short (${content.length} characters)`);
				c.ok(!/[A-Za-z0-9+/=]{200,}/.test(content), 'tool message holds no base64 run');
				c.ok(!content.includes('\n'), 'tool message is compact JSON (no line breaks)');
				const parsed = JSON.parse(content);
				c.ok(Array.isArray(parsed) && parsed.length === 1, `tool message is a JSON array of one result: ${content.slice(0, 300)}`);
				const [result] = parsed;
				c.match(result.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\//, 'result url');
				c.ok(result.prompt?.startsWith(AGENT_TOOL.prompt), `result prompt ${JSON.stringify(result.prompt)} (the sandbox's magic prompt extends it)`);
				c.eq(Object.keys(result).filter((key) => /binary|data|base64/i.test(key)), [], 'binary-looking fields');
			},
			"the agent's final answer comes back in the execution output": (c) => {
				const items = c.items(AGENT_TOOL.agentNode);
				c.eq(items.length, 1, 'agent output items');
				const url = JSON.parse(toolMessage(c))[0].url;
				c.eq(items[0].json.output, `Here is your watercolour: ${url}`, 'agent output');
			},
			'in tool mode nothing is downloaded and no binary is output': (c) => {
				const input = new URL(c.served[AGENT_TOOL.imageUrl].url);
				c.eq(c.sandbox.imageRequests.map((r) => r.path), [input.pathname + input.search], 'image port requests (the input photo only)');
				const runs = c.nodeRuns(AGENT_TOOL.toolNode);
				c.eq(runs.length, 1, 'tool runs');
				c.ok(!runs[0].error, `the tool run failed: ${runs[0].error?.message}`);
				const items = runs[0].data?.ai_tool?.[0] ?? [];
				c.ok(items.length > 0, `the tool's run is logged on its ai_tool output (data: ${Object.keys(runs[0].data ?? {}).join(', ')})`);
				c.eq(items.filter((item) => item.binary).length, 0, 'tool output items with binary');
			},
		},
	};
}

/**
 * The tool left on Image Source "Binary Data" under AI Agent 3.1 (tool calls through the engine): the node must
 * see that an agent is calling and refuse before sending anything, and the agent must get the refusal.
 */
const agentBinaryCase = {
	name: 'AI Agent 3.1: the tool set to binary input refuses before sending',
	file: 'samples/workflows/agent-tool-binary-3.1.json',
	sandbox: 'agent-binary-3.1',
	openAi: { toolName: /^Ideogram/, toolArguments: { prompt: AGENT_TOOL.prompt }, finalAnswer: agentAnswer },
	checks: {
		'the model is offered the tool with the prompt as its only argument': (c) => {
			c.eq(c.status, 'success', 'execution status');
			const tool = (c.model.completions[0]?.body.tools ?? []).find((t) => /^Ideogram/.test(t.function?.name ?? ''));
			c.eq(Object.keys(tool?.function.parameters?.properties ?? {}), ['prompt'], 'tool arguments');
		},
		'nothing reaches the sandbox': (c) => {
			c.eq(c.sandbox.requests.map((r) => r.path), [], 'API requests');
			c.eq(c.sandbox.imageRequests.map((r) => r.path), [], 'image port requests');
		},
		'the agent gets the refusal, which says to use Image Source URL': (c) => {
			const content = toolMessage(c);
			c.match(content, /an AI agent cannot hand this tool binary data/, 'tool message');
			c.match(content, /Image Source/, 'tool message names the field');
			c.match(c.items(AGENT_TOOL.agentNode)[0]?.json.output ?? '', /^Here is your watercolour: \(no url in /, 'agent output');
		},
	},
};

cases.push(agentToolCase('3.1'), agentToolCase('3.0'), agentToolCase('2.2'), agentBinaryCase);

// Hostile servers and flaky networks (issue 10) live in their own file.
module.exports = {
	cases: [
		...cases,
		...require('./hostile-cases').hostileCases,
		...require('./binary-mode-cases').binaryModeCases,
		...require('./catalogue-cases').catalogueCases,
		...require('./spend-cases').spendCases,
	],
	suiteChecks,
};
