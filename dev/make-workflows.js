#!/usr/bin/env node
'use strict';
/**
 * Writes the example workflows (examples/*.json) and the end-to-end-only workflows
 * (samples/workflows/*.json). The sample images are embedded as base64 in a Code node, so each workflow
 * runs as is, headless or in the editor. Run again after changing this file: `npm run workflows`
 * (`node dev/make-workflows.js --check` lists committed files that differ; test/tooling/workflow-files.test.js fails then).
 * The settings the e2e suite checks, the sample images and the credentials live in samples/.
 */
const fs = require('fs');
const path = require('path');

const { plantShot, posterShot, productShot, topMask } = require('../samples/images');
const {
	AGENT_TOOL,
	BATCH,
	COST_ESTIMATE,
	DESCRIBE,
	E2E_CREDENTIALS,
	EDIT_FROM_URLS,
	EXAMPLE_CREDENTIAL,
	GENERATE,
	HOSTILE_ORIGIN,
	LAYERIZE_TEXT,
	LOOPBACK_NAME_ORIGIN,
	PRECISE_EDIT,
	REMIX_STYLES,
	REMOVE_BACKGROUND,
	V2_E2E,
} = require('../samples/workflow-inputs');
const { TRUNCATED_PNG } = require('../sandbox/hostile');
const parts = require('./lib/workflow-parts');

const { chain, manualTrigger, workflow } = parts;

const ROOT = path.resolve(__dirname, '..');

function b64(buffer) {
	return buffer.toString('base64');
}

function codeNode(name, jsCode, position = [224, 0], id = 2) {
	return { id: parts.nodeId(id), name, type: 'n8n-nodes-base.code', typeVersion: 2, position, parameters: { jsCode } };
}

function ideogramNode(name, parameters, options = {}) {
	return parts.ideogramNode(name, parameters, { credential: EXAMPLE_CREDENTIAL, ...options });
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
				options: { numImages: 2, seed: 1234, renderingSpeed: 'TURBO', magicPrompt: 'OFF', editEndpoint: 'inpaint' },
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
				options: { renderingSpeed: 'TURBO', magicPrompt: 'OFF', seed: 99, editEndpoint: 'inpaint' },
			}),
		],
		chain('When clicking ‘Execute workflow’', 'Image addresses', 'Edit from URLs'),
	);
}

function removeBackground() {
	const code = samplesCode(
		'Sample input: one product photo (binary field "data"). Remove Background returns the subject on a transparent background.',
		{ photo: b64(productShot(REMOVE_BACKGROUND.width, REMOVE_BACKGROUND.height, [200, 60, 50])) },
		`return [{ json: { product: 'red mug' }, binary: { data: await file(photo, '${REMOVE_BACKGROUND.name}') } }];`,
	);
	return workflow(
		'ideogramExRmBg01',
		'Ideogram: remove the background of a photo',
		[
			sticky(`## Remove the background\nCuts the subject out of a photo: one transparent PNG of the same size, in binary field \`data\`, ready for a product page, a sticker or a composite. Images up to 25 MB. Works on api.ideogram.ai (\`POST /v1/remove-background\`); a gateway must offer that path too.\n\n${SWAP_HINT}`),
			manualTrigger(),
			codeNode('Product photo', code),
			ideogramNode('Remove background', { operation: 'removeBackground', binaryPropertyName: 'data', requestOptions: {} }, { typeVersion: 1.1 }),
		],
		chain('When clicking ‘Execute workflow’', 'Product photo', 'Remove background'),
	);
}

function layerizeText() {
	const code = samplesCode(
		'Sample input: one poster (binary field "data"). Layerize Text finds its text and returns it as text blocks, plus the poster without the text.',
		{ poster: b64(posterShot(LAYERIZE_TEXT.width, LAYERIZE_TEXT.height)) },
		`return [{ json: { campaign: 'summer sale' }, binary: { data: await file(poster, '${LAYERIZE_TEXT.name}') } }];`,
	);
	return workflow(
		'ideogramExLayer1',
		'Ideogram: separate the text from a poster',
		[
			sticky(
				`## Separate the text from an image\nLayerize Text finds the text in a poster or banner: the output item has \`text_blocks\` (position, size, text, alignment, font, colour of each block) and \`seed\`, the image **without** its text in binary \`data\`, and the original in binary \`original\`. Edit the text and set it again on the clean base (for example in another language). The prompt is optional: it helps find the text.\n\n${SWAP_HINT}`,
				[-40, -320],
				[680, 280],
			),
			manualTrigger(),
			codeNode('Poster', code),
			ideogramNode('Layerize text', { operation: 'layerizeText', binaryPropertyName: 'data', options: { prompt: LAYERIZE_TEXT.prompt, seed: LAYERIZE_TEXT.seed }, requestOptions: {} }, { typeVersion: 1.1 }),
		],
		chain('When clicking ‘Execute workflow’', 'Poster', 'Layerize text'),
	);
}

