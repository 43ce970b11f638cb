#!/usr/bin/env node
'use strict';
/**
 * npm run sandbox:pictures: the README's before/after pictures of each operation in the sandbox, written to
 * docs/sandbox/*.png (small: 320×240 inputs) and docs/sandbox/describe.txt. Sent through a running sandbox,
 * as the node sends them, so the pictures are what a user sees in n8n's output preview. Deterministic.
 */
const fs = require('fs');
const path = require('path');

const { productShot, topMask } = require('../samples/images');
const { startSandbox } = require('../sandbox/server');

const OUT = path.join(__dirname, '..', 'docs', 'sandbox');
const KEY = 'sandbox-key';

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	const sandbox = await startSandbox({ apiKey: KEY });
	const write = (name, bytes) => {
		fs.writeFileSync(path.join(OUT, name), bytes);
		console.log(`docs/sandbox/${name}  ${bytes.length} bytes`);
	};
	/** POSTs a form (files as [bytes, name]) and returns the first result's bytes, or the JSON for Describe. */
	async function call(route, parts) {
		const body = new FormData();
		for (const [name, value] of Object.entries(parts)) {
			if (typeof value === 'string') body.append(name, value);
			else body.append(name, new Blob([value[0]], { type: 'image/png' }), value[1]);
		}
		const response = await fetch(`${sandbox.apiUrl}${route}`, { method: 'POST', body, headers: { 'Api-Key': KEY } });
		const json = await response.json();
		if (response.status !== 200) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(json)}`);
		if (json.descriptions) return json;
		return Buffer.from(await (await fetch(json.data[0].url)).arrayBuffer());
	}
	try {
		const mug = productShot(320, 240);
		const vase = productShot(240, 240, [60, 110, 190]);
		const small = productShot(160, 120, [40, 140, 80]);
		const mask = topMask(320, 240);
		write('input.png', mug);
		write('edit-mask.png', mask);
		write('edit.png', await call('/v1/ideogram-v3/edit', { image: [mug, 'mug.png'], mask: [mask, 'mask.png'], prompt: 'Green plants on a shelf' }));
		write('replace-background.png', await call('/v1/ideogram-v3/replace-background', { image: [mug, 'mug.png'], prompt: 'On a blue beach towel in summer' }));
		write('remix.png', await call('/v1/ideogram-v3/remix', { image: [mug, 'mug.png'], prompt: 'Pop art in purple', resolution: '320x240' }));
		write('reframe-input.png', vase);
		write('reframe.png', await call('/v1/ideogram-v3/reframe', { image: [vase, 'vase.png'], resolution: '432x240' }));
		write('upscale-input.png', small);
		write('upscale.png', await call('/upscale', { image_file: [small, 'small.png'], image_request: '{}' }));
		write('generate.png', await call('/v1/ideogram-v3/generate', { prompt: 'A red vintage car on a sunny street', resolution: '320x240' }));
		const described = await call('/describe', { image_file: [mug, 'mug.png'] });
		write('describe.txt', Buffer.from(`${described.descriptions[0].text}\n`));
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
