#!/usr/bin/env node
'use strict';
// node sandbox/cli.js [--port 8765] [--image-port 8766] [--api-key sandbox-key] [--latency 400 | 200-1000] [--inflight-limit 10]
const { startSandbox } = require('./server');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

const latency = String(option('latency', '0'));
startSandbox({
	port: Number(option('port', 8765)),
	imagePort: Number(option('image-port', 8766)),
	apiKey: option('api-key', 'sandbox-key'),
	latencyMs: latency.includes('-') ? latency.split('-').map(Number) : Number(latency),
	inflightLimit: Number(option('inflight-limit', 10)),
}).then((sandbox) => {
	console.log(`Ideogram sandbox: API ${sandbox.apiUrl} images ${sandbox.imageUrl}`);
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}, (error) => {
	console.error(`Ideogram sandbox: could not listen${error.port ? ` on port ${error.port}` : ''} (${error.code ?? error.message}); pass --port / --image-port with free ports, or 0 for any`);
	process.exit(1);
});
