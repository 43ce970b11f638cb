'use strict';
/**
 * What the example and end-to-end workflows are made of, shared by the workflow generator
 * (dev/make-workflows.js), the e2e checks (cases.js) and the scripts that import the workflows:
 * the credentials they reference, the settings the checks look for, and the placeholder image URLs.
 */
const os = require('os');
const { spawnSync } = require('child_process');
const { kettleShot, productShot, topMask } = require('./images');

/** The credential the examples reference; `npm start` and the e2e suite create it, pointing at the sandbox. */
const EXAMPLE_CREDENTIAL = { id: 'ideogramSandbox1', name: 'Ideogram API' };

const REMIX_STYLES = [
	{ style: 'Watercolor', stylePreset: 'WATERCOLOR', prompt: 'The red mug as a loose watercolor painting on textured paper' },
	{ style: 'Oil painting', stylePreset: 'OIL_PAINTING', prompt: 'The red mug as a classic still-life oil painting' },
	{ style: 'Flat vector', stylePreset: 'FLAT_VECTOR', prompt: 'The red mug as a clean flat vector illustration' },
];

const BATCH = [
	{ name: 'mug.png', width: 640, height: 480, color: [200, 60, 50] },
	{ name: 'vase.png', width: 512, height: 512, color: [40, 90, 170] },
	{ name: 'bottle.png', width: 480, height: 640, color: [40, 140, 80] },
];

/** The generate example's settings (the e2e suite checks that they reach the API). */
const GENERATE = {
	prompt: 'A cozy reading nook by a rainy window, warm lamp light, a cat asleep on a knitted blanket',
	negativePrompt: 'text, watermark',
	numImages: 2,
	aspectRatio: '16x9',
	stylePreset: 'WATERCOLOR',
};

/** The Remove Background and Layerize Text examples' inputs (the e2e suite checks what reaches the API). */
const REMOVE_BACKGROUND = { name: 'mug-photo.png', width: 480, height: 360 };
const LAYERIZE_TEXT = { name: 'summer-poster.png', width: 600, height: 400, prompt: 'A summer sale poster with a bold headline', seed: 77 };

const DESCRIBE = [
	{ name: 'mug.png', width: 400, height: 300, color: [200, 60, 50] },
	{ name: 'vase.png', width: 300, height: 300, color: [40, 90, 170] },
];

/** Placeholder origin for the sandbox's hostile image paths (sandbox/hostile.js): replaced like URL_IMAGES. */
const HOSTILE_ORIGIN = 'https://hostile.e2e.invalid/';

/**
 * Placeholder origin for the sandbox's hostile image paths behind a host NAME that resolves to 127.0.0.1
 * (issue 19): replaced by `http://<this machine's host name>:<image port>/hostile/` (loopbackName).
 */
const LOOPBACK_NAME_ORIGIN = 'https://loopback-name.e2e.invalid/';

/**
 * A host name of this machine that resolves to a loopback address without being one literally: the host
 * name (which /etc/hosts maps to 127.0.0.1 on most Linux machines and containers), or undefined.
 */
function loopbackName() {
	const name = os.hostname();
	const resolved = spawnSync(process.execPath, ['-e', `require('dns').lookup(${JSON.stringify(name)}, { all: true }, (e, a) => console.log(e ? '' : a.map((x) => x.address).join(' ')))`], { encoding: 'utf8' });
	const addresses = (resolved.stdout ?? '').trim().split(' ').filter(Boolean);
	return addresses.length > 0 && addresses.every((address) => address.startsWith('127.') || address === '::1') && !/^localhost$|\.localhost$/i.test(name) ? name : undefined;
}

/**
 * Placeholder addresses in the URL examples and workflows. The e2e suite serves sample images from the
 * sandbox's image port and points these addresses at them when it imports the workflow.
 */
const URL_IMAGES = {
	'https://cdn.example.com/products/kettle.png': { name: 'kettle.png', png: () => kettleShot(600, 400, [30, 130, 130]) },
	'https://cdn.example.com/products/kettle-mask.png': { name: 'kettle-mask.png', png: () => topMask(600, 400) },
	'https://files.e2e.invalid/photo-64.png': { name: 'photo-64.png', png: () => productShot(64, 64) },
	'https://files.e2e.invalid/mask-32.png': { name: 'mask-32.png', png: () => topMask(32, 32) },
};

/**
 * Replaces the placeholder addresses in a workflow's JSON text with URLs `sandbox` serves the sample images
 * at. Returns the new text and, per placeholder used, what is served there.
 */
