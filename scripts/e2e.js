#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite in a real n8n (npm run test:e2e):
 *   build → npm pack → install the tarball as a community package into a fresh n8n user folder →
 *   start local fake Ideogram APIs (sandbox/, one per case) → import credentials and workflows →
 *   run every workflow in ONE n8n process (`n8n execute-batch`, which boots n8n once instead of once per
 *   workflow like `n8n execute --id`) → read each execution from n8n's database and the binary files from its
 *   filesystem store → assert (test/e2e/cases.js) → one `n8n start` in the same user folder for the credential
 *   test over REST (test/e2e/credential-cases.js) and the node's panel in headless Chromium, once per operation
 *   (scripts/panel-check.js, its checks counted here). Ends with "N passed, N failed"; exit 1 on any failure.
 *
 * Cases with `openAi` (the AI Agent cases) get a scripted OpenAI-compatible model each (scripts/lib/mock-openai.js)
 * and an `openAiApi` credential pointing at it.
 *
 * Workflows that name a placeholder URL of test/e2e/fixtures.js's URL_IMAGES (edit-from-urls, url-mask-size)
 * get it replaced, at import, by a URL the case's sandbox serves the sample image at (`serveFile`).
 *
 * Env: IDEOGRAM_E2E_CACHE (cache dir for Node 24 + n8n), IDEOGRAM_E2E_KEEP=1 (keep the temp user folder),
 * IDEOGRAM_E2E_ONLY=<substring>[,<substring>…] (run only matching cases, credential tests included: "credential test",
 * the panel check too: "panel"), IDEOGRAM_E2E_SCREENSHOTS=1 (the panel check saves docs/panel/*.png),
 * IDEOGRAM_E2E_CONCURRENCY=<n> (workflows execute-batch runs at once; default 3: the gateway-task polls and the
 * Retry-After wait overlap with other workflows instead of adding up), IDEOGRAM_E2E_SKIP_BUILD=1 (use the existing dist/),
 * IDEOGRAM_E2E_RECORD=1 (write test/e2e/recorded/example-requests.json from this run instead of comparing with it),
 * IDEOGRAM_E2E_MODE=execute (one `n8n execute --id=… --rawOutput` per workflow instead of one execute-batch:
 * slower, n8n boots once per workflow, but it is the documented single-workflow path).
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
const { startN8nServer, ownerEnv } = require('./lib/n8n-server');
const { createReport } = require('./lib/process');
const { startMockOpenAi } = require('./lib/mock-openai');
const { PANEL_CREDENTIAL, panelWorkflow } = require('./panel-check');
const { sampleMemory } = require('./lib/process-memory');
const { EXAMPLE_CREDENTIAL, E2E_CREDENTIALS, allowSandboxImageHost, servePlaceholderImages } = require('../test/e2e/fixtures');
const { startSandbox } = require(path.join(env.ROOT, 'sandbox', 'server'));
const { readImageInfo } = require(path.join(env.ROOT, 'sandbox', 'png'));
const { cases: allCases, suiteChecks } = require(path.join(env.ROOT, 'test', 'e2e', 'cases'));
const { credentialTests: allCredentialTests, CREDENTIAL_TEST_STYLES } = require(path.join(env.ROOT, 'test', 'e2e', 'credential-cases'));

const report = createReport('e2e');
const { elapsed, fail, pass, step } = report;

/** The panel check's name, as IDEOGRAM_E2E_ONLY matches it. */
const PANEL_CHECK = 'panel in a real browser (scripts/panel-check.js)';

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
 * The panel check against the suite's running n8n: scripts/panel-check.js --url, run by Node 24 (it needs the
 * global WebSocket). Its ok/FAIL lines print as they come; its closing tally is added to this suite's.
 */
function runPanelCheck(install, server) {
	console.log(`\n${PANEL_CHECK}`);
	const args = [path.join(__dirname, 'panel-check.js'), '--url', server.url, ...(process.env.IDEOGRAM_E2E_SCREENSHOTS === '1' ? ['--screenshots'] : [])];
	return new Promise((resolve) => {
		const child = spawn(install.node, args, { cwd: env.ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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
				fail('panel check', new Error(`scripts/panel-check.js exited ${code ?? signal} without its "N passed, N failed" line`));
			} else {
				report.passed += Number(tally[1]);
				report.failed += Number(tally[2]);
			}
			resolve();
		});
	});
}

/**
 * One `n8n start` in the suite's user folder: POST /rest/credentials/test for each credential test, then the
 * panel check in headless Chromium when it is selected.
 */
