#!/usr/bin/env node
'use strict';
/**
 * npm start: a local n8n with this package installed as a community package, talking to the sandbox
 * (a fake Ideogram API), the example workflows imported and an owner account ready, so the editor opens
 * at a login form rather than a sign-up wall. Ctrl-C stops everything it started.
 *
 * Env: IDEOGRAM_N8N_PORT (5678), IDEOGRAM_API_PORT (8765), IDEOGRAM_IMAGE_PORT (8766),
 *      IDEOGRAM_E2E_CACHE (where Node 24, n8n and the user folder live), IDEOGRAM_START_SKIP_BUILD=1.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { ensureN8nInstalled, cacheDir } = require('./lib/n8n-install');
const env = require('./lib/n8n-env');
const { EXAMPLE_CREDENTIAL, servePlaceholderImages } = require('../test/e2e/fixtures');
const { logger } = require('./lib/process');
const { OWNER, ownerEnv, stopProcessGroup, waitForRestApi } = require('./lib/n8n-server');

const N8N_PORT = Number(process.env.IDEOGRAM_N8N_PORT || 5678);
const API_PORT = Number(process.env.IDEOGRAM_API_PORT || 8765);
const IMAGE_PORT = Number(process.env.IDEOGRAM_IMAGE_PORT || 8766);
const EXAMPLES_DIR = path.join(env.ROOT, 'examples');

const say = logger('start');

async function main() {
	const install = await ensureN8nInstalled();
	const userFolder = path.join(cacheDir(), 'start-home');
	fs.mkdirSync(userFolder, { recursive: true });

	if (process.env.IDEOGRAM_START_SKIP_BUILD !== '1') {
		say('npm run build');
		env.buildPackage();
	}
	const pack = env.packPackage(fs.mkdtempSync(path.join(userFolder, 'pack-')));
	const installed = env.installPackage(userFolder, pack.tarball, pack.version);
	fs.rmSync(path.dirname(pack.tarball), { recursive: true, force: true });
	say(`installed ${path.basename(pack.tarball)} as a community package in ${installed}`);

	const { startSandbox } = require(path.join(env.ROOT, 'sandbox', 'server'));
	let sandbox;
	try {
		sandbox = await startSandbox({ port: API_PORT, imagePort: IMAGE_PORT, apiKey: 'sandbox-key', latencyMs: 400 });
	} catch (error) {
		throw new Error(`could not start the sandbox on ports ${API_PORT}/${IMAGE_PORT} (${error.message}); is another npm start running? Set IDEOGRAM_API_PORT / IDEOGRAM_IMAGE_PORT to use others.`);
	}
	say(`sandbox Ideogram API on ${sandbox.apiUrl}, images on ${sandbox.imageUrl}`);

	const n8nEnv = env.n8nEnv(install, userFolder, {
		N8N_PORT: String(N8N_PORT),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_EDITOR_BASE_URL: `http://localhost:${N8N_PORT}`,
		...ownerEnv(install),
	});

	const credentialsFile = path.join(userFolder, 'sandbox-credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify([env.credentialJson({ ...EXAMPLE_CREDENTIAL, baseUrl: sandbox.apiUrl })], null, 2));
	const examples = fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		// edit-from-urls names placeholder addresses: point them at sample images the sandbox serves.
		.map((file) => JSON.parse(servePlaceholderImages(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'), sandbox).text));
	say(`importing the "${EXAMPLE_CREDENTIAL.name}" credential (→ sandbox) and ${examples.length} example workflows`);
	await env.runN8nOk(install, n8nEnv, ['import:credentials', `--input=${credentialsFile}`]);
	const workflowsFile = path.join(userFolder, 'example-workflows.json');
	fs.writeFileSync(workflowsFile, JSON.stringify(examples));
	await env.runN8nOk(install, n8nEnv, ['import:workflow', `--input=${workflowsFile}`]);

	say(`starting n8n ${require(path.join(install.n8nDir, 'node_modules', 'n8n', 'package.json')).version} (Node ${install.node})`);
	const child = spawn(install.node, [install.n8nBin, 'start'], { cwd: userFolder, env: n8nEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const prefix = (stream, target) => {
		let rest = '';
		stream.on('data', (chunk) => {
			const lines = (rest + chunk).split('\n');
			rest = lines.pop();
			for (const line of lines) target.write(`[n8n] ${line}\n`);
		});
	};
	prefix(child.stdout, process.stdout);
	prefix(child.stderr, process.stderr);

	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the sandbox');
		await stopProcessGroup(child);
		await sandbox.close();
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	child.on('exit', (code) => {
		if (!stopping) {
			say(`n8n exited (${code})`);
			stop(code || 1);
		}
	});

	const editor = `http://localhost:${N8N_PORT}`;
	// Wait for the REST routes, not only /healthz, so the printed URL and login work at once.
	await waitForRestApi(editor, child, { timeoutMs: 180000 });
	console.log(`
================================================================================
 n8n is running with n8n-nodes-ideogram ${pack.version}:  ${editor}
 Log in as ${OWNER.email} / ${OWNER.password}

 Example workflows (open one and click "Execute workflow"):
${examples.map((w) => `   ${editor}/workflow/${w.id}   ${w.name}`).join('\n')}

 They use the credential "${EXAMPLE_CREDENTIAL.name}", which points at the local sandbox
 (${sandbox.apiUrl}, key sandbox-key). To use the real Ideogram API instead:
   Overview → Credentials → "${EXAMPLE_CREDENTIAL.name}" → set API Key to your key from
   https://ideogram.ai/manage-api, Base URL to https://api.ideogram.ai, Send Key As "Api-Key"
   → Save. (Real requests are billed.)

 Sandbox requests: ${sandbox.apiUrl}/__sandbox/requests   User folder: ${userFolder}
 Ctrl-C stops n8n and the sandbox.
================================================================================
`);
}

main().catch((error) => {
	console.error(`[start] ${error.message}`);
	process.exit(1);
});
