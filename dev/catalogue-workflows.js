'use strict';
/**
 * The example and end-to-end workflows of the catalogue's newer operations and models (issue 18: Upscale
 * models, Remove Object, vectors, Generate 4.0 and the transparent models, Describe 4.0, Replace Background
 * 4.5, the node version 1.2 defaults) and of spend control (issue 21: Max Cost per Execution, Get Usage).
 * dev/make-workflows.js writes them with the others; it hands in its building blocks (`parts`), so both files
 * build workflows the same way.
 */
const { encodePng, productShot, topMask } = require('../samples/images');
const { CATALOGUE_CREDENTIALS, CATALOGUE_EXAMPLES, NIGHTLY_BATCH, SPEND_E2E } = require('../samples/workflow-inputs');
const { chain, manualTrigger, nodeId, workflow } = require('./lib/workflow-parts');

const TRIGGER = 'When clicking ‘Execute workflow’';

/** A flat two-colour logo (an orange disc with a dark square in it) on white: what Vectorize is made for. */
function logoPicture(width, height) {
	const cx = width / 2;
	const cy = height / 2;
	const radius = Math.min(width, height) * 0.4;
	const half = radius * 0.45;
	return encodePng(width, height, (x, y) => {
		if (Math.abs(x - cx) <= half && Math.abs(y - cy) <= half) return [30, 40, 90];
		return Math.hypot(x - cx, y - cy) <= radius ? [240, 130, 30] : [255, 255, 255];
	});
}

/** Where the desk photo's stray object (a blue box right of the mug) is: the Remove Object mask is white there. */
function boxArea(width, height) {
	return { left: width * 0.72, right: width * 0.88, top: height * 0.5, bottom: height * 0.78 };
}

/** A desk photo: a red mug on a light backdrop, and a blue box beside it that should not be there. */
function deskPhoto(width, height) {
	const box = boxArea(width, height);
	const mug = { left: width * 0.38, right: width * 0.62, top: height * 0.3, bottom: height * 0.78 };
	const inside = (area, x, y) => x >= area.left && x < area.right && y >= area.top && y < area.bottom;
	return encodePng(width, height, (x, y) => {
		if (inside(box, x, y)) return [40, 80, 190];
		if (inside(mug, x, y)) return [200, 60, 50];
		if (y > height * 0.78) return [205, 200, 192];
		const v = 236 - Math.round((18 * y) / height);
		return [v, v, v + 4];
	});
}

/** White over the box (what Remove Object removes), black elsewhere (kept). */
function boxMask(width, height) {
	const box = boxArea(width, height);
	const margin = 6;
	return encodePng(width, height, (x, y) =>
		x >= box.left - margin && x < box.right + margin && y >= box.top - margin && y < box.bottom + margin ? [255, 255, 255] : [0, 0, 0],
	);
}

/** A Code node that returns `count` items, each `{ prompt: "<prefix> <n>" }` (n from 1). */
function numberedPrompts(count, prefix) {
	return `// ${count} items, one prompt each.\nreturn Array.from({ length: ${count} }, (_, index) => ({ json: { prompt: \`${prefix} \${index + 1}\` } }));`;
}

/**
 * The workflows, by the file each is written to. `parts` are make-workflows.js's building blocks:
 * { b64, codeNode, ideogramNode (the examples' credential unless given one), samplesCode, sticky, SWAP_HINT }.
 */