async function runServerTests(install, n8nEnv, sandbox, tests, userFolder, { panelCheck }) {
	const since = Date.now();
	step(`n8n start for ${tests.length} credential tests${panelCheck ? ' and the panel check' : ''}`);
	let server;
	try {
		server = await startN8nServer(install, n8nEnv);
		// The credential tests use a REST session; the panel check signs in through the editor's form itself.
		if (tests.length > 0) {
			step(`n8n start answered after ${elapsed(since)}; logging in over REST`);
			await server.login();
		}
	} catch (error) {
		fail(`n8n start${tests.length > 0 ? ' and login' : ''} for the credential tests${panelCheck ? ' and the panel check' : ''}`, error);
		if (server) {
			fs.writeFileSync(path.join(userFolder, 'start.log'), server.log());
			await server.stop();
		}
		return;
	}
	try {
		for (const test of tests) {
			console.log(`\n${test.name}  (POST /rest/credentials/test)`);
			sandbox.reset();
			let response;
			try {
				response = await server.request('POST', '/rest/credentials/test', {
					credentials: {
						id: test.style.id,
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
		if (panelCheck) await runPanelCheck(install, server);
	} finally {
		fs.writeFileSync(path.join(userFolder, 'start.log'), server.log());
		await server.stop();
		step(`server tests done, n8n stopped [${elapsed(since)}]`);
	}
}

async function main() {
	const only = process.env.IDEOGRAM_E2E_ONLY;
	// A comma-separated list runs the cases matching any of its parts.
	const wanted = only ? only.split(',').map((part) => part.trim()).filter(Boolean) : [];
	const matches = (...texts) => wanted.length === 0 || wanted.some((part) => texts.some((text) => text.includes(part)));
	const cases = allCases.filter((c) => matches(c.name, c.file));
	const credentialTests = allCredentialTests.filter((t) => matches(t.name));
	const panelCheck = matches(PANEL_CHECK);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-e2e-'));
	const sandboxes = new Map();
	const models = [];
	try {
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

		// One sandbox per case group; faults and request logs stay with their case.
		step('starting sandboxes');
		const credentials = [];
		const workflows = [];
		const seen = new Set();
		const sandboxFor = async (key) => {
			if (!sandboxes.has(key)) {
				sandboxes.set(key, await startSandbox({ apiKey: 'sandbox-key' }));
			}
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
		const files = {
			credentials: path.join(userFolder, 'credentials.json'),
			workflows: path.join(userFolder, 'workflows.json'),
			ids: path.join(userFolder, 'ids.txt'),
			batch: path.join(userFolder, 'batch.json'),
		};
		// The panel check's workflow (one node per operation, from the fresh build) is imported, never executed.
		const imported = panelCheck ? [...workflows, panelWorkflow()] : workflows;
		if (panelCheck) credentials.push(env.credentialJson({ ...PANEL_CREDENTIAL, baseUrl: 'http://127.0.0.1:9' }));
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
			...ownerEnv(install),
		});
		let since = Date.now();
		step(`n8n import:credentials (${credentials.length})`);
		await env.runN8nOk(install, n8nEnv, ['import:credentials', `--input=${files.credentials}`]);
		step(`n8n import:workflow (${imported.length}) [${elapsed(since)}]`);
		since = Date.now();
		await env.runN8nOk(install, n8nEnv, ['import:workflow', `--input=${files.workflows}`]);
		let summary = { executions: [] };
		if (process.env.IDEOGRAM_E2E_MODE === 'execute') {
			for (const workflow of batchWorkflows) {
				since = Date.now();
				const result = await env.runN8n(install, n8nEnv, ['execute', `--id=${workflow.id}`, '--rawOutput']);
				fs.appendFileSync(path.join(userFolder, 'batch.log'), `\n=== ${workflow.id}\n${result.stdout}\n--- stderr\n${result.stderr}`);
				let status;
				try {
					status = env.parseRawOutput(result.stdout).status;
				} catch {
					status = `exit ${result.code}`;
				}
				summary.executions.push({ workflowId: workflow.id, executionStatus: status, exitCode: result.code });
				step(`n8n execute --id=${workflow.id} --rawOutput → ${status} (${elapsed(since)})`);
			}
		} else if (batchWorkflows.length > 0) {
			step(`n8n execute-batch (${batchWorkflows.length} workflows, one n8n process) [import ${elapsed(since)}]`);
			since = Date.now();
			const batch = await env.runN8n(install, n8nEnv, ['execute-batch', `--ids=${files.ids}`, `--output=${files.batch}`, '--retries=0', `--concurrency=${process.env.IDEOGRAM_E2E_CONCURRENCY || 3}`]);
			fs.writeFileSync(path.join(userFolder, 'batch.log'), `${batch.stdout}\n--- stderr\n${batch.stderr}`);
			step(`execute-batch exited ${batch.code ?? batch.signal} after ${elapsed(since)} (1 = some workflow failed, as one case expects)`);
			if (!fs.existsSync(files.batch)) throw new Error(`execute-batch wrote no summary:\n${batch.stdout.slice(-3000)}\n${batch.stderr.slice(-3000)}`);
			summary = JSON.parse(fs.readFileSync(files.batch, 'utf8'));
		}

		for (const testCase of cases.filter((c) => c.memory)) {
			since = Date.now();
			let sampler;
			const result = await env.runN8n(install, n8nEnv, ['execute', `--id=${testCase.workflow.id}`, '--rawOutput'], {
				onSpawn: (child) => (sampler = sampleMemory(child.pid, 20)),
			});
			sampler.stop();
			testCase.memory = { samples: sampler.samples, before: sampler.before, between: sampler.between, endedAt: Date.now() };
			fs.appendFileSync(path.join(userFolder, 'batch.log'), `\n=== ${testCase.workflow.id} (alone, memory sampled)\n${result.stdout}\n--- stderr\n${result.stderr}`);
			summary.executions.push({ workflowId: testCase.workflow.id, exitCode: result.code });
			step(`n8n execute --id=${testCase.workflow.id} alone, ${sampler.samples.length} memory samples (${elapsed(since)})`);
		}

		const read = spawnSync(install.node, [path.join(__dirname, 'lib', 'read-executions.js'), userFolder, install.n8nDir], {
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
		});
		if (read.status !== 0) throw new Error(`reading executions failed: ${read.stderr}`);
		const executions = JSON.parse(read.stdout);

		const storage = path.join(userFolder, '.n8n', 'storage');
		for (const testCase of cases) {
			console.log(`\n${testCase.name}  (${testCase.file})`);
			const execution = executions.find((e) => e.workflowId === testCase.workflow.id);
			const batchResult = summary.executions.find((e) => e.workflowId === testCase.workflow.id);
			const runData = execution?.data?.resultData?.runData ?? {};
			const c = {
				...helpers(),
				status: execution?.status,
				runError: execution?.data?.resultData?.error,
				batchResult,
				sandbox: sandboxes.get(testCase.sandbox),
				served: testCase.served,
				model: testCase.model,
				execution,
				memory: testCase.memory,
				// Everything n8n printed while running the workflows (its log), to search for what must not be there.
				n8nLog: () => fs.readFileSync(path.join(userFolder, 'batch.log'), 'utf8'),
				nodeRun: (node) => runData[node]?.[0],
				nodeRuns: (node) => runData[node] ?? [],
				items: (node) => {
					const run = runData[node]?.[0];
					if (!run) throw new Error(`node "${node}" did not run${execution ? '' : ' (no execution saved)'}: ${JSON.stringify(batchResult?.error ?? execution?.data?.resultData?.error?.message ?? '')}`);
					if (run.error) throw new Error(`node "${node}" failed: ${run.error.message}`);
					return run.data?.main?.[0] ?? [];
				},
				image: (binary) => {
					const file = path.join(storage, String(binary.id).replace(/^filesystem-v2:/, ''));
					if (!fs.existsSync(file)) throw new Error(`binary ${binary.id} not found at ${file}`);
					const bytes = fs.readFileSync(file);
					return { path: file, bytes: bytes.length, info: readImageInfo(bytes) };
				},
			};
			for (const [name, check] of Object.entries(testCase.checks)) {
				try {
					if (!execution) throw new Error(`no execution of workflow ${testCase.workflow.id} was saved (batch: ${JSON.stringify(batchResult)})`);
					await check(c);
					pass(name);
				} catch (error) {
					fail(name, error);
				}
			}
		}
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
		if (report.failed > 0) console.log(`\nn8n output: ${path.join(userFolder, 'batch.log')}`);

		if (credentialTests.length > 0 || panelCheck) await runServerTests(install, n8nEnv, credentialSandbox, credentialTests, userFolder, { panelCheck });
	} catch (error) {
		fail('setup', error);
	} finally {
		await Promise.all([...sandboxes.values(), ...models].map((server) => server.close()));
		if (process.env.IDEOGRAM_E2E_KEEP === '1' || report.failed > 0) console.log(`user folder kept: ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	}
	report.summary();
}

main();
