#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite in a real n8n (npm run test:e2e):
 *   build → npm pack → install the tarball as a community package into a fresh n8n user folder →
 *   start local fake Ideogram APIs (sandbox/, one per case) → import credentials and workflows →
 *   run every workflow in ONE n8n process (`n8n execute-batch`, which boots n8n once instead of once per
 *   workflow like `n8n execute --id`) → read each execution from n8n's database and the binary files from its
 *   filesystem store → assert (dev/e2e-cases/cases.js) → one `n8n start` in the same user folder for the credential
 *   test over REST (dev/e2e-cases/credential-cases.js) and the node's panel in headless Chromium, once per operation
 *   (dev/panel-check.js, its checks counted here). Ends with "N passed, N failed"; exit 1 on any failure.
 *
 * Cases with `openAi` (the AI Agent cases) get a scripted OpenAI-compatible model each (dev/lib/mock-openai.js)
 * and an `openAiApi` credential pointing at it.
 *
 * Workflows that name a placeholder URL of samples/workflow-inputs.js's URL_IMAGES (edit-from-urls, url-mask-size)
 * get it replaced, at import, by a URL the case's sandbox serves the sample image at (`serveFile`).
 *
 * Env: IDEOGRAM_E2E_CACHE (cache dir for Node 24 + n8n), IDEOGRAM_E2E_KEEP=1 (keep the temp user folder),
 * IDEOGRAM_E2E_ONLY=<substring>[,<substring>…] (run only matching cases, credential tests included: "credential test",
 * the panel check too: "panel"), IDEOGRAM_E2E_SCREENSHOTS=1 (the panel check saves docs/panel/*.png),
 * IDEOGRAM_E2E_CONCURRENCY=<n> (workflows execute-batch runs at once; default 3: the gateway-task polls and the
 * Retry-After wait overlap with other workflows instead of adding up), IDEOGRAM_E2E_SKIP_BUILD=1 (use the existing dist/),
 * IDEOGRAM_E2E_RECORD=1 (write dev/e2e-cases/recorded/example-requests.json from this run instead of comparing with it),
 * IDEOGRAM_E2E_MODE=execute (one `n8n execute --id=… --rawOutput` per workflow instead of one execute-batch:
 * slower, n8n boots once per workflow, but it is the documented single-workflow path).
 *
 * --n8n-url http://host:port: against an n8n that is already running (any install, a container included) instead
 * of one installed here. It logs in as IDEOGRAM_N8N_EMAIL / IDEOGRAM_N8N_PASSWORD, checks that this package is
 * loaded there at this checkout's version, creates the credentials and workflows over the REST API, runs each
 * workflow as the editor does (POST /rest/workflows/:id/run), reads each execution and its binary files back over
 * REST, then runs the credential tests and the panel check there too. The sandboxes listen on 127.0.0.1, so that
 * n8n must share this machine's network (a container: host networking). Cases that need n8n's CLI or process on
 * this machine (the memory case, the checks that read n8n's log) are skipped and counted as skipped. What the run
 * created is deleted at the end (kept with IDEOGRAM_E2E_KEEP=1).
 *
 * A case with `memory: true` runs alone in its own `n8n execute --id`, with n8n's resident memory sampled
 * every 20 ms (c.memory.samples), so its check can compare the peak with the level before it.
 */
const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const { ensureN8nInstalled } = require('./lib/n8n-install');
const env = require('./lib/n8n-env');
const { OWNER, startN8nServer, ownerEnv } = require('./lib/n8n-server');
const { createReport } = require('./lib/process');
const { startMockOpenAi } = require('./lib/mock-openai');
const { PANEL_CREDENTIAL, PANEL_WORKFLOW_ID, builtDescription, panelWorkflow } = require('./panel-check');
const { sampleMemory } = require('./lib/process-memory');
const { allowSandboxImageHost, servePlaceholderImages } = require('../samples/workflow-inputs');
const { startSandbox } = require(path.join(env.ROOT, 'sandbox', 'server'));
const { readImageInfo } = require(path.join(env.ROOT, 'sandbox', 'png'));
const { binariesOf, connectToN8n } = require('./lib/n8n-rest');
const { cases: allCases, suiteChecks } = require(path.join(__dirname, 'e2e-cases', 'cases'));
const { credentialTests: allCredentialTests, CREDENTIAL_TEST_STYLES } = require(path.join(__dirname, 'e2e-cases', 'credential-cases'));

const report = createReport('e2e');
const { elapsed, fail, pass, step } = report;

/** The panel check's name, as IDEOGRAM_E2E_ONLY matches it. */
const PANEL_CHECK = 'panel in a real browser (dev/panel-check.js)';

/** Thrown by what a remote n8n cannot give (its log): the check is skipped, not failed. */
class NeedsLocalN8n extends Error {}

function argValue(flag) {
	const index = process.argv.indexOf(flag);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Assertion helpers given to every check. */
function helpers() {
	return {
		eq(actual, expected, what) {
			try {
				assert.deepStrictEqual(actual, expected);
			} catch {
				throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
			}
		},
		ok(condition, what) {
			if (!condition) throw new Error(`${what}: not true`);
		},
		match(text, regex, what) {
			if (typeof text !== 'string' || !regex.test(text)) throw new Error(`${what}: ${JSON.stringify(text)} does not match ${regex}`);
		},
	};
}

/** The credential a case's workflow uses: which one is in the workflow file, pointing at the case's sandbox. */
function credentialOf(workflow) {
	// The node, or its tool variant (n8n names it <type>Tool) under an AI Agent.
	const node = workflow.nodes.find((n) => n.type === env.NODE_TYPE || n.type === `${env.NODE_TYPE}Tool`);
	return node.credentials.ideogramApi;
}

/**
 * A case with `openAi` runs n8n's AI Agent: a scripted OpenAI-compatible model of its own (lib/mock-openai.js),
 * and the workflow's `openAiApi` credential pointing at it. The tool arguments may name placeholder image URLs:
 * they become the URLs the case's sandbox serves (`served`).
 */
async function startCaseModel(testCase, served) {
	let toolArguments = JSON.stringify(testCase.openAi.toolArguments);
	for (const [placeholder, { url }] of Object.entries(served)) toolArguments = toolArguments.split(placeholder).join(url);
	const model = await startMockOpenAi({ ...testCase.openAi, toolArguments: JSON.parse(toolArguments) });
	const ref = testCase.workflow.nodes.find((n) => n.credentials?.openAiApi).credentials.openAiApi;
	return { model, credential: { id: ref.id, name: ref.name, type: 'openAiApi', data: { apiKey: 'mock-openai-key', url: model.url } } };
}

/**
 * The panel check against the suite's n8n: dev/panel-check.js --url (its own process, so a browser crash stays
 * there). Its ok/FAIL lines print as they come; its closing tally is added to this suite's.
 */
function runPanelCheck(url, { workflowId, owner }) {
	console.log(`\n${PANEL_CHECK}`);
	const args = [path.join(__dirname, 'panel-check.js'), '--url', url, '--workflow', workflowId, ...(process.env.IDEOGRAM_E2E_SCREENSHOTS === '1' ? ['--screenshots'] : [])];
	return new Promise((resolve) => {
		const child = spawn(process.execPath, args, {
			cwd: env.ROOT,
			env: { ...process.env, IDEOGRAM_N8N_EMAIL: owner.email, IDEOGRAM_N8N_PASSWORD: owner.password },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
			process.stdout.write(String(chunk).replace(/^(?!  ok  |  FAIL|       )(.+)$/gm, '       $1'));
		});
		child.on('error', (error) => {
			fail('panel check: start', error);
			resolve();
		});
		child.on('exit', (code, signal) => {
			const tally = output.match(/^(\d+) passed, (\d+) failed$/m);
			if (!tally) {
				fail('panel check', new Error(`dev/panel-check.js exited ${code ?? signal} without its "N passed, N failed" line`));
			} else {
				report.passed += Number(tally[1]);
				report.failed += Number(tally[2]);
			}
			resolve();
		});
	});
}

/**
 * The tests that need n8n's server (`session`, logged in): POST /rest/credentials/test for each credential test,
 * then the panel check in headless Chromium when it is selected. `credentialIds` maps the stored credentials'
 * ids in the files to their ids in that n8n.
 */
async function runServerTests(session, sandbox, tests, { panelCheck, credentialIds, panelWorkflowId, owner }) {
	for (const test of tests) {
		console.log(`\n${test.name}  (POST /rest/credentials/test)`);
		sandbox.reset();
		let response;
		try {
			response = await session.request('POST', '/rest/credentials/test', {
				credentials: {
					id: credentialIds.get(test.style.id) ?? test.style.id,
					name: test.style.name,
					type: env.CREDENTIAL_TYPE,
					data: { apiKey: test.apiKey, baseUrl: `${sandbox.apiUrl}${test.style.path}`, authHeader: test.style.authHeader, taskStatusUrl: '' },
				},
			});
		} catch (error) {
			fail(`${test.name}: request`, error);
			continue;
		}
		console.log(`       n8n answered HTTP ${response.status}: ${response.text.slice(0, 400)}`);
		console.log(`       the sandbox received: ${sandbox.requests.map((r) => `${r.method} ${r.path} (${r.auth}) → ${r.status}`).join(', ') || 'nothing'}`);
		const c = {
			...helpers(),
			response,
			result: response.json?.data,
			requests: [...sandbox.requests],
			imageRequests: [...sandbox.imageRequests],
			apiPrefix: test.style.path,
			authHeader: test.style.authHeader,
		};
		for (const [name, check] of Object.entries(test.checks)) {
			try {
				await check(c);
				pass(name);
			} catch (error) {
				fail(name, error);
			}
		}
	}
	if (panelCheck) await runPanelCheck(session.url, { workflowId: panelWorkflowId, owner });
}

/**
 * Everything the selected cases need before n8n runs them: a sandbox per case group (faults queued), a mock
 * OpenAI model per agent case, and the credentials and workflows to import, placeholder URLs replaced.
 */
async function prepareCases(cases, credentialTests, { panelCheck, sandboxes, models }) {
	const credentials = [];
	const workflows = [];
	const seen = new Set();
	const sandboxFor = async (key) => {
		if (!sandboxes.has(key)) sandboxes.set(key, await startSandbox({ apiKey: 'sandbox-key' }));
		return sandboxes.get(key);
	};
	for (const testCase of cases) {
		const sandbox = await sandboxFor(testCase.sandbox);
		// Placeholder image URLs → files this case's sandbox serves on its image port.
		const { text, served } = servePlaceholderImages(fs.readFileSync(path.join(env.ROOT, testCase.file), 'utf8'), sandbox);
		testCase.served = {};
		for (const [placeholder, { url, name, bytes }] of Object.entries(served)) {
			testCase.served[placeholder] = { url, path: new URL(url).pathname, name, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
		}
		const workflow = allowSandboxImageHost(JSON.parse(text), sandbox);
		testCase.workflow = workflow;
		workflows.push(workflow);
		if (testCase.openAi) {
			const { model, credential } = await startCaseModel(testCase, served);
			testCase.model = model;
			models.push(model);
			credentials.push(credential);
		}
		// A function gets the case's sandbox (faults that name its ports).
		for (const fault of (typeof testCase.faults === 'function' ? testCase.faults(sandbox) : testCase.faults) ?? []) sandbox.queueFault(fault);
		const ref = credentialOf(workflow);
		if (!seen.has(ref.id)) {
			seen.add(ref.id);
			credentials.push(
				env.credentialJson({
					id: ref.id,
					name: ref.name,
					baseUrl: `${sandbox.apiUrl}${testCase.credential?.path ?? ''}`,
					// A case may use another key the sandbox accepts (an organisation member's: `non-admin…`).
					apiKey: testCase.credential?.apiKey,
					authHeader: testCase.credential?.authHeader ?? 'apiKey',
					taskStatusUrl: testCase.credential?.taskStatusUrl,
				}),
			);
		}
	}
	// The credential tests' stored credentials, each pointing at the credential-test sandbox.
	const credentialSandbox = credentialTests.length > 0 ? await sandboxFor('credential-test') : undefined;
	for (const style of credentialTests.length > 0 ? CREDENTIAL_TEST_STYLES : []) {
		credentials.push(env.credentialJson({ id: style.id, name: style.name, baseUrl: `${credentialSandbox.apiUrl}${style.path}`, authHeader: style.authHeader }));
	}
	// The panel check's workflow (one node per operation, from the fresh build) is imported, never executed.
	const imported = panelCheck ? [...workflows, panelWorkflow()] : workflows;
	if (panelCheck) credentials.push(env.credentialJson({ ...PANEL_CREDENTIAL, baseUrl: 'http://127.0.0.1:9' }));
	return { credentials, workflows, imported, credentialSandbox };
}

/**
 * The local n8n: the package installed into a fresh user folder, everything imported with n8n's CLI, the
 * workflows run by `n8n execute-batch` (or `n8n execute` each), the executions read from its SQLite database and
 * the binary files from its filesystem store; then one `n8n start` for the tests that need its server.
 * Resolves what the checks read: { executions, image(binary), n8nLog(), memory cases filled in }.
 */
async function runLocal({ cases, credentialTests, panelCheck, userFolder, prepared, credentialSandbox }) {
	step(`ensuring Node 24 and n8n (cache: ${require('./lib/n8n-install').cacheDir()})`);
	const install = await ensureN8nInstalled();
	if (process.env.IDEOGRAM_E2E_SKIP_BUILD !== '1') {
		step('npm run build');
		env.buildPackage();
	}
	step('npm pack + install as a community package');
	const pack = env.packPackage(path.join(userFolder, 'pack'));
	const installed = env.installPackage(userFolder, pack.tarball, pack.version);
	console.log(`       ${path.basename(pack.tarball)} (${pack.files.length} files) → ${installed}`);

	const { credentials, workflows, imported } = prepared;
	const files = {
		credentials: path.join(userFolder, 'credentials.json'),
		workflows: path.join(userFolder, 'workflows.json'),
		ids: path.join(userFolder, 'ids.txt'),
		batch: path.join(userFolder, 'batch.json'),
	};
	fs.writeFileSync(files.credentials, JSON.stringify(credentials, null, 2));
	fs.writeFileSync(files.workflows, JSON.stringify(imported, null, 2));
	// Cases that measure n8n's memory run alone, after the others.
	const alone = new Set(cases.filter((c) => c.memory).map((c) => c.workflow.id));
	const batchWorkflows = workflows.filter((w) => !alone.has(w.id));
	fs.writeFileSync(files.ids, batchWorkflows.map((w) => w.id).join(','));

	const n8nEnv = env.n8nEnv(install, userFolder, {
		N8N_RUNNERS_BROKER_PORT: String(await env.freePort()),
		N8N_PORT: String(await env.freePort()),
		// The owner `n8n start` logs in as for the credential tests; set for every command of this folder.
		...ownerEnv(),
	});
	let since = Date.now();
	step(`n8n import:credentials (${credentials.length})`);
	await env.runN8nOk(install, n8nEnv, ['import:credentials', `--input=${files.credentials}`]);
	step(`n8n import:workflow (${imported.length}) [${elapsed(since)}]`);
	since = Date.now();
	await env.runN8nOk(install, n8nEnv, ['import:workflow', `--input=${files.workflows}`]);
	const batchLog = path.join(userFolder, 'batch.log');
	fs.writeFileSync(batchLog, '');
	if (process.env.IDEOGRAM_E2E_MODE === 'execute') {
		for (const workflow of batchWorkflows) {
			since = Date.now();
			const result = await env.runN8n(install, n8nEnv, ['execute', `--id=${workflow.id}`, '--rawOutput']);
			fs.appendFileSync(batchLog, `\n=== ${workflow.id}\n${result.stdout}\n--- stderr\n${result.stderr}`);
			let status;
			try {
				status = env.parseRawOutput(result.stdout).status;
			} catch {
				status = `exit ${result.code}`;
			}
			step(`n8n execute --id=${workflow.id} --rawOutput → ${status} (${elapsed(since)})`);
		}
	} else if (batchWorkflows.length > 0) {
		step(`n8n execute-batch (${batchWorkflows.length} workflows, one n8n process) [import ${elapsed(since)}]`);
		since = Date.now();
		const batch = await env.runN8n(install, n8nEnv, ['execute-batch', `--ids=${files.ids}`, `--output=${files.batch}`, '--retries=0', `--concurrency=${process.env.IDEOGRAM_E2E_CONCURRENCY || 3}`]);
		fs.writeFileSync(batchLog, `${batch.stdout}\n--- stderr\n${batch.stderr}`);
		step(`execute-batch exited ${batch.code ?? batch.signal} after ${elapsed(since)} (1 = some workflow failed, as one case expects)`);
		if (!fs.existsSync(files.batch)) throw new Error(`execute-batch wrote no summary:\n${batch.stdout.slice(-3000)}\n${batch.stderr.slice(-3000)}`);
	}

	for (const testCase of cases.filter((c) => c.memory)) {
		since = Date.now();
		let sampler;
		const result = await env.runN8n(install, n8nEnv, ['execute', `--id=${testCase.workflow.id}`, '--rawOutput'], {
			onSpawn: (child) => (sampler = sampleMemory(child.pid, 20)),
		});
		sampler.stop();
		testCase.memory = { samples: sampler.samples, before: sampler.before, between: sampler.between, endedAt: Date.now() };
		fs.appendFileSync(batchLog, `\n=== ${testCase.workflow.id} (alone, memory sampled)\n${result.stdout}\n--- stderr\n${result.stderr}`);
		step(`n8n execute --id=${testCase.workflow.id} alone, ${sampler.samples.length} memory samples (${elapsed(since)})`);
	}

	const read = spawnSync(install.node, [path.join(__dirname, 'lib', 'read-executions.js'), userFolder], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	if (read.status !== 0) throw new Error(`reading executions failed: ${read.stderr}`);
	const executions = new Map();
	for (const execution of JSON.parse(read.stdout)) if (!executions.has(execution.workflowId)) executions.set(execution.workflowId, execution);

	const storage = path.join(userFolder, '.n8n', 'storage');
	const evaluation = {
		executionOf: (testCase) => executions.get(testCase.workflow.id),
		n8nLog: () => fs.readFileSync(batchLog, 'utf8'),
		image: (binary) => {
			const file = path.join(storage, String(binary.id).replace(/^filesystem-v2:/, ''));
			if (!fs.existsSync(file)) throw new Error(`binary ${binary.id} not found at ${file}`);
			return { path: file, data: fs.readFileSync(file) };
		},
	};
	const server = async () => {
		since = Date.now();
		step(`n8n start for ${credentialTests.length} credential tests${panelCheck ? ' and the panel check' : ''}`);
		let started;
		try {
			started = await startN8nServer(install, n8nEnv);
			step(`n8n start answered after ${elapsed(since)}; logging in over REST`);
			await started.login();
		} catch (error) {
			fail(`n8n start and login for the credential tests${panelCheck ? ' and the panel check' : ''}`, error);
			if (started) {
				fs.writeFileSync(path.join(userFolder, 'start.log'), started.log());
				await started.stop();
			}
			return;
		}
		try {
			await runServerTests(started, credentialSandbox, credentialTests, { panelCheck, credentialIds: new Map(), panelWorkflowId: PANEL_WORKFLOW_ID, owner: OWNER });
		} finally {
			fs.writeFileSync(path.join(userFolder, 'start.log'), started.log());
			await started.stop();
			step(`server tests done, n8n stopped [${elapsed(since)}]`);
		}
	};
	return { evaluation, server, logHint: batchLog };
}

/**
 * An n8n that runs elsewhere (--n8n-url): logged in, the package checked, the credentials and workflows created
 * over REST, each workflow run as the editor runs it (three at a time), each execution and its binary files read
 * back over REST.
 */
async function runRemote({ url, cases, credentialTests, panelCheck, prepared, credentialSandbox, cleanups }) {
	const owner = { email: process.env.IDEOGRAM_N8N_EMAIL, password: process.env.IDEOGRAM_N8N_PASSWORD };
	if (!owner.email || !owner.password) throw new Error('--n8n-url needs the login of an owner (or admin) of that n8n in IDEOGRAM_N8N_EMAIL and IDEOGRAM_N8N_PASSWORD');
	if (process.env.IDEOGRAM_E2E_SKIP_BUILD !== '1') {
		step('npm run build (the description the loaded node is compared with)');
		env.buildPackage();
	}
	const session = await connectToN8n(url, owner);
	step(`logged in to ${url} as ${owner.email}`);
	const manifest = JSON.parse(fs.readFileSync(path.join(env.ROOT, 'package.json'), 'utf8'));
	const loaded = await session.checkPackage({ packageName: env.PACKAGE_NAME, version: manifest.version, nodeType: env.NODE_TYPE, description: builtDescription() });
	pass(`${env.PACKAGE_NAME} ${manifest.version} is loaded there (${loaded})`);

	const created = session.resources();
	cleanups.push(async () => {
		if (process.env.IDEOGRAM_E2E_KEEP === '1') return console.log(`kept in ${url}: the credentials and workflows this run created`);
		const problems = await created.remove();
		if (problems.length > 0) console.log(`       could not remove from ${url}: ${problems.join('; ')}`);
	});
	step(`creating ${prepared.credentials.length} credentials and ${prepared.imported.length} workflows over REST`);
	const credentialIds = new Map();
	for (const credential of prepared.credentials) credentialIds.set(credential.id, await created.credential(credential));
	const workflowIds = new Map();
	for (const workflow of prepared.imported) {
		for (const node of workflow.nodes) {
			for (const ref of Object.values(node.credentials ?? {})) ref.id = credentialIds.get(ref.id) ?? ref.id;
		}
		workflowIds.set(workflow.id, await created.workflow(workflow));
	}

	const runnable = cases.filter((c) => !c.memory);
	const executions = new Map();
	const images = new Map();
	const since = Date.now();
	step(`running ${runnable.length} workflows (POST /rest/workflows/:id/run, ${process.env.IDEOGRAM_E2E_CONCURRENCY || 3} at a time)`);
	const queue = [...runnable];
	const worker = async () => {
		for (let testCase = queue.shift(); testCase; testCase = queue.shift()) {
			const id = workflowIds.get(testCase.workflow.id);
			const trigger = testCase.workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
			try {
				const execution = await session.run(id, trigger.name);
				executions.set(testCase.workflow.id, execution);
				for (const [binaryId] of binariesOf(execution)) {
					const got = await session.binary(binaryId);
					if (got.status === 200) images.set(binaryId, got.bytes);
				}
			} catch (error) {
				testCase.runError = error;
			}
		}
	};
	await Promise.all(Array.from({ length: Number(process.env.IDEOGRAM_E2E_CONCURRENCY || 3) }, worker));
	step(`all executions finished [${elapsed(since)}]`);

	const evaluation = {
		executionOf: (testCase) => {
			if (testCase.runError) throw testCase.runError;
			return executions.get(testCase.workflow.id);
		},
		n8nLog: () => {
			throw new NeedsLocalN8n("n8n's log is not readable over its REST API");
		},
		image: (binary) => {
			if (!images.has(binary.id)) throw new Error(`binary ${binary.id}: GET /rest/binary-data did not give it`);
			return { path: undefined, data: images.get(binary.id) };
		},
	};
	const server = async () => {
		step(`${credentialTests.length} credential tests${panelCheck ? ' and the panel check' : ''} against ${url}`);
		await runServerTests(session, credentialSandbox, credentialTests, { panelCheck, credentialIds, panelWorkflowId: workflowIds.get(PANEL_WORKFLOW_ID), owner });
	};
	return { evaluation, server };
}

/** Runs every case's checks against what n8n left of its execution. */
async function evaluateCases(cases, { executionOf, n8nLog, image }, skipped) {
	for (const testCase of cases) {
		console.log(`\n${testCase.name}  (${testCase.file})`);
		if (skipped.has(testCase)) {
			console.log(`  skip ${Object.keys(testCase.checks).length} checks: ${skipped.get(testCase)}`);
			report.skipped += Object.keys(testCase.checks).length;
			continue;
		}
		let execution;
		let missing;
		try {
			execution = executionOf(testCase);
			if (!execution) missing = new Error(`no execution of workflow ${testCase.workflow.id} was saved`);
		} catch (error) {
			missing = error;
		}
		const runData = execution?.data?.resultData?.runData ?? {};
		const c = {
			...helpers(),
			status: execution?.status,
			runError: execution?.data?.resultData?.error,
			sandbox: sandboxes.get(testCase.sandbox),
			served: testCase.served,
			model: testCase.model,
			execution,
			memory: testCase.memory,
			// Everything n8n printed while running the workflows (its log), to search for what must not be there.
			n8nLog,
			nodeRun: (node) => runData[node]?.[0],
			nodeRuns: (node) => runData[node] ?? [],
			items: (node) => {
				const run = runData[node]?.[0];
				if (!run) throw new Error(`node "${node}" did not run${execution ? '' : ' (no execution saved)'}: ${JSON.stringify(execution?.data?.resultData?.error?.message ?? '')}`);
				if (run.error) throw new Error(`node "${node}" failed: ${run.error.message}`);
				return run.data?.main?.[0] ?? [];
			},
			image: (binary) => {
				const stored = image(binary);
				return { ...stored, bytes: stored.data.length, info: readImageInfo(stored.data) };
			},
		};
		for (const [name, check] of Object.entries(testCase.checks)) {
			try {
				if (missing) throw missing;
				await check(c);
				pass(name);
			} catch (error) {
				if (error instanceof NeedsLocalN8n) {
					report.skipped++;
					console.log(`  skip ${name} (${error.message})`);
				} else {
					fail(name, error);
				}
			}
		}
	}
}

/** One sandbox per case group, so faults and request logs stay with their case. */
const sandboxes = new Map();

async function main() {
	const remoteUrl = argValue('--n8n-url')?.replace(/\/+$/, '');
	const only = process.env.IDEOGRAM_E2E_ONLY;
	// A comma-separated list runs the cases matching any of its parts.
	const wanted = only ? only.split(',').map((part) => part.trim()).filter(Boolean) : [];
	const matches = (...texts) => wanted.length === 0 || wanted.some((part) => texts.some((text) => text.includes(part)));
	const cases = allCases.filter((c) => matches(c.name, c.file));
	const credentialTests = allCredentialTests.filter((t) => matches(t.name));
	const panelCheck = matches(PANEL_CHECK);
	// Against a remote n8n, a case that samples n8n's process memory cannot run: it needs n8n's CLI here.
	const skipped = new Map(remoteUrl ? cases.filter((c) => c.memory).map((c) => [c, "it samples the memory of n8n's process, which needs n8n's CLI on this machine"]) : []);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-e2e-'));
	const models = [];
	const cleanups = [];
	report.skipped = 0;
	let logHint;
	try {
		step('starting sandboxes');
		const prepared = await prepareCases(cases, credentialTests, { panelCheck, sandboxes, models });
		const setup = { cases, credentialTests, panelCheck, userFolder, prepared, credentialSandbox: prepared.credentialSandbox, cleanups };
		const { evaluation, server, logHint: hint } = remoteUrl ? await runRemote({ url: remoteUrl, ...setup }) : await runLocal(setup);
		logHint = hint;
		await evaluateCases(cases, evaluation, skipped);
		// Checks across cases (the examples' recorded requests): only when every case they need ran.
		for (const suiteCheck of suiteChecks) {
			const missing = suiteCheck.needs.filter((file) => !cases.some((testCase) => testCase.file === file));
			if (missing.length > 0) {
				console.log(`\n${suiteCheck.name}: skipped, ${missing.length} of its workflows did not run (${missing.join(', ')})`);
				continue;
			}
			console.log(`\n${suiteCheck.name}`);
			try {
				await suiteCheck.check({ ...helpers(), sandbox: sandboxes.get(suiteCheck.sandbox), record: process.env.IDEOGRAM_E2E_RECORD === '1' });
				pass(suiteCheck.name);
			} catch (error) {
				fail(suiteCheck.name, error);
			}
		}
		if (report.failed > 0 && logHint) console.log(`\nn8n output: ${logHint}`);
		if (credentialTests.length > 0 || panelCheck) await server();
	} catch (error) {
		fail('setup', error);
	} finally {
		for (const cleanup of cleanups) await cleanup();
		await Promise.all([...sandboxes.values(), ...models].map((running) => running.close()));
		if (process.env.IDEOGRAM_E2E_KEEP === '1' || (report.failed > 0 && !remoteUrl)) console.log(`user folder kept: ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	}
	if (report.skipped > 0) console.log(`\n${report.skipped} checks skipped: they need an n8n this suite runs itself (run without --n8n-url)`);
	report.summary();
}

main();
