#!/usr/bin/env node
'use strict';
/**
 * npm start: a local n8n with this package installed as a community package, talking to the sandbox
 * (a fake Ideogram API), the example workflows imported and an owner account ready, so the editor opens
 * at a login form rather than a sign-up wall. Ctrl-C stops everything it started.
 *
 * Another n8n may run on this machine, and so may another `npm start`: every port is one the user set (and
 * then it must be free, or this stops before touching anything) or a free one, and each `npm start` takes an
 * instance slot with a user folder of its own (see lib/instance-lock.js). README "Ports and variables".
 *
 * Env: IDEOGRAM_N8N_PORT (else 5678 when free, else a free port), IDEOGRAM_BROKER_PORT (n8n's task broker;
 *      else a free port), IDEOGRAM_API_PORT and IDEOGRAM_IMAGE_PORT (the sandbox; else free ports),
 *      IDEOGRAM_E2E_CACHE (where Node 24, n8n and the user folders live), IDEOGRAM_START_SKIP_BUILD=1.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { ensureN8nInstalled, cacheDir } = require('./lib/n8n-install');
const env = require('./lib/n8n-env');
const { EXAMPLE_CREDENTIAL, allowSandboxImageHost, servePlaceholderImages } = require('../samples/workflow-inputs');
const { logger } = require('./lib/process');
const { OWNER, ownerEnv, stopProcessGroup, waitForRestApi } = require('./lib/n8n-server');
const { choosePort, portFromEnv, isPortFree } = require('./lib/ports');
const { acquireSlot, otherHolders, releaseLock, updateLock, withProcessLock } = require('./lib/instance-lock');

const EXAMPLES_DIR = path.join(env.ROOT, 'examples');
const SLOT_BASE = 'start-home';
const PORTS = {
	n8n: { purpose: 'the n8n editor', variable: 'IDEOGRAM_N8N_PORT', preferred: 5678 },
	broker: { purpose: "n8n's task broker", variable: 'IDEOGRAM_BROKER_PORT' },
	api: { purpose: 'the sandbox API', variable: 'IDEOGRAM_API_PORT' },
	image: { purpose: 'the sandbox image host', variable: 'IDEOGRAM_IMAGE_PORT' },
};

const say = logger('start');

/**
 * What n8n prints that is no news in a local sandbox (besides its start-up chatter, which has no error in
 * it and is not shown either): the notices about a setup meant for production (internal task runners, no Python runner, deprecations), what an offline machine cannot
 * fetch, and the trace of an API answer a workflow already shows (a refused key is the credential test's own
 * message). They stay in n8n's log file.
 */
const NOT_NEWS = [
	/^\s+at /,
	/^\s*$/,
	/Failed to start Python task runner/,
	/deprecat/i,
	/ENOTFOUND|EAI_AGAIN|getaddrinfo/,
	/^(AxiosError: )?Request failed with status code \d+$/,
	/^Authorization failed - please check your credentials$/,
	/rejected by Runner with reason "Offer expired/,
	// n8n's own bookkeeping after an execution that failed (the failure itself is in the execution).
	/There was an error in the post-execution promise/,
];

/** A line of n8n's output worth showing in the terminal: an error that is not one of NOT_NEWS. */
function mattersInTerminal(line) {
	if (NOT_NEWS.some((pattern) => pattern.test(line))) return false;
	return /\b(error|fatal|exception|crashed)\b/i.test(line) || /^n8n ready on /.test(line);
}

/** A problem the user can act on: printed as one line, no stack. */
class StartError extends Error {}

/** Ports the user set must be free before anything is installed, built or written. */
async function checkSetPorts() {
	for (const { purpose, variable } of Object.values(PORTS)) {
		const port = portFromEnv(variable);
		if (port !== undefined && !(await isPortFree(port))) {
			throw new StartError(`port ${port} for ${purpose} (${variable}) is already in use; stop what holds it, set ${variable} to another port, or unset it to let npm start choose a free one`);
		}
	}
}