function preciseEdit45() {
	const code = samplesCode(
		'Sample input: a product photo (binary "data"), a mask of the same size (binary "mask": black = change,\nwhite = keep) and a reference image (binary "plant") showing what to add.',
		{ photo: b64(productShot(640, 480)), mask: b64(topMask(640, 480)), plant: b64(plantShot(256, 256)) },
		"return [{ json: { product: 'red mug' }, binary: { data: await file(photo, 'mug.png'), mask: await file(mask, 'mug-mask.png'), plant: await file(plant, 'plant.png') } }];",
	);
	return workflow(
		'ideogramExPrec45',
		'Ideogram: precise edit with Ideogram 4.5',
		[
			sticky(
				`## Precise edit with Ideogram 4.5\nModel **Ideogram 4.5** on Edit is Ideogram's *Precise Edit* (\`/v2/image/precise-edit/ideogram-4-5\`): the prompt says what to change, the optional mask limits where (black = change, white = keep), up to 4 **Reference Images** (3 with a mask) show what to add. The result keeps the photo's exact size; what the edit did not change is copied from the input.\n\nNeeds the official API (v2 paths): gateways serve only Ideogram 3.0. ${SWAP_HINT}`,
				[-40, -340],
				[680, 300],
			),
			manualTrigger(),
			codeNode('Photo, mask and reference', code),
			ideogramNode(
				'Precise edit',
				{
					operation: 'edit',
					model: 'ideogram-4-5',
					binaryPropertyName: 'data',
					maskBinaryPropertyName: 'mask',
					prompt: PRECISE_EDIT.prompt,
					options: { referenceImages: 'plant', quality: PRECISE_EDIT.quality, seed: PRECISE_EDIT.seed },
				},
				{ typeVersion: 1.1 },
			),
		],
		chain('When clicking ‘Execute workflow’', 'Photo, mask and reference', 'Precise edit'),
	);
}

