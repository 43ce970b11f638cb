#!/usr/bin/env node
'use strict';
/**
 * Writes the example workflows (examples/*.json) and the end-to-end-only workflows
 * (test/e2e/workflows/*.json). The sample images are embedded as base64 in a Code node, so each workflow
 * runs as is, headless or in the editor. Run again after changing this file: `node scripts/make-workflows.js`.
 * The settings the e2e suite checks, the sample images and the credentials live in test/e2e/.
 */
const fs = require('fs');
const path = require('path');

const { productShot, topMask } = require('../test/e2e/sample-images');
const { BATCH, DESCRIBE, E2E_CREDENTIALS, EDIT_FROM_URLS, EXAMPLE_CREDENTIAL, GENERATE, REMIX_STYLES } = require('../test/e2e/fixtures');

const ROOT = path.resolve(__dirname, '..');
const NODE_TYPE = 'n8n-nodes-ideogram.ideogram';

function b64(buffer) {
	return buffer.toString('base64');
}

function manualTrigger() {
	return {
		id: 'a1f0c0de-0000-4000-8000-000000000001',
		name: 'When clicking ‘Execute workflow’',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

function codeNode(name, jsCode, position = [224, 0]) {
	return {
		id: 'a1f0c0de-0000-4000-8000-000000000002',
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: { jsCode },
	};
}

function ideogramNode(name, parameters, { credential = EXAMPLE_CREDENTIAL, position = [448, 0], onError, id = 3 } = {}) {
	return {
		id: `a1f0c0de-0000-4000-8000-${String(id).padStart(12, '0')}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters,
		credentials: { ideogramApi: credential },
		...(onError ? { onError } : {}),
	};
}

function sticky(content, position = [-40, -300], size = [680, 260]) {
	return {
		id: 'a1f0c0de-0000-4000-8000-0000000000ff',
		name: 'About this example',
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position,
		parameters: { content, width: size[0], height: size[1] },
	};
}

function chain(...names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		const targets = Array.isArray(names[i + 1]) ? names[i + 1] : [names[i + 1]];
		connections[names[i]] = { main: [targets.map((node) => ({ node, type: 'main', index: 0 }))] };
	}
	return connections;
}

function workflow(id, name, nodes, connections) {
	return { id, name, nodes, connections, active: false, settings: { executionOrder: 'v1' }, pinData: {}, tags: [] };
}

/** Code that turns base64 constants into binary fields with n8n's own helper (works in every binary mode). */
function samplesCode(comment, constants, itemsSource) {
	const lines = [`// ${comment.split('\n').join('\n// ')}`];
	for (const [name, value] of Object.entries(constants)) {
		lines.push(typeof value === 'string' ? `const ${name} = '${value}';` : `const ${name} = ${JSON.stringify(value, null, '\t')};`);
	}
	lines.push(
		"const file = (base64, fileName) => this.helpers.prepareBinaryData(Buffer.from(base64, 'base64'), fileName, 'image/png');",
		itemsSource,
	);
	return lines.join('\n');
}

const SWAP_HINT =
	'The Code node only supplies sample images so this runs as is. To use your own files, replace it with a Form Trigger (a File field named `data`), Read/Write Files from Disk, Google Drive → Download, or HTTP Request with Response Format "File".';

// ---------------------------------------------------------------------------------------------- examples

function editWithMask() {
	const code = samplesCode(
		'Sample input: a product photo (binary field "data") and a mask of the same size (binary field "mask").\nBlack in the mask is repainted, white is kept.',
		{ photo: b64(productShot(640, 480)), mask: b64(topMask(640, 480)) },
		"return [{ json: { product: 'red mug' }, binary: { data: await file(photo, 'mug.png'), mask: await file(mask, 'mug-mask.png') } }];",
	);
	return workflow(
		'ideogramExEdit01',
		'Ideogram: edit a photo with a mask',
		[
			sticky(`## Edit with a mask\nRepaints the black area of \`mask\` in the image \`data\` with what the prompt describes; two variations.\n\n${SWAP_HINT} A form needs two File fields: \`data\` (photo) and \`mask\`.`),
			manualTrigger(),
			codeNode('Sample photo and mask', code),
			ideogramNode('Edit with mask', {
				operation: 'edit',
				binaryPropertyName: 'data',
				maskBinaryPropertyName: 'mask',
				prompt: 'A curl of steam rising from the mug, soft studio light',
				options: { numImages: 2, seed: 1234, renderingSpeed: 'TURBO', magicPrompt: 'OFF' },
			}),
		],
		chain('When clicking ‘Execute workflow’', 'Sample photo and mask', 'Edit with mask'),
	);
}

function remixThreeStyles() {
	const code = samplesCode(
		'Sample input: one product shot, turned into one item per style.\nEach item carries its own prompt and style preset, which the Ideogram node reads with expressions.',
		{ photo: b64(productShot(640, 480)), styles: REMIX_STYLES },
		"const items = [];\nfor (const style of styles) items.push({ json: style, binary: { data: await file(photo, 'mug.png') } });\nreturn items;",
	);
	return workflow(
		'ideogramExRemix1',
		'Ideogram: remix one product shot in three styles',
		[
			sticky(`## Remix in three styles\nOne product shot becomes three items (watercolor, oil painting, flat vector); the node remixes each with its item's \`prompt\` and \`stylePreset\`, 16:9.\n\n${SWAP_HINT}`),
			manualTrigger(),
			codeNode('Product shot in three styles', code),
			ideogramNode('Remix', {
				operation: 'remix',
				binaryPropertyName: 'data',
				prompt: '={{ $json.prompt }}',
				options: { stylePreset: '={{ $json.stylePreset }}', imageWeight: 70, aspectRatio: '16x9', renderingSpeed: 'TURBO' },
			}),
		],
		chain('When clicking ‘Execute workflow’', 'Product shot in three styles', 'Remix'),
	);
}

function replaceBackgroundBatch() {
	const constants = {};
	BATCH.forEach((image, index) => (constants[`photo${index + 1}`] = b64(productShot(image.width, image.height, image.color))));
	const code = samplesCode(
		'Sample input: three product photos of different sizes, one item each, in binary field "data".',
		constants,
		`return [\n${BATCH.map((image, index) => `\t{ json: { product: '${image.name.replace('.png', '')}' }, binary: { data: await file(photo${index + 1}, '${image.name}') } },`).join('\n')}\n];`,
	);
	return workflow(
		'ideogramExBg0001',
		'Ideogram: replace the background of several photos',
		[
			sticky(`## Replace the background of a batch\nEvery item's photo keeps its subject and gets a new background; results keep each photo's size and pair with their input item.\n\n${SWAP_HINT} For a folder, use Read/Write Files from Disk with a glob such as \`/data/products/*.png\`.`),
			manualTrigger(),
			codeNode('Three product photos', code),
			ideogramNode('Replace background', {
				operation: 'replaceBackground',
				binaryPropertyName: 'data',
				prompt: 'On a white marble kitchen counter in soft morning light',
				options: { renderingSpeed: 'TURBO', magicPrompt: 'AUTO' },
			}),
		],
		chain('When clicking ‘Execute workflow’', 'Three product photos', 'Replace background'),
	);
}


function reframeToLandscape() {
	const code = samplesCode(
		'Sample input: one square product shot (binary field "data"). Reframe extends it to the chosen size.',
		{ photo: b64(productShot(512, 512, [40, 90, 170])) },
		"return [{ json: { product: 'blue vase' }, binary: { data: await file(photo, 'vase-square.png') } }];",
	);
	return workflow(
		'ideogramExRefrm1',
		'Ideogram: reframe a square image to landscape',
		[
			sticky(`## Reframe a square image to landscape\nExtends a square product shot to 1312 × 736 (16:9): Ideogram paints the new areas left and right, the subject stays as it is. Handy for banners and video thumbnails.\n\n${SWAP_HINT}`),
			manualTrigger(),
			codeNode('Square product shot', code),
			ideogramNode('Reframe', {
				operation: 'reframe',
				binaryPropertyName: 'data',
				resolution: '1312x736',
				options: { renderingSpeed: 'TURBO', seed: 42 },
			}),
		],
		chain('When clicking ‘Execute workflow’', 'Square product shot', 'Reframe'),
	);
}

function generateTextToImage() {
	return workflow(
		'ideogramExGen001',
		'Ideogram: generate images from a prompt',
		[
			sticky(
				`## Generate images from a prompt\nText to image: two 16:9 images in the Watercolor style preset, one output item each, downloaded into binary field \`data\`.\n\nNo input file needed. To generate from data, put an expression in the prompt (for example \`{{ $json.headline }}\`) and connect a trigger that brings it: a Form Trigger, a Schedule plus a Google Sheets read, a chat message…`,
			),
			manualTrigger(),
			ideogramNode(
				'Generate',
				{
					operation: 'generate',
					prompt: GENERATE.prompt,
					options: {
						numImages: GENERATE.numImages,
						aspectRatio: GENERATE.aspectRatio,
						stylePreset: GENERATE.stylePreset,
						negativePrompt: GENERATE.negativePrompt,
						renderingSpeed: 'TURBO',
					},
				},
				{ position: [224, 0] },
			),
		],
		chain('When clicking ‘Execute workflow’', 'Generate'),
	);
}

function upscale() {
	const code = samplesCode(
		'Sample input: one small product shot (binary field "data"). Upscale returns it at a higher resolution.',
		{ photo: b64(productShot(320, 240, [200, 140, 40])) },
		"return [{ json: { product: 'yellow mug' }, binary: { data: await file(photo, 'mug-small.png') } }];",
	);
	return workflow(
		'ideogramExUpsc01',
		'Ideogram: upscale an image',
		[
			sticky(`## Upscale an image\nMakes a small image larger and sharper. Resemblance keeps it close to the original, Detail adds new fine detail; the prompt is optional guidance.\n\n${SWAP_HINT}`),
			manualTrigger(),
			codeNode('Small product shot', code),
			ideogramNode('Upscale', {
				operation: 'upscale',
				binaryPropertyName: 'data',
				options: { prompt: 'A glossy ceramic mug, studio product photo', resemblance: 70, detail: 60, seed: 7 },
			}),
		],
		chain('When clicking ‘Execute workflow’', 'Small product shot', 'Upscale'),
	);
}

function describe() {
	const constants = {};
	DESCRIBE.forEach((image, index) => (constants[`photo${index + 1}`] = b64(productShot(image.width, image.height, image.color))));
	const code = samplesCode(
		'Sample input: two product photos, one item each, in binary field "data".',
		constants,
		`return [\n${DESCRIBE.map((image, index) => `\t{ json: { product: '${image.name.replace('.png', '')}' }, binary: { data: await file(photo${index + 1}, '${image.name}') } },`).join('\n')}\n];`,
	);
	return workflow(
		'ideogramExDescr1',
		'Ideogram: describe images',
		[
			sticky(`## Describe images\nAsks Ideogram what each picture shows: every input item gets \`descriptions\` (a list of \`{ text }\`), for alt text, tagging, or as a prompt for Generate or Remix.\n\n${SWAP_HINT}`),
			manualTrigger(),
			codeNode('Two product photos', code),
			ideogramNode('Describe', { operation: 'describe', binaryPropertyName: 'data', options: { describeModelVersion: 'V_3' } }),
		],
		chain('When clicking ‘Execute workflow’', 'Two product photos', 'Describe'),
	);
}

function editFromUrls() {
	const code = [
		'// The image and its mask are addresses, not files: the Ideogram node downloads both (without your',
		'// Ideogram key) and sends them on. Replace these placeholders with your own public image URLs, or',
		'// delete this node and let the previous node (a CDN listing, a database row, an AI agent) supply them.',
		`return [{ json: ${JSON.stringify(EDIT_FROM_URLS, null, '\t').replace(/\n/g, '\n')} }];`,
	].join('\n');
	return workflow(
		'ideogramExEdUrl1',
		'Ideogram: edit an image given by URL',
		[
			sticky(
				'## Edit an image given by URL\nImage Source **URL**: the node downloads the image and the mask from the addresses in `imageUrl` and `maskUrl` (read with expressions), checks they are the same size, and sends them to Ideogram. Your Ideogram key is never sent to those addresses.\n\n**The addresses in "Image addresses" are placeholders** (`cdn.example.com`): put in your own public JPEG/PNG/WebP URLs before you run it. This is also how an AI agent uses the node as a tool: it fills in the URLs, since it cannot hand over binary data.',
				[-40, -320],
				[680, 280],
			),
			manualTrigger(),
			codeNode('Image addresses', code),
			ideogramNode('Edit from URLs', {
				operation: 'edit',
				imageSource: 'url',
				imageUrl: '={{ $json.imageUrl }}',
				maskUrl: '={{ $json.maskUrl }}',
				prompt: '={{ $json.prompt }}',
				options: { renderingSpeed: 'TURBO', magicPrompt: 'OFF', seed: 99 },
			}),
		],
		chain('When clicking ‘Execute workflow’', 'Image addresses', 'Edit from URLs'),
	);
}

// ----------------------------------------------------------------------------------- end-to-end workflows

function e2eWorkflow(id, name, code, ideogram) {
	return workflow(id, name, [manualTrigger(), codeNode('Inputs', code), ideogram], chain('When clicking ‘Execute workflow’', 'Inputs', ideogram.name));
}

function validationContinue() {
	const code = samplesCode(
		'Three items that must each fail validation before anything is sent.',
		{ photo: b64(productShot(64, 64)), smallMask: b64(topMask(32, 32)), mask: b64(topMask(64, 64)) },
		[
			'return [',
			"\t{ json: { case: 'bad mask size' }, binary: { data: await file(photo, 'photo.png'), mask: await file(smallMask, 'small-mask.png') } },",
			"\t{ json: { case: 'not an image' }, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('just some text, not a picture'), 'notes.png', 'image/png'), mask: await file(mask, 'mask.png') } },",
			"\t{ json: { case: 'missing binary field' }, binary: { picture: await file(photo, 'photo.png'), mask: await file(mask, 'mask.png') } },",
			'];',
		].join('\n'),
	);
	return e2eWorkflow(
		'e2eValidation01',
		'e2e: validation errors, continue on fail',
		code,
		ideogramNode('Ideogram', { operation: 'edit', prompt: 'a hat', options: {} }, { credential: E2E_CREDENTIALS.validation, onError: 'continueRegularOutput' }),
	);
}

function validationHardFail() {
	const code = samplesCode(
		'One item with a mask of the wrong size: without "continue on fail" the execution fails.',
		{ photo: b64(productShot(64, 64)), smallMask: b64(topMask(32, 32)) },
		"return [{ json: {}, binary: { data: await file(photo, 'photo.png'), mask: await file(smallMask, 'small-mask.png') } }];",
	);
	return e2eWorkflow(
		'e2eHardFail0001',
		'e2e: validation error stops the execution',
		code,
		ideogramNode('Ideogram', { operation: 'edit', prompt: 'a hat', options: {} }, { credential: E2E_CREDENTIALS.validation }),
	);
}

function continueOnFailMixed() {
	const code = samplesCode(
		'Three items; the middle one has no "data" binary field.',
		{ photo: b64(productShot(96, 64)) },
		[
			'return [',
			"\t{ json: { n: 0 }, binary: { data: await file(photo, 'first.png') } },",
			"\t{ json: { n: 1 }, binary: { other: await file(photo, 'second.png') } },",
			"\t{ json: { n: 2 }, binary: { data: await file(photo, 'third.png') } },",
			'];',
		].join('\n'),
	);
	return e2eWorkflow(
		'e2eMixed0000001',
		'e2e: continue on fail with one bad item',
		code,
		ideogramNode('Ideogram', { operation: 'remix', prompt: '=Remix number {{ $json.n }}', options: { resolution: '1024x1024', seed: 10 } }, { credential: E2E_CREDENTIALS.mixed, onError: 'continueRegularOutput' }),
	);
}

function safety422() {
	const code = samplesCode('One good item; the sandbox answers 422 (safety check).', { photo: b64(productShot(64, 64)) }, "return [{ json: {}, binary: { data: await file(photo, 'photo.png') } }];");
	return e2eWorkflow(
		'e2eSafety000001',
		'e2e: 422 safety refusal',
		code,
		ideogramNode('Ideogram', { operation: 'remix', prompt: 'something the safety check refuses', options: {} }, { credential: E2E_CREDENTIALS.safety, onError: 'continueRegularOutput' }),
	);
}

function retry429() {
	const code = samplesCode('One good item; the sandbox first answers 429 with Retry-After: 1.', { photo: b64(productShot(80, 60)) }, "return [{ json: {}, binary: { data: await file(photo, 'photo.png') } }];");
	return e2eWorkflow(
		'e2eRetry0000001',
		'e2e: 429 with Retry-After is retried',
		code,
		ideogramNode('Ideogram', { operation: 'replaceBackground', prompt: 'a beach at sunset', options: {} }, { credential: E2E_CREDENTIALS.retry }),
	);
}

function gatewayBearer() {
	const code = samplesCode('One image in a non-default binary field, sent through a gateway with a Bearer key.', { photo: b64(productShot(128, 96)) }, "return [{ json: {}, binary: { photo: await file(photo, 'gateway.png') } }];");
	return e2eWorkflow(
		'e2eGateway00001',
		'e2e: gateway base URL with Bearer auth, custom binary fields',
		code,
		ideogramNode(
			'Ideogram',
			{ operation: 'remix', binaryPropertyName: 'photo', prompt: 'through the gateway', options: { aspectRatio: '4x3', numImages: 2, outputBinaryPropertyName: 'remixed' } },
			{ credential: E2E_CREDENTIALS.gateway },
		),
	);
}

function otherOperations() {
	const code = samplesCode('One square image for reframe, upscale and describe; generate needs no input image.', { square: b64(productShot(256, 256)) }, "return [{ json: {}, binary: { data: await file(square, 'square.png') } }];");
	const credential = E2E_CREDENTIALS.other;
	const nodes = [
		manualTrigger(),
		codeNode('Inputs', code),
		ideogramNode('Reframe', { operation: 'reframe', resolution: '1312x736', options: {} }, { credential, position: [448, -300], id: 11 }),
		ideogramNode('Upscale', { operation: 'upscale', options: { resemblance: 60, detail: 80 } }, { credential, position: [448, -100], id: 12 }),
		ideogramNode('Describe', { operation: 'describe', options: {} }, { credential, position: [448, 100], id: 13 }),
		ideogramNode('Generate', { operation: 'generate', prompt: 'a lighthouse at dusk', options: { aspectRatio: '9x16', downloadImages: false } }, { credential, position: [448, 300], id: 14 }),
	];
	return workflow('e2eOtherOps0001', 'e2e: reframe, upscale, describe, generate', nodes, chain('When clicking ‘Execute workflow’', 'Inputs', ['Reframe', 'Upscale', 'Describe', 'Generate']));
}


function urlMaskSize() {
	const code = "// Image and mask by URL; the mask is smaller than the image.\nreturn [{ json: { imageUrl: 'https://files.e2e.invalid/photo-64.png', maskUrl: 'https://files.e2e.invalid/mask-32.png' } }];";
	return e2eWorkflow(
		'e2eUrlMask00001',
		'e2e: URL image source, mask of the wrong size',
		code,
		ideogramNode(
			'Ideogram',
			{ operation: 'edit', imageSource: 'url', imageUrl: '={{ $json.imageUrl }}', maskUrl: '={{ $json.maskUrl }}', prompt: 'a hat', options: {} },
			{ credential: E2E_CREDENTIALS.urlMask, onError: 'continueRegularOutput' },
		),
	);
}

function editInpaint() {
	const code = samplesCode(
		'A photo and a mask of the same size, sent to the inpaint endpoint.',
		{ photo: b64(productShot(160, 120)), mask: b64(topMask(160, 120)) },
		"return [{ json: {}, binary: { data: await file(photo, 'inpaint.png'), mask: await file(mask, 'inpaint-mask.png') } }];",
	);
	return e2eWorkflow(
		'e2eInpaint00001',
		'e2e: edit through the inpaint endpoint',
		code,
		ideogramNode('Ideogram', { operation: 'edit', prompt: 'a paper crown', options: { editEndpoint: 'inpaint', seed: 5 } }, { credential: E2E_CREDENTIALS.inpaint }),
	);
}

function gatewayTask() {
	return e2eWorkflow(
		'e2eTaskPoll0001',
		'e2e: gateway answers with a task, the node polls it',
		"return [{ json: { subject: 'a paper boat' } }];",
		ideogramNode('Ideogram', { operation: 'generate', prompt: '={{ $json.subject }} on a pond', options: { numImages: 2, aspectRatio: '4x3' } }, { credential: E2E_CREDENTIALS.task }),
	);
}

function gatewayTaskNoStatusUrl() {
	return e2eWorkflow(
		'e2eTaskNoUrl001',
		'e2e: gateway answers with a task, no Task Status URL',
		"return [{ json: { subject: 'a paper plane' } }];",
		ideogramNode('Ideogram', { operation: 'generate', prompt: '={{ $json.subject }} in the sky', options: {} }, { credential: E2E_CREDENTIALS.taskNoUrl }),
	);
}

const FILES = {
	'examples/edit-with-mask.json': editWithMask,
	'examples/remix-three-styles.json': remixThreeStyles,
	'examples/replace-background-batch.json': replaceBackgroundBatch,
	'examples/reframe-to-landscape.json': reframeToLandscape,
	'examples/generate-text-to-image.json': generateTextToImage,
	'examples/upscale.json': upscale,
	'examples/describe.json': describe,
	'examples/edit-from-urls.json': editFromUrls,
	'test/e2e/workflows/validation-continue.json': validationContinue,
	'test/e2e/workflows/validation-hard-fail.json': validationHardFail,
	'test/e2e/workflows/continue-on-fail-mixed.json': continueOnFailMixed,
	'test/e2e/workflows/safety-422.json': safety422,
	'test/e2e/workflows/retry-429.json': retry429,
	'test/e2e/workflows/gateway-bearer.json': gatewayBearer,
	'test/e2e/workflows/other-operations.json': otherOperations,
	'test/e2e/workflows/url-mask-size.json': urlMaskSize,
	'test/e2e/workflows/edit-inpaint.json': editInpaint,
	'test/e2e/workflows/gateway-task.json': gatewayTask,
	'test/e2e/workflows/gateway-task-no-status-url.json': gatewayTaskNoStatusUrl,
};

for (const [file, make] of Object.entries(FILES)) {
	const target = path.join(ROOT, file);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.writeFileSync(target, `${JSON.stringify(make(), null, '\t')}\n`);
	console.log(`wrote ${file}`);
}
