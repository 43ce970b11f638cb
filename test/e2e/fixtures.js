'use strict';
/**
 * What the example and end-to-end workflows are made of, shared by the workflow generator
 * (scripts/make-workflows.js), the e2e checks (cases.js) and the scripts that import the workflows:
 * the credentials they reference, the settings the checks look for, and the placeholder image URLs.
 */
const { productShot, topMask } = require('./sample-images');

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

const DESCRIBE = [
	{ name: 'mug.png', width: 400, height: 300, color: [200, 60, 50] },
	{ name: 'vase.png', width: 300, height: 300, color: [40, 90, 170] },
];

/**
 * Placeholder addresses in the URL examples and workflows. The e2e suite serves sample images from the
 * sandbox's image port and points these addresses at them when it imports the workflow.
 */
const URL_IMAGES = {
	'https://cdn.example.com/products/kettle.png': { name: 'kettle.png', png: () => productShot(600, 400, [30, 130, 130]) },
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
	return { text, served };
}

const EDIT_FROM_URLS = {
	imageUrl: 'https://cdn.example.com/products/kettle.png',
	maskUrl: 'https://cdn.example.com/products/kettle-mask.png',
	prompt: 'A small sprig of fresh mint above the kettle, soft daylight',
};

/** Credentials of the e2e-only workflows; e2e.js points each at its own sandbox. */
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
};

module.exports = { BATCH, DESCRIBE, E2E_CREDENTIALS, EDIT_FROM_URLS, EXAMPLE_CREDENTIAL, GENERATE, REMIX_STYLES, URL_IMAGES, servePlaceholderImages };
