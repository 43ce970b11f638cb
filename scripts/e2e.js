#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite in a real n8n (npm run test:e2e):
 *   build → npm pack → install the tarball as a community package into a fresh n8n user folder →
 *   start local fake Ideogram APIs (sandbox/, one per case) → import credentials and workflows →
 *   run every workflow in ONE n8n process (`n8n execute-batch`, which boots n8n once instead of once per
 *   workflow like `n8n execute --id`) → read each execution from n8n's database and the binary files from its
 *   filesystem store → assert (test/e2e/cases.js) → one `n8n start` in the same user folder for the credential
 *   test over REST (test/e2e/credential-cases.js). Ends with "N passed, N failed"; exit 1 on any failure.
 *
 * Workflows that name a placeholder URL of test/e2e/fixtures.js's URL_IMAGES (edit-from-urls, url-mask-size)
 * get it replaced, at import, by a URL the case's sandbox serves the sample image at (`serveFile`).
 *
 * Env: IDEOGRAM_E2E_CACHE (cache dir for Node 24 + n8n), IDEOGRAM_E2E_KEEP=1 (keep the temp user folder),
 * IDEOGRAM_E2E_ONLY=<substring> (run only matching cases, credential tests included: "credential test"),
 * IDEOGRAM_E2E_CONCURRENCY=<n> (workflows execute-batch runs at once; default 3: the gateway-task polls and the
 * Retry-After wait overlap with other workflows instead of adding up), IDEOGRAM_E2E_SKIP_BUILD=1 (use the existing dist/),
 * IDEOGRAM_E2E_MODE=execute (one `n8n execute --id=… --rawOutput` per workflow instead of one execute-batch:
 * slower, n8n boots once per workflow, but it is the documented single-workflow path).
 */
const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const { ensureN8nInstalled } = require('./lib/n8n-install');
const env = require('./lib/n8n-env');
const { startN8nServer, ownerEnv } = require('./lib/n8n-server');
const { createReport } = require('./lib/process');
const { EXAMPLE_CREDENTIAL, E2E_CREDENTIALS, servePlaceholderImages } = require('../test/e2e/fixtures');
const { startSandbox } = require(path.join(env.ROOT, 'sandbox', 'server'));
const { readImageInfo } = require(path.join(env.ROOT, 'sandbox', 'png'));
const { cases: allCases } = require(path.join(env.ROOT, 'test', 'e2e', 'cases'));
const { credentialTests: allCredentialTests, CREDENTIAL_TEST_STYLES } = require(path.join(env.ROOT, 'test', 'e2e', 'credential-cases'));

const report = createReport('e2e');
const { elapsed, fail, pass, step } = report;

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
	const node = workflow.nodes.find((n) => n.type === env.NODE_TYPE);
	return node.credentials.ideogramApi;
}

/** One `n8n start` in the suite's user folder; POST /rest/credentials/test for each credential test. */
async function runCredentialTests(install, n8nEnv, sandbox, tests, userFolder) {
	const since = Date.now();
	step(`n8n start for ${tests.length} credential tests`);
	let server;
	try {
		server = await startN8nServer(install, n8nEnv);
		step(`n8n start answered after ${elapsed(since)}; logging in over REST`);
		await server.login();
	} catch (error) {
		fail('credential tests: n8n start and login', error);
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
	} finally {
		fs.writeFileSync(path.join(userFolder, 'start.log'), server.log());
		await server.stop();
		step(`credential tests done, n8n stopped [${elapsed(since)}]`);
	}
}

async function main() {
	const only = process.env.IDEOGRAM_E2E_ONLY;
	const cases = allCases.filter((c) => !only || c.name.includes(only) || c.file.includes(only));
	const credentialTests = allCredentialTests.filter((t) => !only || t.name.includes(only));
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-e2e-'));
	const sandboxes = new Map();
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
			const workflow = JSON.parse(text);
			testCase.workflow = workflow;
			workflows.push(workflow);
			for (const fault of testCase.faults ?? []) sandbox.queueFault(fault);
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
		fs.writeFileSync(files.credentials, JSON.stringify(credentials, null, 2));
		fs.writeFileSync(files.workflows, JSON.stringify(workflows, null, 2));
		fs.writeFileSync(files.ids, workflows.map((w) => w.id).join(','));

		const n8nEnv = env.n8nEnv(install, userFolder, {
			N8N_RUNNERS_BROKER_PORT: String(await env.freePort()),
			N8N_PORT: String(await env.freePort()),
			// The owner `n8n start` logs in as for the credential tests; set for every command of this folder.
			...ownerEnv(install),
		});
		let since = Date.now();
		step(`n8n import:credentials (${credentials.length})`);
		await env.runN8nOk(install, n8nEnv, ['import:credentials', `--input=${files.credentials}`]);
		step(`n8n import:workflow (${workflows.length}) [${elapsed(since)}]`);
		since = Date.now();
		await env.runN8nOk(install, n8nEnv, ['import:workflow', `--input=${files.workflows}`]);
		let summary = { executions: [] };
		if (process.env.IDEOGRAM_E2E_MODE === 'execute') {
			for (const workflow of workflows) {
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
		} else {
			step(`n8n execute-batch (${workflows.length} workflows, one n8n process) [import ${elapsed(since)}]`);
			since = Date.now();
			const batch = await env.runN8n(install, n8nEnv, ['execute-batch', `--ids=${files.ids}`, `--output=${files.batch}`, '--retries=0', `--concurrency=${process.env.IDEOGRAM_E2E_CONCURRENCY || 3}`]);
			fs.writeFileSync(path.join(userFolder, 'batch.log'), `${batch.stdout}\n--- stderr\n${batch.stderr}`);
			step(`execute-batch exited ${batch.code ?? batch.signal} after ${elapsed(since)} (1 = some workflow failed, as one case expects)`);
			if (!fs.existsSync(files.batch)) throw new Error(`execute-batch wrote no summary:\n${batch.stdout.slice(-3000)}\n${batch.stderr.slice(-3000)}`);
			summary = JSON.parse(fs.readFileSync(files.batch, 'utf8'));
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
				nodeRun: (node) => runData[node]?.[0],
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
		if (report.failed > 0) console.log(`\nn8n output: ${path.join(userFolder, 'batch.log')}`);

		if (credentialTests.length > 0) await runCredentialTests(install, n8nEnv, credentialSandbox, credentialTests, userFolder);
	} catch (error) {
		fail('setup', error);
	} finally {
		await Promise.all([...sandboxes.values()].map((sandbox) => sandbox.close()));
		if (process.env.IDEOGRAM_E2E_KEEP === '1' || report.failed > 0) console.log(`user folder kept: ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	}
	report.summary();
}

main();
