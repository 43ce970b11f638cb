'use strict';
/**
 * What the end-to-end suite runs in a real n8n and what it asserts. Each case names a workflow file, the
 * sandbox its credential points at (each case gets its own, so faults and request counts are its own), the
 * faults to queue, and checks. `scripts/e2e.js` runs every workflow in one n8n process and calls the checks.
 *
 * A check receives `c`:
 *   c.status                 the execution's status ('success' | 'error' | ...)
 *   c.runError               the execution-level error, if any
 *   c.items(node)            the node's output items (first run, main output 0)
 *   c.nodeRun(node)          the node's first run (with .error when it failed)
 *   c.sandbox                the sandbox: .requests (see sandbox/README.md), .imageRequests
 *   c.image(binary)          reads a binary from n8n's filesystem store: {path, bytes, info: {format, width, height}}
 *   c.eq(actual, expected, what), c.ok(condition, what), c.match(text, regex, what)
 */
const { REMIX_STYLES, BATCH } = require('../../scripts/make-workflows');

/** Every output item of an image operation: its binary is a stored PNG of the reported resolution. */
function assertImages(c, items, { field = 'data', width, height } = {}) {
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
		c.ok(typeof item.json.created === 'string', `item ${index} json.created`);
		c.ok(Number.isInteger(item.json.seed), `item ${index} json.seed`);
	}
}

function fileOf(request, name) {
	return request.files?.[name]?.[0];
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
			'sends one multipart edit request with image and mask': (c) => {
				const requests = c.sandbox.requests.filter((r) => r.path === '/v1/ideogram-v3/edit');
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
				c.match(items[0].json.notice ?? '', /deprecated/i, 'the deprecation notice is passed on');
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
		name: 'validation errors (continue on fail)',
		file: 'test/e2e/workflows/validation-continue.json',
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
				c.match(c.items('Ideogram')[0].json.error, /Mask: the mask is 32×32 but the image is 64×64; they must be the same size/, 'error');
			},
			'a file that is not an image is refused': (c) => {
				c.match(c.items('Ideogram')[1].json.error, /Image: binary field "data" is not a JPEG, PNG or WebP image/, 'error');
			},
			'a missing binary field is refused': (c) => {
				const json = c.items('Ideogram')[2].json;
				c.match(json.error, /Image: the input item has no binary field "data"/, 'error');
				c.match(json.description ?? '', /picture/, 'description names the fields that exist');
			},
			'nothing reached the API': (c) => c.eq(c.sandbox.requests.length, 0, 'requests'),
		},
	},
	{
		name: 'validation error without continue on fail',
		file: 'test/e2e/workflows/validation-hard-fail.json',
		sandbox: 'validation',
		checks: {
			'the execution fails on the Ideogram node with the mask message': (c) => {
				c.eq(c.status, 'error', 'execution status');
				const error = c.nodeRun('Ideogram')?.error ?? c.runError;
				c.match(error?.message ?? '', /Mask: the mask is 32×32 but the image is 64×64/, 'error message');
				c.match(error?.description ?? '', /Make the mask exactly as wide and as tall as the image/, 'error description');
				c.eq(error?.node?.type ?? error?.node, error?.node?.type ? 'n8n-nodes-ideogram.ideogram' : error?.node, 'failing node type');
			},
			'nothing reached the API': (c) => c.eq(c.sandbox.requests.length, 0, 'requests'),
		},
	},
	{
		name: 'continue on fail with one bad item',
		file: 'test/e2e/workflows/continue-on-fail-mixed.json',
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
		file: 'test/e2e/workflows/safety-422.json',
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
		file: 'test/e2e/workflows/retry-429.json',
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
				c.eq(items[0].json.retries[0].waitedMs, 1000, 'waited Retry-After');
				const gap = c.sandbox.times[1] - c.sandbox.times[0];
				c.ok(gap >= 900, `second attempt came ${gap} ms after the first`);
			},
		},
	},
	{
		name: 'gateway with Bearer auth and custom binary fields',
		file: 'test/e2e/workflows/gateway-bearer.json',
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
		file: 'test/e2e/workflows/other-operations.json',
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
];

module.exports = { cases };
