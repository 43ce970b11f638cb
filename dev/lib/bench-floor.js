'use strict';
/**
 * The benchmark's floor: only the HTTP work of a Replace Background job, in plain Node (fetch, FormData),
 * with a sliding window of `window` requests in flight. Reads every input file first (not timed), then
 * posts each one, reads the answer and downloads its images. Prints one JSON line:
 * {startedAt, ms, ok, failed, statuses}.
 *
 * Usage: node bench-floor.js <apiUrl> <apiKey> <window> <prompt> <file>...
 */
const fs = require('fs');
const path = require('path');

async function processFile(apiUrl, apiKey, prompt, name, bytes) {
	const form = new FormData();
	form.append('image', new Blob([bytes], { type: 'image/png' }), name);
	form.append('prompt', prompt);
	const response = await fetch(`${apiUrl}/v1/ideogram-v3/replace-background`, { method: 'POST', headers: { 'Api-Key': apiKey }, body: form });
	const body = await response.json();
	if (!response.ok) return response.status;
	for (const image of body.data) {
		const download = await fetch(image.url);
		await download.arrayBuffer();
		if (!download.ok) return download.status;
	}
	return response.status;
}

async function main() {
	const [apiUrl, apiKey, window, prompt, ...files] = process.argv.slice(2);
	const inputs = files.map((file) => ({ name: path.basename(file), bytes: fs.readFileSync(file) }));
	const statuses = new Array(inputs.length);
	const startedAt = Date.now();
	const started = performance.now();
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			statuses[index] = await processFile(apiUrl, apiKey, prompt, inputs[index].name, inputs[index].bytes);
		}
	};
	await Promise.all(Array.from({ length: Math.min(Number(window), inputs.length) }, worker));
	const ms = performance.now() - started;
	const ok = statuses.filter((status) => status === 200).length;
	process.stdout.write(`${JSON.stringify({ startedAt, ms, ok, failed: inputs.length - ok, statuses })}\n`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