function servePlaceholderImages(text, sandbox) {
	const served = {};
	for (const [placeholder, sample] of Object.entries(URL_IMAGES)) {
		if (!text.includes(placeholder)) continue;
		const bytes = sample.png();
		const url = sandbox.serveFile(sample.name, bytes, 'image/png');
		served[placeholder] = { url, name: sample.name, bytes };
		text = text.split(placeholder).join(url);
	}
	text = text.split(HOSTILE_ORIGIN).join(`${sandbox.imageUrl}/hostile/`);
	if (text.includes(LOOPBACK_NAME_ORIGIN)) text = text.split(LOOPBACK_NAME_ORIGIN).join(`http://${loopbackName() ?? 'no-loopback-name.invalid'}:${new URL(sandbox.imageUrl).port}/hostile/`);
	return { text, served };
}

/**
 * Lets every Ideogram node of an imported workflow fetch from the case's sandbox image host, which the
 * credential's Base URL (the sandbox's API port) no longer vouches for (issue 19): its host:port and
 * localhost on the same port go into Private Hosts Allowed, unless the node sets that option itself.
 */
function allowSandboxImageHost(workflow, sandbox) {
	const { hostname, port } = new URL(sandbox.imageUrl);
	const hosts = `${hostname}:${port}, localhost:${port}`;
	for (const node of workflow.nodes ?? []) {
		if (!/ideogram/i.test(node.type)) continue;
		const collection = (node.typeVersion ?? 1) >= 1.1 ? 'requestOptions' : 'options';
		node.parameters ??= {};
		const settings = (node.parameters[collection] ??= {});
		if (settings.privateHostsAllowed === undefined) settings.privateHostsAllowed = hosts;
	}
	return workflow;
}

const EDIT_FROM_URLS = {
	imageUrl: 'https://cdn.example.com/products/kettle.png',
	maskUrl: 'https://cdn.example.com/products/kettle-mask.png',
	prompt: 'A small sprig of fresh mint above the kettle, soft daylight',
};

/** Credentials of the e2e-only workflows; e2e.js points each at its own sandbox. */
/** The Ideogram 4.5 precise edit example's settings (the e2e suite checks that they reach the API). */
const PRECISE_EDIT = {
	prompt: 'Put a small green succulent in a white pot on the table, left of the mug; keep the mug exactly as it is',
	quality: 'medium',
	seed: 4242,
};

/** The cost estimate example: the prompts of a batch, the budget, and the request both Ideogram nodes make. */
const COST_ESTIMATE = {
	prompts: ['A spring sale banner with cherry blossoms', 'A summer sale banner with a beach umbrella', 'An autumn sale banner with maple leaves'],
	budgetUsd: 1,
	options: { numImages: 2, quality: 'medium', seed: 7 },
};

/** What the 4.x end-to-end workflows send (cases.js checks that it reaches the sandbox). */
const V2_E2E = {
	generatePrompt: 'A paper lantern festival over a river',
	remixPrompt: 'Turn the mug into brushed steel',
	webhookUrl: 'https://hooks.example.com/ideogram/done',
	defaultModelPrompt: 'A new node without a model: the newest one',
	hiddenOptionPrompt: 'A 4.5 node whose JSON still has a Style Type',
};

const E2E_CREDENTIALS = {
	validation: { id: 'e2eCredValid001', name: 'Ideogram e2e validation' },
	mixed: { id: 'e2eCredMixed001', name: 'Ideogram e2e mixed' },
	safety: { id: 'e2eCredSafety01', name: 'Ideogram e2e safety' },
	retry: { id: 'e2eCredRetry001', name: 'Ideogram e2e retry' },
	gateway: { id: 'e2eCredGatewy01', name: 'Ideogram e2e gateway (bearer)' },
	other: { id: 'e2eCredOther001', name: 'Ideogram e2e other operations' },
	urlMask: { id: 'e2eCredUrlMask1', name: 'Ideogram e2e URL mask size' },
	inpaint: { id: 'e2eCredInpaint1', name: 'Ideogram e2e inpaint' },
	task: { id: 'e2eCredTask0001', name: 'Ideogram e2e gateway task (status URL)' },
	taskNoUrl: { id: 'e2eCredTask0002', name: 'Ideogram e2e gateway task (no status URL)' },
	v2Models: { id: 'e2eCredV2Model1', name: 'Ideogram e2e 4.x models' },
	v2Estimate: { id: 'e2eCredV2Quote1', name: 'Ideogram e2e 4.x cost estimate' },
	v2Webhook: { id: 'e2eCredV2Hook01', name: 'Ideogram e2e 4.x webhook' },
	editAuto: { id: 'e2eCredEdAuto01', name: 'Ideogram e2e edit endpoint auto (gateway)' },
	generation: { id: 'e2eCredGenert01', name: 'Ideogram e2e async generation' },
	generationFailed: { id: 'e2eCredGenert02', name: 'Ideogram e2e async generation (fails)' },
	hostileApi: { id: 'e2eCredHostile1', name: 'Ideogram e2e hostile API answers' },
	hostileDownloads: { id: 'e2eCredHostile2', name: 'Ideogram e2e hostile image host' },
	hostileEndless: { id: 'e2eCredHostile3', name: 'Ideogram e2e endless result image' },
	combined: { id: 'e2eCredCombine1', name: 'Ideogram e2e combined binary mode' },
	hostileNames: { id: 'e2eCredHostile4', name: 'Ideogram e2e names that resolve to loopback' },
	hostileMemory: { id: 'e2eCredHostile5', name: 'Ideogram e2e 40 items x 8 results' },
};