function costEstimateBeforeBatch() {
	const prompts = `// One item per image request of the batch; replace with your own source (a sheet, a form, a database).\nreturn ${JSON.stringify(COST_ESTIMATE.prompts)}.map((prompt) => ({ json: { prompt } }));`;
	const check = [
		'// Adds up the price quotes (one item per request: usd, usd_micros, qualifier…) and stops the workflow',
		'// when the batch would cost more than the budget. Otherwise it hands the original prompts on.',
		`const budgetUsd = ${COST_ESTIMATE.budgetUsd};`,
		'const quotes = $input.all().map((item) => item.json);',
		'const totalUsd = quotes.reduce((sum, quote) => sum + quote.usd, 0);',
		'if (totalUsd > budgetUsd) {',
		"\tthrow new Error(`The batch would cost $${totalUsd.toFixed(2)}, over the budget of $${budgetUsd.toFixed(2)}`);",
		'}',
		"return $('Prompts').all().map((item) => ({ json: { ...item.json, quotedUsd: totalUsd } }));",
	].join('\n');
	const generate = (name, extra, position, id) =>
		ideogramNode(name, { operation: 'generate', model: 'ideogram-4-5', prompt: '={{ $json.prompt }}', options: { ...COST_ESTIMATE.options, ...extra } }, { position, id, typeVersion: 1.1 });
	return workflow(
		'ideogramExCost01',
		'Ideogram: estimate the cost of a batch before running it',
		[
			sticky(
				`## Estimate the cost before a batch\n**Price the batch** is the same Generate node as **Generate the batch**, with the option **Estimate Cost** on: Ideogram prices each request (\`?dry_run=true\`) and answers with a price quote per item (\`usd\`, \`usd_micros\`, \`qualifier\`…). Nothing is generated, billed or downloaded, and quotes do not count against Max Images in Flight.\n\n**Check the budget** adds the quotes up and stops the workflow above $${COST_ESTIMATE.budgetUsd.toFixed(2)}; otherwise the batch runs. Cost estimates need an Ideogram 4.x model and the official API.`,
				[-40, -360],
				[900, 320],
			),
			manualTrigger(),
			codeNode('Prompts', prompts),
			generate('Price the batch', { estimateCost: true }, [448, 0], 3),
			codeNode('Check the budget', check, [672, 0], 5),
			generate('Generate the batch', {}, [896, 0], 4),
		],
		chain('When clicking ‘Execute workflow’', 'Prompts', 'Price the batch', 'Check the budget', 'Generate the batch'),
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

/**
 * n8n's "combined" binary mode (per workflow, the editor's execution logic v2): each node's files move to
 * json._files.<name>. The photo and mask come from one branch, the prompt from another, joined by Merge 2.1
 * (Merge 3 fails in such workflows on n8n 2.40.7). Then a bare field name, a path, and a name that is not there.
 */
function combinedBinaryMode() {
	const code = samplesCode(
		'A photo and its mask, as any node that outputs files gives them.',
		{ photo: b64(productShot(160, 120)), mask: b64(topMask(160, 120)) },
		"return [{ json: { source: 'camera' }, binary: { data: await file(photo, 'combined.png'), mask: await file(mask, 'combined-mask.png') } }];",
	);
	const prompt = { id: parts.nodeId(4), name: 'Prompt', type: 'n8n-nodes-base.code', typeVersion: 2, position: [224, 200], parameters: { jsCode: "return [{ json: { prompt: 'a knitted wool hat' } }];" } };
	const merge = {
		id: parts.nodeId(5),
		name: 'Merge',
		type: 'n8n-nodes-base.merge',
		typeVersion: 2.1,
		position: [448, 0],
		parameters: { mode: 'combine', combinationMode: 'mergeByPosition', options: {} },
	};
	const credential = E2E_CREDENTIALS.combined;
	const nodes = [
		manualTrigger(),
		codeNode('Photo and mask', code),
		prompt,
		merge,
		ideogramNode('Edit by field name', { operation: 'edit', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', prompt: '={{ $json.prompt }}', options: { seed: 9 } }, { credential, position: [672, 0], id: 6 }),
		ideogramNode('Remix by path', { operation: 'remix', binaryPropertyName: '_files.data', prompt: 'the same, in watercolour', options: {} }, { credential, position: [896, 0], id: 7 }),
		ideogramNode('Field that is not there', { operation: 'remix', binaryPropertyName: 'photo', prompt: 'never sent', options: {} }, { credential, position: [1120, 0], id: 8, onError: 'continueRegularOutput' }),
	];
	const connections = {
		...chain('When clicking ‘Execute workflow’', ['Photo and mask', 'Prompt']),
		'Photo and mask': { main: [[{ node: 'Merge', type: 'main', index: 0 }]] },
		Prompt: { main: [[{ node: 'Merge', type: 'main', index: 1 }]] },
		...chain('Merge', 'Edit by field name', 'Remix by path', 'Field that is not there'),
	};
	const made = workflow('e2eCombinedBin1', 'e2e: combined binary mode (files in json._files)', nodes, connections);
	made.settings = { ...made.settings, binaryMode: 'combined' };
	return made;
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

/** Generate answered with only a generation ID (a gateway that makes calls async): polled, then fetched again. */
function asyncGeneration() {
	const credential = E2E_CREDENTIALS.generation;
	const nodes = [
		manualTrigger(),
		codeNode('Inputs', "return [{ json: { subject: 'a paper lantern' } }];"),
		ideogramNode('Generate', { operation: 'generate', model: 'ideogram-3', prompt: '={{ $json.subject }} at night', options: { numImages: 2, aspectRatio: '4x3' }, requestOptions: {} }, { credential, typeVersion: 1.1 }),
		ideogramNode('Get Generation', { operation: 'getGeneration', generationId: '={{ $json.generation_id }}', requestOptions: {} }, { credential, typeVersion: 1.1, position: [672, 0], id: 4, executeOnce: true }),
	];
	return workflow('e2eAsyncGen0001', 'e2e: async generation polled, then Get Generation', nodes, chain('When clicking ‘Execute workflow’', 'Inputs', 'Generate', 'Get Generation'));
}

function asyncGenerationFailed() {
	return e2eWorkflow(
		'e2eAsyncGenFail1',
		'e2e: async generation that fails',
		"return [{ json: { subject: 'a paper kite' } }];",
		ideogramNode('Ideogram', { operation: 'generate', model: 'ideogram-3', prompt: '={{ $json.subject }}', options: {}, requestOptions: {} }, { credential: E2E_CREDENTIALS.generationFailed, typeVersion: 1.1, onError: 'continueRegularOutput' }),
	);
}

/** Generate 4.5, Remix 4.0 and Remix 4.5 from one input, a 4.5 Generate whose JSON holds a 3.0 option, a 1.1 node without model. */
function v2Models() {
	const credential = E2E_CREDENTIALS.v2Models;
	const code = samplesCode(
		'One photo and one reference image for the 4.x models.',
		{ photo: b64(productShot(320, 240)), reference: b64(productShot(128, 128, [40, 90, 170])) },
		"return [{ json: {}, binary: { data: await file(photo, 'v2-photo.png'), reference: await file(reference, 'v2-reference.png') } }];",
	);
	const node = (name, parameters, y, id, onError) => ideogramNode(name, parameters, { credential, position: [448, y], id, typeVersion: 1.1, onError });
	const nodes = [
		manualTrigger(),
		codeNode('Inputs', code),
		node('Generate 4.5', { operation: 'generate', model: 'ideogram-4-5', prompt: V2_E2E.generatePrompt, options: { numImages: 2, seed: 11, magicPrompt: 'OFF', quality: 'low', size: '1024x1024', enableCopyrightDetection: true } }, -300, 11),
		node('Remix 4.0', { operation: 'remix', model: 'ideogram-4', binaryPropertyName: 'data', prompt: V2_E2E.remixPrompt, options: { imageWeight: 60, seed: 12 } }, -100, 12),
		node('Remix 4.5', { operation: 'remix', model: 'ideogram-4-5', binaryPropertyName: 'data', prompt: V2_E2E.remixPrompt, options: { referenceImages: 'reference', quality: 'high', magicPrompt: 'AUTO', seed: 13 } }, 100, 13),
		// A 3.0 option left in a 4.5 node's JSON: the panel hides it for 4.5, so n8n drops it when it loads the workflow.
		node('Generate 4.5 with a 3.0 option', { operation: 'generate', model: 'ideogram-4-5', prompt: V2_E2E.hiddenOptionPrompt, options: { styleType: 'DESIGN' } }, 300, 14, 'continueRegularOutput'),
		// No `model` in the JSON of a 1.1 node: n8n fills in the 1.1 default, the newest model.
		node('Generate, 1.1 node without model', { operation: 'generate', prompt: V2_E2E.defaultModelPrompt, options: {} }, 500, 15),
	];
	return workflow('e2eV2Models0001', 'e2e: 4.x models (generate 4.5, remix 4.0 and 4.5, a hidden 3.0 option, the 1.1 default model)', nodes, chain('When clicking ‘Execute workflow’', 'Inputs', ['Generate 4.5', 'Remix 4.0', 'Remix 4.5', 'Generate 4.5 with a 3.0 option', 'Generate, 1.1 node without model']));
}

/** A cost estimate alone (Precise Edit 4.5, two items): nothing may be generated or downloaded. */
function v2EstimateOnly() {
	const code = samplesCode(
		'Two photos to price a precise edit for.',
		{ photo: b64(productShot(320, 240)) },
		"return [\n\t{ json: { n: 1 }, binary: { data: await file(photo, 'quote-1.png') } },\n\t{ json: { n: 2 }, binary: { data: await file(photo, 'quote-2.png') } },\n];",
	);
	return e2eWorkflow(
		'e2eV2Estimate01',
		'e2e: cost estimate of a 4.5 precise edit, nothing generated',
		code,
		ideogramNode('Ideogram', { operation: 'edit', model: 'ideogram-4-5', binaryPropertyName: 'data', prompt: 'Add a striped straw', options: { estimateCost: true, numImages: 3, quality: 'high' } }, { credential: E2E_CREDENTIALS.v2Estimate, typeVersion: 1.1 }),
	);
}

/** A 4.5 Generate with a webhook: submitted at once; Get Generation fetches the images after a Wait. */
function v2Webhook() {
	const credential = E2E_CREDENTIALS.v2Webhook;
	const nodes = [
		manualTrigger(),
		codeNode('Inputs', "return [{ json: { subject: 'a kite over dunes' } }];"),
		ideogramNode('Submit', { operation: 'generate', model: 'ideogram-4-5', prompt: '={{ $json.subject }}', options: { webhookUrl: V2_E2E.webhookUrl, numImages: 2, seed: 21 } }, { credential, id: 3, typeVersion: 1.1 }),
		{ id: 'a1f0c0de-0000-4000-8000-000000000004', name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [672, 0], parameters: { amount: 2, unit: 'seconds' }, webhookId: 'a1f0c0de-0000-4000-8000-0000000000aa' },
		ideogramNode('Get Generation', { operation: 'getGeneration', generationId: '={{ $json.generation_id }}' }, { credential, position: [896, 0], id: 5, typeVersion: 1.1 }),
	];
	return workflow('e2eV2Webhook001', 'e2e: webhook async generate, then Get Generation', nodes, chain('When clicking ‘Execute workflow’', 'Inputs', 'Submit', 'Wait', 'Get Generation'));
}

/** Edit with Ideogram 3.0 in a new (1.1) node, no Edit Endpoint set: `auto`, which is `edit` on a gateway. */
function editAutoGateway() {
	const code = samplesCode(
		'A photo and a mask of the same size.',
		{ photo: b64(productShot(160, 120)), mask: b64(topMask(160, 120)) },
		"return [{ json: {}, binary: { data: await file(photo, 'auto.png'), mask: await file(mask, 'auto-mask.png') } }];",
	);
	return e2eWorkflow(
		'e2eEditAuto0001',
		'e2e: edit endpoint auto on a gateway Base URL',
		code,
		ideogramNode('Ideogram', { operation: 'edit', model: 'ideogram-3', prompt: 'a paper crown', options: { seed: 6 } }, { credential: E2E_CREDENTIALS.editAuto, typeVersion: 1.1 }),
	);
}


/**
 * n8n's AI Agent with the OpenAI Chat Model and this node as its tool, at one agent version. The model is the
 * e2e suite's mock OpenAI server (its credential's Base URL, set at import); the tool's Remix parameters are
 * `$fromAI` expressions: n8n offers them to the model as the tool's arguments. With `binarySource` the tool
 * is left on Image Source "Binary Data", which an agent cannot feed: the node must refuse before sending.
 */
function agentTool(agentVersion, { binarySource = false } = {}) {
	const tag = `${String(agentVersion).replace('.', '')}${binarySource ? 'b' : ''}`;
	const label = `${agentVersion}${binarySource ? ', binary input' : ''}`;
	const nodes = [
		manualTrigger(),
		{
			id: 'a1f0c0de-0000-4000-8000-000000000020',
			name: AGENT_TOOL.agentNode,
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: agentVersion,
			position: [224, 0],
			parameters: { promptType: 'define', text: `Remix the photo at ${AGENT_TOOL.imageUrl} into a watercolour painting.`, options: {} },
		},
		{
			id: 'a1f0c0de-0000-4000-8000-000000000021',
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			position: [160, 220],
			parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, responsesApiEnabled: false, options: {} },
			credentials: { openAiApi: { id: `e2eCredOpenAi${tag}`, name: `Mock OpenAI (agent ${label})` } },
		},
		{
			...ideogramNode(
				AGENT_TOOL.toolNode,
				{
					operation: 'remix',
					...(binarySource ? {} : { imageSource: 'url', imageUrl: "={{ $fromAI('imageUrl', 'Public URL of the image to remix', 'string') }}" }),
					prompt: "={{ $fromAI('prompt', 'What the remixed image should show', 'string') }}",
					options: {},
				},
				// One credential per agent version: e2e.js points each at its case's own sandbox.
				{ credential: { id: `e2eCredAgent${tag}`.padEnd(15, '0'), name: `Ideogram e2e AI Agent ${label}` }, position: [400, 220], id: 22 },
			),
			type: `${parts.NODE_TYPE}Tool`,
		},
	];
	const connections = {
		...chain('When clicking ‘Execute workflow’', AGENT_TOOL.agentNode),
		'OpenAI Chat Model': { ai_languageModel: [[{ node: AGENT_TOOL.agentNode, type: 'ai_languageModel', index: 0 }]] },
		[AGENT_TOOL.toolNode]: { ai_tool: [[{ node: AGENT_TOOL.agentNode, type: 'ai_tool', index: 0 }]] },
	};
	const name = `e2e: AI Agent ${agentVersion} calls the Ideogram tool${binarySource ? ' set to binary input' : ''}`;
	return workflow(`e2eAgentV${tag}x001`.slice(0, 15), name, nodes, connections);
}

// ------------------------------------------------------------- hostile servers (sandbox/hostile.js, issue 10)

/**
 * One workflow that runs Ideogram nodes one after the other, each continuing on fail, so every hostile case
 * gives its own error item; the sandbox answers each request with the next queued fault (cases.js).
 */
function hostileChain(id, name, code, credential, steps) {
	const nodes = steps.map(([nodeName, parameters], index) =>
		ideogramNode(nodeName, parameters, { credential, onError: 'continueRegularOutput', id: 100 + index, position: [448 + 224 * index, 0] }),
	);
	return workflow(id, name, [manualTrigger(), codeNode('Inputs', code), ...nodes], chain('When clicking ‘Execute workflow’', 'Inputs', ...nodes.map((node) => node.name)));
}

const generateWith = (options) => ({ operation: 'generate', prompt: 'a hostile test', options });
const remixFromUrl = (url, options = {}) => ({ operation: 'remix', imageSource: 'url', imageUrl: url, prompt: 'a hostile test', options });

function hostileApi() {
	return hostileChain('e2eHostileApi01', 'e2e: hostile API answers', "return [{ json: {} }];", E2E_CREDENTIALS.hostileApi, [
		['Timeout 0', generateWith({ timeout: 0 })],
		['Key echo 401', generateWith({})],
		['HTML with key', generateWith({})],
		['Oversized JSON', generateWith({})],
		['Extra images', generateWith({})],
		['Empty answer', generateWith({})],
		['Data not a list', generateWith({})],
		['Null image', generateWith({})],
		['Byte trickle', generateWith({ timeout: 2 })],
		['Internal result URLs', generateWith({ numImages: 3 })],
	]);
}

function hostileDownloads() {
	const code = samplesCode('A PNG cut off right after its header (binary field "cut").', { cut: b64(TRUNCATED_PNG) }, "return [{ json: {}, binary: { cut: await file(cut, 'cut.png') } }];");
	return hostileChain('e2eHostileDl001', 'e2e: hostile image host', code, E2E_CREDENTIALS.hostileDownloads, [
		['Truncated binary input', { operation: 'remix', binaryPropertyName: 'cut', prompt: 'a hostile test', options: {} }],
		['Trickled result', generateWith({ timeout: 2 })],
		['Result without headers', generateWith({ timeout: 2, numImages: 2 })],
		['Announced 300 MB result', generateWith({})],
		['Input URL with %ZZ', remixFromUrl(`${HOSTILE_ORIGIN}valid%ZZ.png`, { downloadImages: false })],
		['Truncated input URL', remixFromUrl(`${HOSTILE_ORIGIN}truncated.png`)],
		['Metadata input URL', remixFromUrl('http://169.254.169.254/latest/meta-data/image.png')],
		['Redirect to metadata', remixFromUrl(`${HOSTILE_ORIGIN}redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`)],
	]);
}

function hostileEndless() {
	return hostileChain('e2eHostileEnd01', 'e2e: endless result image (memory)', "return [{ json: {} }];", E2E_CREDENTIALS.hostileEndless, [
		// Timeout bounds the run should the cap ever fail to stop the transfer.
		['Endless result', generateWith({ maxDownloadSize: 10, timeout: 30 })],
	]);
}

/** Issue 19: image URLs whose host NAME resolves to 127.0.0.1, with Allow Private Addresses off and on, and a result that redirects to one. */
function hostileNames() {
	return hostileChain('e2eHostileNam01', 'e2e: names that resolve to loopback', "return [{ json: {} }];", E2E_CREDENTIALS.hostileNames, [
		['Name to loopback', remixFromUrl(`${LOOPBACK_NAME_ORIGIN}valid.png`, { downloadImages: false })],
		['Name to loopback, allowed', remixFromUrl(`${LOOPBACK_NAME_ORIGIN}valid.png`, { downloadImages: false, allowPrivateAddresses: true })],
		['Result redirects to a loopback name', generateWith({})],
	]);
}

/** Issue 19: 40 items × 8 results from a slow result host, each result stopped at a 2 MB Max Download Size. */
function hostileMemory() {
	return hostileChain('e2eHostileMem01', 'e2e: 40 items x 8 results (memory)', 'return Array.from({ length: 40 }, (_, index) => ({ json: { index } }));', E2E_CREDENTIALS.hostileMemory, [
		['Forty by eight', generateWith({ numImages: 8, concurrency: 8, maxDownloadSize: 2, timeout: 60 })],
	]);
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
	'examples/remove-background.json': removeBackground,
	'examples/layerize-text.json': layerizeText,
	'examples/ideogram-4-5-precise-edit.json': preciseEdit45,
	'examples/cost-estimate-before-batch.json': costEstimateBeforeBatch,
	'samples/workflows/validation-continue.json': validationContinue,
	'samples/workflows/validation-hard-fail.json': validationHardFail,
	'samples/workflows/continue-on-fail-mixed.json': continueOnFailMixed,
	'samples/workflows/safety-422.json': safety422,
	'samples/workflows/retry-429.json': retry429,
	'samples/workflows/gateway-bearer.json': gatewayBearer,
	'samples/workflows/other-operations.json': otherOperations,
	'samples/workflows/url-mask-size.json': urlMaskSize,
	'samples/workflows/edit-inpaint.json': editInpaint,
	'samples/workflows/gateway-task.json': gatewayTask,
	'samples/workflows/gateway-task-no-status-url.json': gatewayTaskNoStatusUrl,
	'samples/workflows/async-generation.json': asyncGeneration,
	'samples/workflows/async-generation-failed.json': asyncGenerationFailed,
	'samples/workflows/v2-models.json': v2Models,
	'samples/workflows/v2-estimate-only.json': v2EstimateOnly,
	'samples/workflows/v2-webhook.json': v2Webhook,
	'samples/workflows/edit-auto-gateway.json': editAutoGateway,
	'samples/workflows/agent-tool-3.1.json': () => agentTool(3.1),
	'samples/workflows/agent-tool-3.0.json': () => agentTool(3),
	'samples/workflows/agent-tool-2.2.json': () => agentTool(2.2),
	'samples/workflows/agent-tool-binary-3.1.json': () => agentTool(3.1, { binarySource: true }),
	'samples/workflows/hostile-api.json': hostileApi,
	'samples/workflows/hostile-downloads.json': hostileDownloads,
	'samples/workflows/hostile-endless.json': hostileEndless,
	'samples/workflows/hostile-names.json': hostileNames,
	'samples/workflows/hostile-memory.json': hostileMemory,
	'samples/workflows/combined-binary-mode.json': combinedBinaryMode,
	// The catalogue's newer operations and models, and spend control (issues 18 and 21).
	...require('./catalogue-workflows').catalogueWorkflows({ b64, codeNode, ideogramNode, samplesCode, sticky, SWAP_HINT }),
};

/** Every generated file's path (from the repository root) and its text as this generator writes it. */
function workflowFiles() {
	return Object.entries(FILES).map(([file, make]) => ({ file, text: `${JSON.stringify(make(), null, '\t')}\n` }));
}

/** The generated files whose committed text differs from this generator's output (missing ones included). */
function driftedFiles(root = ROOT, files = workflowFiles()) {
	return files
		.filter(({ file, text }) => !fs.existsSync(path.join(root, file)) || fs.readFileSync(path.join(root, file), 'utf8') !== text)
		.map(({ file }) => file);
}

module.exports = { driftedFiles, workflowFiles };

if (require.main === module) {
	if (process.argv.includes('--check')) {
		const drifted = driftedFiles();
		for (const file of drifted) console.log(`differs from dev/make-workflows.js: ${file}`);
		console.log(drifted.length === 0 ? `all ${Object.keys(FILES).length} workflow files match dev/make-workflows.js` : 'run npm run workflows and commit the result');
		process.exitCode = drifted.length === 0 ? 0 : 1;
	} else {
		for (const { file, text } of workflowFiles()) {
			const target = path.join(ROOT, file);
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.writeFileSync(target, text);
			console.log(`wrote ${file}`);
		}
	}
}