const cleanups = [];
let stopping = false;
async function stop(code) {
	if (stopping) return;
	stopping = true;
	for (const cleanup of cleanups.reverse()) {
		try {
			await cleanup();
		} catch (error) {
			console.error(`[start] while stopping: ${error.message}`);
		}
	}
	process.exit(code);
}
// Ctrl-C during the install or the build too: release the locks and stop what was started.
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function main() {
	try {
		await checkSetPorts();
	} catch (error) {
		throw new StartError(error.message);
	}
	const instance = acquireSlot(cacheDir(), SLOT_BASE);
	cleanups.push(() => releaseLock(instance.lockFile));
	const userFolder = instance.folder;
	fs.mkdirSync(userFolder, { recursive: true });
	say(`instance ${instance.slot}: user folder ${userFolder}${instance.slot > 1 ? ' (another npm start holds the ones before)' : ''}`);

	const install = await ensureN8nInstalled();

	// One build of this checkout at a time: a second npm start must not clean dist/ while the first packs it.
	const buildLock = path.join(cacheDir(), `build-${crypto.createHash('sha256').update(env.ROOT).digest('hex').slice(0, 12)}.lock`);
	const pack = await withProcessLock(buildLock, async () => {
		if (process.env.IDEOGRAM_START_SKIP_BUILD !== '1') {
			say('npm run build');
			env.buildPackage();
		}
		return env.packPackage(fs.mkdtempSync(path.join(userFolder, 'pack-')));
	}, { onWait: (held) => say(`waiting for another npm start (pid ${held?.pid ?? '?'}) to finish building this checkout`) });
	const installed = env.installPackage(userFolder, pack.tarball, pack.version);
	fs.rmSync(path.dirname(pack.tarball), { recursive: true, force: true });
	say(`installed ${path.basename(pack.tarball)} as a community package in ${installed}`);

	const { startSandbox } = require(path.join(env.ROOT, 'sandbox', 'server'));
	const apiPort = portFromEnv(PORTS.api.variable) ?? 0;
	const imagePort = portFromEnv(PORTS.image.variable) ?? 0;
	let sandbox;
	try {
		sandbox = await startSandbox({ port: apiPort, imagePort, apiKey: 'sandbox-key', latencyMs: 400 });
	} catch (error) {
		const variable = error.port === imagePort ? PORTS.image.variable : PORTS.api.variable;
		throw new StartError(`the sandbox could not listen (${error.code ?? error.message}${error.port ? ` on port ${error.port}` : ''}); set ${variable} to a free port or unset it`);
	}
	cleanups.push(() => sandbox.close());

	// Ports other running npm starts chose (they may not be listening yet), then ours.
	const claimed = otherHolders(cacheDir(), SLOT_BASE).flatMap((held) => Object.values(held.ports ?? {}));
	let n8nPort;
	let brokerPort;
	try {
		n8nPort = (await choosePort({ ...PORTS.n8n, claimed })).port;
		brokerPort = (await choosePort({ ...PORTS.broker, claimed: [...claimed, n8nPort] })).port;
	} catch (error) {
		throw new StartError(error.message);
	}
	const ports = { n8n: n8nPort, broker: brokerPort, api: Number(new URL(sandbox.apiUrl).port), image: Number(new URL(sandbox.imageUrl).port) };
	updateLock(instance.lockFile, { ports });
	say(`ports: n8n editor ${ports.n8n}, task broker ${ports.broker}, sandbox API ${ports.api}, sandbox images ${ports.image} (127.0.0.1)`);
	say(`sandbox Ideogram API on ${sandbox.apiUrl}, images on ${sandbox.imageUrl}`);

	const n8nEnv = env.n8nEnv(install, userFolder, {
		N8N_PORT: String(n8nPort),
		// Always ours: a N8N_RUNNERS_BROKER_PORT exported for another n8n would make this one collide with it.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_EDITOR_BASE_URL: `http://localhost:${n8nPort}`,
		...ownerEnv(),
	});

	const credentialsFile = path.join(userFolder, 'sandbox-credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify([env.credentialJson({ ...EXAMPLE_CREDENTIAL, baseUrl: sandbox.apiUrl })], null, 2));
	const examples = fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		// edit-from-urls names placeholder addresses: point them at sample images the sandbox serves.
		// The sandbox serves images on its own port, which its Base URL does not vouch for: Private Hosts Allowed names it.
		.map((file) => allowSandboxImageHost(JSON.parse(servePlaceholderImages(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'), sandbox).text), sandbox));
	say(`importing the "${EXAMPLE_CREDENTIAL.name}" credential (→ sandbox) and ${examples.length} example workflows`);
	await env.runN8nOk(install, n8nEnv, ['import:credentials', `--input=${credentialsFile}`]);
	const workflowsFile = path.join(userFolder, 'example-workflows.json');
	fs.writeFileSync(workflowsFile, JSON.stringify(examples));
	await env.runN8nOk(install, n8nEnv, ['import:workflow', `--input=${workflowsFile}`]);

	say(`starting n8n ${require(path.join(install.n8nDir, 'node_modules', 'n8n', 'package.json')).version} (Node ${install.node})`);
	// n8n's log goes to a file; the terminal gets only what a user of this sandbox needs to see (see below).
	const logFile = path.join(userFolder, 'n8n.log');
	const log = fs.openSync(logFile, 'w');
	const child = spawn(install.node, [install.n8nBin, 'start'], { cwd: userFolder, env: n8nEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let recent = [];
	const follow = (stream) => {
		let rest = '';
		stream.on('data', (chunk) => {
			fs.writeSync(log, chunk);
			const lines = (rest + chunk).split('\n');
			rest = lines.pop();
			for (const line of lines) {
				recent = [...recent.slice(-40), line];
				if (mattersInTerminal(line)) process.stdout.write(`[n8n] ${line}\n`);
			}
		});
	};
	follow(child.stdout);
	follow(child.stderr);
	say(`n8n's log: ${logFile} (here: only its errors)`);

	cleanups.push(() => {
		say('stopping n8n and the sandbox');
		return stopProcessGroup(child);
	});
	child.on('exit', (code) => {
		if (!stopping) {
			process.stdout.write(recent.map((line) => `[n8n] ${line}\n`).join(''));
			say(`n8n exited (${code}); its last lines are above, all of them in ${logFile}`);
			stop(code || 1);
		}
	});

	const editor = `http://localhost:${n8nPort}`;
	// Wait for the REST routes, not only /healthz, so the printed URL and login work at once.
	await waitForRestApi(editor, child, { timeoutMs: 180000 });
	console.log(`
================================================================================
 n8n is running with n8n-nodes-ideogram ${pack.version}:  ${editor}
 Log in as ${OWNER.email} / ${OWNER.password}

 Workflows: ${editor}/home/workflows
 Example workflows (open one and click "Execute workflow"):
${examples.map((w) => `   ${editor}/workflow/${w.id}   ${w.name}`).join('\n')}

 They use the credential "${EXAMPLE_CREDENTIAL.name}", which points at the local sandbox
 (${sandbox.apiUrl}, key sandbox-key). To use the real Ideogram API instead:
   Overview → Credentials → "${EXAMPLE_CREDENTIAL.name}" → set API Key to your key from
   https://ideogram.ai/manage-api, Base URL to https://api.ideogram.ai, Send Key As "Api-Key"
   → Save. (Real requests are billed.)

 Ports: editor ${ports.n8n}, task broker ${ports.broker}, sandbox API ${ports.api}, images ${ports.image}
 Sandbox requests: ${sandbox.apiUrl}/__sandbox/requests   User folder: ${userFolder}
 Ctrl-C stops n8n and the sandbox.
================================================================================
`);
}

main().catch((error) => {
	// n8n exiting has already said so and stopped everything.
	if (stopping) return;
	if (error.signal === 'SIGINT' || error.signal === 'SIGTERM') {
		say('interrupted');
		stop(130);
		return;
	}
	console.error(`[start] ${error instanceof StartError ? error.message : error.stack ?? error.message}`);
	stop(1);
});