function catalogueWorkflows({ b64, codeNode, ideogramNode, samplesCode, sticky, SWAP_HINT }) {
	// ------------------------------------------------------------------------------------------ examples

	function logoToSvg() {
		const { logo } = CATALOGUE_EXAMPLES;
		const code = samplesCode(
			'Sample input: a flat logo picture (binary field "data"). Vectorize traces it into an SVG.',
			{ picture: b64(logoPicture(logo.width, logo.height)) },
			`return [{ json: { brand: 'fox studio' }, binary: { data: await file(picture, '${logo.name}') } }];`,
		);
		return workflow(
			'ideogramExSvg001',
			'Ideogram: turn a logo picture into an SVG',
			[
				sticky(
					`## Logo to SVG\n**Vectorize** traces a logo, an icon or a drawing (binary \`data\`) into an SVG vector graphic: one output item with the SVG in binary \`data\` (\`image/svg+xml\`, named \`.svg\`) and its \`url\`, \`width\` and \`height\`. Ideogram works on it asynchronously; the node polls until it is ready.\n\nNo logo yet? **Generate Vector** makes SVGs from a prompt instead. An SVG is active content once opened in a browser: a result with scripts or external references is refused unless Request Options → **Allow Active SVG** is on.\n\n${SWAP_HINT}`,
					[-40, -360],
					[720, 320],
				),
				manualTrigger(),
				codeNode('Logo picture', code),
				ideogramNode('Vectorize', { operation: 'vectorize', binaryPropertyName: 'data' }, { typeVersion: 1.2 }),
			],
			chain(TRIGGER, 'Logo picture', 'Vectorize'),
		);
	}

	function removeAnObject() {
		const { removeObject } = CATALOGUE_EXAMPLES;
		const code = samplesCode(
			'Sample input: a desk photo (binary field "data") with a blue box beside the mug, and a mask of the same size\n(binary field "mask"): WHITE over the box marks what is removed, black is kept.',
			{ photo: b64(deskPhoto(removeObject.width, removeObject.height)), mask: b64(boxMask(removeObject.width, removeObject.height)) },
			`return [{ json: { scene: 'desk' }, binary: { data: await file(photo, '${removeObject.name}'), mask: await file(mask, '${removeObject.maskName}') } }];`,
		);
		return workflow(
			'ideogramExRmObj1',
			'Ideogram: remove an object from a photo',
			[
				sticky(
					`## Remove an object\n**Remove Object** erases what the **white** area of the mask covers and fills it in from its surroundings; the rest of the photo is kept. The result has the photo's size, in binary \`data\`. Ideogram works on it asynchronously; the node polls until it is ready.\n\nThis mask is the **opposite of Edit's** (where black is repainted). To reuse an Edit mask, or one drawn the other way round, turn on Options → **Invert Mask** (PNG masks).\n\n${SWAP_HINT} A form needs two File fields: \`data\` (photo) and \`mask\`.`,
					[-40, -360],
					[720, 320],
				),
				manualTrigger(),
				codeNode('Photo and mask', code),
				ideogramNode(
					'Remove object',
					{ operation: 'removeObject', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', options: { seed: removeObject.seed } },
					{ typeVersion: 1.2 },
				),
			],
			chain(TRIGGER, 'Photo and mask', 'Remove object'),
		);
	}

	function upscaleForPrint() {
		const { print } = CATALOGUE_EXAMPLES;
		const code = samplesCode(
			`Sample input: a small ${print.width} × ${print.height} picture (binary field "data") to print large.`,
			{ photo: b64(productShot(print.width, print.height, [30, 120, 160])) },
			`return [{ json: { product: 'blue mug' }, binary: { data: await file(photo, '${print.name}') } }];`,
		);
		return workflow(
			'ideogramExPrint1',
			'Ideogram: upscale an image for print',
			[
				sticky(
					`## Upscale for print\nModel **Topaz Wonder 3.5**, Upscale Factor **x4**: the ${print.width} × ${print.height} picture comes back at ${print.width * 4} × ${print.height * 4}, in binary \`data\`. Enhancement Strength sets how much detail it adds. The other models: **Auto** (Ideogram picks), Topaz Standard 2, Text Refine (lettering), Bloom 2 and Redefine (creative, with a prompt), Nano Banana Pro (to a 1K/2K/4K tier). An output over 8192 pixels a side is refused before anything is sent. Upscales are priced per output megapixel: turn on Options → Estimate Cost to see the price first.\n\n${SWAP_HINT}`,
					[-40, -380],
					[720, 340],
				),
				manualTrigger(),
				codeNode('Small picture', code),
				ideogramNode(
					'Upscale x4',
					{
						operation: 'upscale',
						model: 'topaz-wonder-3-5',
						binaryPropertyName: 'data',
						options: { upscaleFactor: print.upscaleFactor, enhancementStrength: print.enhancementStrength, seed: print.seed },
					},
					{ typeVersion: 1.2 },
				),
			],
			chain(TRIGGER, 'Small picture', 'Upscale x4'),
		);
	}

	function nightlyBatch() {
		const prompts = `// Tonight's batch: one item per image. Replace with your own source (a sheet, a database, an RSS feed).\nreturn ${JSON.stringify(NIGHTLY_BATCH.prompts, null, '\t')}.map((prompt) => ({ json: { prompt } }));`;
		const report = [
			'// The items the node did not send (Stop Before Sending: all of them, each saying why). Replace this node',
			'// with Slack, email or a ticket so someone looks at the batch before it runs.',
			'const errors = $input.all().map((item) => item.json.error);',
			'return [{ json: { notSent: errors.length, reason: errors[0] } }];',
		].join('\n');
		// On Error → Continue: an item that was not sent comes out with `error`; the IF node sends those one way.
		const notSent = {
			id: nodeId(4),
			name: 'Not sent?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2,
			position: [672, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
					conditions: [{ id: 'a1f0c0de-0000-4000-8000-0000000000c1', leftValue: '={{ $json.error }}', rightValue: '', operator: { type: 'string', operation: 'exists', singleValue: true } }],
					combinator: 'and',
				},
				options: {},
			},
		};
		const total = (NIGHTLY_BATCH.prompts.length * 0.03).toFixed(2);
		const fits = Math.floor(NIGHTLY_BATCH.maxCostUsd / 0.03);
		return workflow(
			'ideogramExNight1',
			'Ideogram: nightly batch with a spending limit',
			[
				sticky(
					`## Nightly batch with a spending limit\nMeant to run on a **Schedule Trigger** (swap it for the Manual Trigger): ${NIGHTLY_BATCH.prompts.length} prompts go to **Generate** (Ideogram 4.5, quality low). Request Options → **Max Cost per Execution** is $${NIGHTLY_BATCH.maxCostUsd.toFixed(2)}: before anything is billed, the node prices every item (\`dry_run\`, nothing rendered or billed) and adds the quotes up ($${total} here at $0.03 an image).\n\n**When Over Budget**:\n- **Stop Before Sending** (this example, the default): over the limit, **nothing** is sent. With Settings → On Error → *Continue*, each item comes out with an \`error\` saying it was not sent; **Not sent?** routes those to **Not sent: tell someone**. Without it the execution fails with the total and the limit.\n- **Send What Fits**: items are sent in input order while their running total stays within the limit (here the first ${fits}, $${(fits * 0.03).toFixed(2)}); the rest are reported as not sent.\n\nEvery result carries \`cost\` (\`usd\`, \`requestUsd\`, \`source\`), the first \`executionCostUsd\`. Priced on the v2 models (4.x) of the official API; Get Usage reads what the organisation spent.`,
					[-40, -520],
					[900, 480],
				),
				manualTrigger(),
				codeNode("Tonight's prompts", prompts),
				ideogramNode(
					'Generate the batch',
					{
						operation: 'generate',
						model: 'ideogram-4-5',
						prompt: '={{ $json.prompt }}',
						options: { quality: NIGHTLY_BATCH.quality, numImages: 1 },
						requestOptions: { maxCostUsd: NIGHTLY_BATCH.maxCostUsd, whenOverBudget: 'stopBeforeSending' },
					},
					{ typeVersion: 1.2, onError: 'continueRegularOutput' },
				),
				notSent,
				codeNode('Not sent: tell someone', report, [896, -100], 5),
			],
			chain(TRIGGER, "Tonight's prompts", 'Generate the batch', 'Not sent?', 'Not sent: tell someone'),
		);
	}

	// ------------------------------------------------------------------------------- end-to-end workflows

	/** Nodes side by side after one Code node, each its own branch (a failing one does not stop the others). */
	function fanOut(id, name, code, credential, nodes) {
		const built = nodes.map(([nodeName, parameters, options = {}], index) =>
			ideogramNode(nodeName, parameters, { credential, typeVersion: 1.2, position: [448, -300 + 200 * index], id: 10 + index, ...options }),
		);
		return workflow(id, name, [manualTrigger(), codeNode('Inputs', code), ...built], chain(TRIGGER, 'Inputs', built.map((node) => node.name)));
	}

	function upscaleModels() {
		const code = samplesCode('One small photo for every upscale.', { photo: b64(productShot(160, 120)) }, "return [{ json: {}, binary: { data: await file(photo, 'small.png') } }];");
		return fanOut('e2eCatUpscale01', 'e2e: upscale models (auto, Topaz Wonder 3.5, the 1.2 and 1.1 defaults)', code, CATALOGUE_CREDENTIALS.upscale, [
			['Upscale auto', { operation: 'upscale', model: 'auto', binaryPropertyName: 'data', options: { seed: 3 } }],
			['Upscale Topaz Wonder x4', { operation: 'upscale', model: 'topaz-wonder-3-5', binaryPropertyName: 'data', options: { upscaleFactor: 'x4', enhancementStrength: 'high', seed: 4 } }],
			// No `model` in the JSON: n8n fills in the node version's default (1.2: auto; 1.1: legacy).
			['Upscale 1.2 without model', { operation: 'upscale', binaryPropertyName: 'data', options: {} }],
			['Upscale 1.1 without model', { operation: 'upscale', binaryPropertyName: 'data', options: { detail: 70 } }, { typeVersion: 1.1 }],
		]);
	}

	function removeObjectPolled() {
		const code = samplesCode(
			'A desk photo with a box to remove, its mask (white = remove), and an Edit-style mask (black = change) for Invert Mask.',
			{ photo: b64(deskPhoto(320, 240)), mask: b64(boxMask(320, 240)), editMask: b64(topMask(320, 240)) },
			"return [{ json: {}, binary: { data: await file(photo, 'desk.png'), mask: await file(mask, 'desk-mask.png'), editMask: await file(editMask, 'edit-mask.png') } }];",
		);
		return fanOut('e2eCatRmObject1', 'e2e: remove object, polled to completion; Invert Mask', code, CATALOGUE_CREDENTIALS.removeObject, [
			['Remove object', { operation: 'removeObject', binaryPropertyName: 'data', maskBinaryPropertyName: 'mask', options: { seed: 5 } }],
			['Remove object, inverted Edit mask', { operation: 'removeObject', binaryPropertyName: 'data', maskBinaryPropertyName: 'editMask', options: { invertMask: true } }],
		]);
	}

	function vectors() {
		const code = samplesCode('A logo picture for Vectorize.', { logo: b64(logoPicture(120, 90)) }, "return [{ json: {}, binary: { data: await file(logo, 'logo.png') } }];");
		return fanOut('e2eCatVectors01', 'e2e: generate vector, vectorize, an SVG with a script refused and kept', code, CATALOGUE_CREDENTIALS.vectors, [
			['Generate vector', { operation: 'generateVector', prompt: 'A fox head logo, flat orange shapes', options: { quality: 'low', numImages: 2, seed: 6 } }],
			['Vectorize', { operation: 'vectorize', binaryPropertyName: 'data' }],
			// The sandbox puts a <script> in the SVG of a prompt containing "script-test".
			['Vector with a script', { operation: 'generateVector', prompt: 'A badge script-test', options: { quality: 'low' } }, { onError: 'continueRegularOutput' }],
			['Vector with a script, allowed', { operation: 'generateVector', prompt: 'A badge script-test', options: { quality: 'low' }, requestOptions: { allowActiveSvg: true } }],
		]);
	}

	function generateModels() {
		return fanOut('e2eCatGenerate1', 'e2e: generate with Ideogram 4.0 (JSON) and the transparent models', "return [{ json: { subject: 'a red kite' } }];", CATALOGUE_CREDENTIALS.generateModels, [
			['Generate 4.0', { operation: 'generate', model: 'ideogram-4', prompt: '={{ $json.subject }} over a beach', options: { numImages: 2, seed: 7, renderingSpeed: 'TURBO', resolutionV4: '1024x1024' } }],
			['Generate 4.0 transparent', { operation: 'generate', model: 'ideogram-4-transparent', prompt: 'a blue bottle sticker', options: { outputResolution: '1k', seed: 8 } }],
			['Generate 3.0 transparent', { operation: 'generate', model: 'ideogram-3-transparent', prompt: 'a green leaf sticker', options: { upscaleFactor: 'x2', seed: 9 } }],
		]);
	}

	function describeAndReplace() {
		const code = samplesCode(
			'A product photo, and a background reference for Replace Background 4.5.',
			{ photo: b64(productShot(320, 240)), background: b64(productShot(300, 200, [40, 150, 60])) },
			"return [{ json: {}, binary: { data: await file(photo, 'mug.png'), background: await file(background, 'garden.png') } }];",
		);
		return fanOut('e2eCatDescribe1', 'e2e: describe 4.0 (json_prompt, the 1.2 default), replace background 4.5 with a reference', code, CATALOGUE_CREDENTIALS.describeReplace, [
			['Describe 4.0', { operation: 'describe', model: 'ideogram-4', binaryPropertyName: 'data', options: { includeTags: true, includeStyleDescriptions: true } }],
			['Describe 1.2 without model', { operation: 'describe', binaryPropertyName: 'data', options: {} }],
			['Replace background 4.5', { operation: 'replaceBackground', model: 'ideogram-4-5', binaryPropertyName: 'data', backgroundReferenceBinaryPropertyName: 'background', options: { numImages: 1 } }],
		]);
	}

	function spendBatch(id, name, credential, requestOptions, onError) {
		const generate = ideogramNode(
			'Generate',
			{ operation: 'generate', model: 'ideogram-4-5', prompt: '={{ $json.prompt }}', options: { quality: 'low', numImages: 1, seed: 12 }, requestOptions },
			{ credential, typeVersion: 1.2, onError },
		);
		return workflow(id, name, [manualTrigger(), codeNode('Inputs', numberedPrompts(SPEND_E2E.items, SPEND_E2E.prompt)), generate], chain(TRIGGER, 'Inputs', 'Generate'));
	}

	function usage(id, name, credential, { render }) {
		const getUsage = ideogramNode(
			'Get usage',
			{ operation: 'getUsage', startTime: '={{ new Date(Date.now() - 3600000).toISOString() }}', bucketWidth: '1h', sources: ['api'] },
			{ credential, typeVersion: 1.2, position: [672, 0], id: 4, executeOnce: true, onError: render ? undefined : 'continueRegularOutput' },
		);
		const nodes = [manualTrigger(), codeNode('Inputs', "return [{ json: { prompt: 'a brass desk lamp' } }];")];
		if (render) {
			nodes.push(
				ideogramNode('Generate', { operation: 'generate', model: 'ideogram-4-5', prompt: '={{ $json.prompt }}', options: { quality: 'low' }, requestOptions: { downloadImages: false } }, { credential, typeVersion: 1.2 }),
			);
		}
		nodes.push(getUsage);
		return workflow(id, name, nodes, chain(...nodes.map((node) => node.name)));
	}

	return {
		'examples/logo-to-svg.json': logoToSvg,
		'examples/remove-an-object.json': removeAnObject,
		'examples/upscale-for-print.json': upscaleForPrint,
		'examples/nightly-batch-with-spending-limit.json': nightlyBatch,
		'samples/workflows/catalogue-upscale.json': upscaleModels,
		'samples/workflows/catalogue-remove-object.json': removeObjectPolled,
		'samples/workflows/catalogue-vectors.json': vectors,
		'samples/workflows/catalogue-generate-models.json': generateModels,
		'samples/workflows/catalogue-describe-replace.json': describeAndReplace,
		'samples/workflows/spend-stop-before-sending.json': () =>
			spendBatch('e2eSpendStop001', 'e2e: spend, 12 items over the limit, stop before sending', CATALOGUE_CREDENTIALS.spendStop, { maxCostUsd: SPEND_E2E.stopLimitUsd, whenOverBudget: 'stopBeforeSending' }),
		'samples/workflows/spend-send-what-fits.json': () =>
			spendBatch('e2eSpendFits001', 'e2e: spend, 12 items over the limit, send what fits', CATALOGUE_CREDENTIALS.spendFits, { maxCostUsd: SPEND_E2E.fitsLimitUsd, whenOverBudget: 'sendWhatFits' }, 'continueRegularOutput'),
		'samples/workflows/usage-admin.json': () => usage('e2eUsageAdmin01', 'e2e: get usage with an admin key', CATALOGUE_CREDENTIALS.usageAdmin, { render: true }),
		'samples/workflows/usage-member.json': () => usage('e2eUsageMember1', "e2e: get usage with a member's key", CATALOGUE_CREDENTIALS.usageMember, { render: false }),
	};
}

module.exports = { catalogueWorkflows };