/** The AI Agent workflows (make-workflows.js agentTool): what the mock model asks the Ideogram tool for, and node names. */
const AGENT_TOOL = {
	imageUrl: 'https://files.e2e.invalid/photo-64.png',
	prompt: 'The same mug as a watercolour painting',
	toolNode: 'Ideogram',
	agentNode: 'AI Agent',
};

module.exports = {
	AGENT_TOOL,
	BATCH,
	COST_ESTIMATE,
	DESCRIBE,
	E2E_CREDENTIALS,
	EDIT_FROM_URLS,
	EXAMPLE_CREDENTIAL,
	GENERATE,
	HOSTILE_ORIGIN,
	LOOPBACK_NAME_ORIGIN,
	allowSandboxImageHost,
	loopbackName,
	LAYERIZE_TEXT,
	PRECISE_EDIT,
	REMIX_STYLES,
	REMOVE_BACKGROUND,
	URL_IMAGES,
	V2_E2E,
	servePlaceholderImages,
};

// ------------------------------------------------- the catalogue's operations and models, spend control (issues 18, 21)

/** The examples of the newer operations (dev/catalogue-workflows.js; the e2e suite checks what reaches the API). */
const CATALOGUE_EXAMPLES = {
	logo: { name: 'fox-logo.png', width: 256, height: 256 },
	removeObject: { name: 'desk.png', maskName: 'desk-mask.png', width: 640, height: 480, seed: 31 },
	print: { name: 'poster-small.png', width: 600, height: 400, upscaleFactor: 'x4', enhancementStrength: 'medium', seed: 8 },
};

/**
 * The nightly batch example: twelve prompts at Generate 4.5 quality low (the sandbox prices each at $0.03, so
 * $0.36 in all) under a limit of $0.25: Stop Before Sending sends nothing.
 */
const NIGHTLY_BATCH = {
	prompts: [
		'A product banner for a ceramic mug, morning light',
		'A product banner for a glass teapot, spring flowers',
		'A product banner for a wool scarf, snowy street',
		'A product banner for a leather notebook, desk lamp',
		'A product banner for running shoes, city park',
		'A product banner for a desk plant, sunny window',
		'A product banner for headphones, neon night',
		'A product banner for a cotton tote bag, farmers market',
		'A product banner for a steel water bottle, mountain trail',
		'A product banner for a scented candle, cosy evening',
		'A product banner for sunglasses, beach at noon',
		'A product banner for a rain jacket, autumn storm',
	],
	quality: 'low',
	maxCostUsd: 0.25,
};

/** What the spend e2e workflows send: twelve items at a known price (Generate 4.5, quality low: $0.03 each). */
const SPEND_E2E = {
	items: 12,
	priceMicros: 30000,
	stopLimitUsd: 0.3,
	fitsLimitUsd: 0.15,
	prompt: 'A lighthouse poster, number',
};

/** Credentials of the catalogue and spend e2e workflows; e2e.js points each at its own sandbox. */
const CATALOGUE_CREDENTIALS = {
	upscale: { id: 'e2eCredCatUpsc1', name: 'Ideogram e2e upscale models' },
	removeObject: { id: 'e2eCredCatRmOb1', name: 'Ideogram e2e remove object' },
	vectors: { id: 'e2eCredCatVect1', name: 'Ideogram e2e vectors' },
	generateModels: { id: 'e2eCredCatGen01', name: 'Ideogram e2e generate 4.0 and transparent' },
	describeReplace: { id: 'e2eCredCatDesc1', name: 'Ideogram e2e describe 4.0, replace background 4.5' },
	spendStop: { id: 'e2eCredSpendSt1', name: 'Ideogram e2e spend: stop before sending' },
	spendFits: { id: 'e2eCredSpendFt1', name: 'Ideogram e2e spend: send what fits' },
	usageAdmin: { id: 'e2eCredUsageAd1', name: 'Ideogram e2e usage (admin key)' },
	usageMember: { id: 'e2eCredUsageMb1', name: 'Ideogram e2e usage (member key)' },
};

/** The key of an organisation member who is not an admin (the sandbox answers it 404 on usage). */
const MEMBER_API_KEY = 'non-admin-e2e-key';

Object.assign(module.exports, { CATALOGUE_CREDENTIALS, CATALOGUE_EXAMPLES, MEMBER_API_KEY, NIGHTLY_BATCH, SPEND_E2E });
