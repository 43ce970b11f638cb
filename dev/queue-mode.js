#!/usr/bin/env node
'use strict';
/**
 * End-to-end run of the package in n8n QUEUE MODE (node dev/queue-mode.js):
 *   Redis and PostgreSQL from Debian's packages (apt-get install when absent), each a private instance on a
 *   free port with its data in a temp dir → build + npm pack once → the tarball installed as a community
 *   package in TWO user folders (main and worker, as on two machines: nothing shared but Redis and
 *   PostgreSQL) → the sandbox (fake Ideogram API) → `n8n import:credentials` / `import:workflow` of the
 *   examples into PostgreSQL → `n8n start` (main) and `n8n worker` (separate process, own log) →
 *   each example started over the main's REST API as the editor's "Execute workflow" does
 *   (POST /rest/workflows/:id/run; on n8n 2.x with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true, which n8n 3 removed as its default)
 *   → wait for every execution (GET /rest/executions/:id) → check it ran on the worker, its images are PNGs
 *   of the answered size stored in PostgreSQL (binary data mode "database") and served back by the main, and
 *   the sandbox got the expected requests. Ends with "N passed, N failed"; exit 1 on any failure.
 *
 * Env: IDEOGRAM_E2E_CACHE (cache dir for Node 24 + n8n), IDEOGRAM_E2E_SKIP_BUILD=1 (use the existing dist/),
 * IDEOGRAM_QUEUE_KEEP=1 (keep the temp dir with logs and data), IDEOGRAM_QUEUE_WORKER_CONCURRENCY (the
 * worker's --concurrency, default 5), IDEOGRAM_QUEUE_LATENCY_MS (the sandbox's delay per request, default 0;
 * with 1500 the executions overlap on the worker and the sandbox's 10-images-in-flight limit answers 429s),
 * IDEOGRAM_QUEUE_ONLY=<substring> (only matching example files). Docs: docs/queue-mode.md.
 * Needs root for apt-get (only when Redis or PostgreSQL is missing) and to run PostgreSQL as the `postgres` user.
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { ensureN8nInstalled, cacheDir } = require('./lib/n8n-install');
const env = require('./lib/n8n-env');
const { OWNER, ownerEnv } = require('./lib/n8n-server');
const { downloadBinary, restSession, startExecution, waitForExecution } = require('./lib/n8n-rest');
const { createReport, sleep } = require('./lib/process');
const { processRegistry, ensureServerBinaries, startRedis, startPostgres, queueModeEnv, runN8nCommand, startMain, startWorker } = require('./lib/queue-services');
const { EXAMPLE_CREDENTIAL, allowSandboxImageHost, servePlaceholderImages, BATCH, CATALOGUE_EXAMPLES, COST_ESTIMATE, LAYERIZE_TEXT, REMOVE_BACKGROUND } = require('../samples/workflow-inputs');
const { startSandbox } = require(path.join(env.ROOT, 'sandbox', 'server'));
const { readImageInfo } = require(path.join(env.ROOT, 'sandbox', 'png'));

const DB = { name: 'n8n', user: 'n8n', password: crypto.randomBytes(12).toString('hex') };
const WORKER_CONCURRENCY = Number(process.env.IDEOGRAM_QUEUE_WORKER_CONCURRENCY || 5);
const SANDBOX_LATENCY_MS = Number(process.env.IDEOGRAM_QUEUE_LATENCY_MS || 0);
const EXECUTION_TIMEOUT_MS = 120000;

const report = createReport('queue');
const { elapsed, fail, pass, step } = report;

function check(condition, what) {
	if (!condition) throw new Error(what);
}

function same(actual, expected, what) {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// ------------------------------------------------------------------------------------------ processes

/** Everything started here (Redis, PostgreSQL, n8n, the sandbox): stopped at the end, on failure and on Ctrl-C. */
const processes = processRegistry();
/** The run's temp dir (data, logs); removed at the end unless kept. */
let tmpDir;
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		processes.interrupt();
		report.silence();
		console.log(`\n[queue] ${signal}: stopping everything this script started`);
		processes.cleanupAll().finally(() => {
			if (tmpDir && process.env.IDEOGRAM_QUEUE_KEEP !== '1') fs.rmSync(tmpDir, { recursive: true, force: true });
			process.exit(130);
		});
	});
}

// -------------------------------------------------------------------------------------------- n8n

/** n8n's REST API as the owner. */
async function ownerSession(url) {
	const session = restSession(url);
	await session.login(OWNER);
	return session;
}

// --------------------------------------------------------------------------------- what to expect

/**
 * Per example: the Ideogram node's output (items, binary or not, each PNG's size) and the requests the sandbox
 * must have answered 200 for it, as in regular mode (dev/e2e-cases/cases.js). The examples share one sandbox, so
 * requests are told apart by path and, for the two edit examples, by the uploaded file's name.
 */
const EXPECTED = {
	'edit-with-mask.json': { items: 2, sizes: ['640x480', '640x480'], requests: { path: '/v1/ideogram-v3/inpaint', file: 'mug.png', count: 1 } },
	'remix-three-styles.json': { items: 3, sizes: ['1312x736', '1312x736', '1312x736'], requests: { path: '/v1/ideogram-v3/remix', count: 3 } },
	'replace-background-batch.json': {
		items: 3,
		sizes: BATCH.map((image) => `${image.width}x${image.height}`),
		requests: { path: '/v1/ideogram-v3/replace-background', count: 3 },
	},
	'reframe-to-landscape.json': { items: 1, sizes: ['1312x736'], requests: { path: '/v1/ideogram-v3/reframe', count: 1 } },
	'generate-text-to-image.json': { items: 2, sizes: ['1312x736', '1312x736'], requests: { path: '/v1/ideogram-v3/generate', count: 1 } },
	'upscale.json': { items: 1, sizes: ['640x480'], requests: { path: '/upscale', count: 1 } },
	'describe.json': { items: 2, describe: true, requests: { path: '/describe', count: 2 } },
	'edit-from-urls.json': {
		items: 1,
		sizes: ['600x400'],
		requests: { path: '/v1/ideogram-v3/inpaint', file: 'kettle.png', count: 1 },
		downloads: ['/files/kettle-mask.png', '/files/kettle.png'],
	},
	'remove-background.json': { items: 1, sizes: [`${REMOVE_BACKGROUND.width}x${REMOVE_BACKGROUND.height}`], requests: { path: '/v1/remove-background', count: 1 } },
	// One item whose binaries are the text-free base image (data) and the original (original); no json.resolution.
	'layerize-text.json': { items: 1, layers: `${LAYERIZE_TEXT.width}x${LAYERIZE_TEXT.height}`, requests: { path: '/v1/ideogram-v3/layerize-text', count: 1 } },
	'ideogram-4-5-precise-edit.json': { items: 1, sizes: ['640x480'], requests: { path: '/v2/image/precise-edit/ideogram-4-5', count: 1 } },
	// The first Ideogram node prices the batch (one quote per prompt, no binary); under budget the second runs it.
	'cost-estimate-before-batch.json': { items: COST_ESTIMATE.prompts.length, quotes: true, requests: { path: '/v2/image/generate/ideogram-4-5', count: 2 * COST_ESTIMATE.prompts.length } },
	// Remove Object answers with a generation the worker polls; the result keeps the photo's size.
	'remove-an-object.json': {
		items: 1,
		sizes: [`${CATALOGUE_EXAMPLES.removeObject.width}x${CATALOGUE_EXAMPLES.removeObject.height}`],
		requests: { path: '/v2/image/remove-object/ideogram-1', count: 1 },
	},
	'upscale-for-print.json': {
		items: 1,
		sizes: [`${CATALOGUE_EXAMPLES.print.width * 4}x${CATALOGUE_EXAMPLES.print.height * 4}`],
		requests: { path: '/v2/image/upscale/topaz-wonder-3-5', count: 1 },
	},
};

/**
 * Examples queue mode leaves to the regular end-to-end suite, whose cases check them: their outputs are not PNGs
 * (SVGs; the error items of a batch over its spending limit), and the spending-limit batch's quotes would share
 * the cost-estimate example's path in the one sandbox.
 */
const REGULAR_MODE_ONLY = ['logo-to-svg.json', 'nightly-batch-with-spending-limit.json'];

/** Most images rendering at once at the sandbox, from the answered requests' start and answer times. */
function peakImagesInFlight(requests) {
	const events = [];
	for (const request of requests.filter((r) => r.status === 200 && r.answeredAt)) {
		let images = Number(request.fields?.num_images?.[0] ?? 1);
		if (request.fields?.image_request) images = JSON.parse(request.fields.image_request[0]).num_images ?? 1;
		events.push([request.startedAt, images], [request.answeredAt, -images]);
	}
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let peak = 0;
	for (const [, delta] of events) peak = Math.max(peak, (now += delta));
	return peak;
}

// ------------------------------------------------------------------------------------------------ main

async function main() {
	const only = process.env.IDEOGRAM_QUEUE_ONLY;
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-queue-'));
	tmpDir = tmp;
	fs.chmodSync(tmp, 0o755); // PostgreSQL's user must reach its data dir inside
	const dirs = { main: path.join(tmp, 'main'), worker: path.join(tmp, 'worker'), redis: path.join(tmp, 'redis'), postgres: path.join(tmp, 'postgres') };
	for (const dir of [dirs.main, dirs.worker, dirs.postgres]) fs.mkdirSync(dir, { recursive: true });
	const timings = {};
	let keep = process.env.IDEOGRAM_QUEUE_KEEP === '1';
	try {
		// Redis/PostgreSQL (apt only when missing) and Node 24 + n8n (cached) are independent: do both at once.
		step(`ensuring Redis, PostgreSQL, Node 24 and n8n (cache: ${cacheDir()})`);
		let since = Date.now();
		const [installed, install] = await Promise.all([ensureServerBinaries(path.join(tmp, 'apt.log'), step), ensureN8nInstalled()]);
		timings.prerequisites = elapsed(since);
		if (installed) step(`apt-get done [${timings.prerequisites}]`);

		since = Date.now();
		const [redis, postgres] = await Promise.all([startRedis(processes, dirs.redis), startPostgres(processes, dirs.postgres, DB)]);
		timings.servers = elapsed(since);
		step(`Redis ${redis.version} on 127.0.0.1:${redis.port}, PostgreSQL ${postgres.version} on 127.0.0.1:${postgres.port} (runs as ${postgres.user}), database "${DB.name}" [${timings.servers}]`);

		since = Date.now();
		if (process.env.IDEOGRAM_E2E_SKIP_BUILD !== '1') {
			step('npm run build');
			env.buildPackage();
		}
		const pack = env.packPackage(path.join(tmp, 'pack'));
		// Main and worker each get the package, as on two machines: the worker runs the node, and the main refuses
		// to start a workflow whose node type it does not know (400 "Unrecognized node type", seen here).
		for (const folder of [dirs.main, dirs.worker]) env.installPackage(folder, pack.tarball, pack.version);
		step(`${path.basename(pack.tarball)} installed as a community package for the main and for the worker [${elapsed(since)}]`);

		const sandbox = await startSandbox({ apiKey: 'sandbox-key', latencyMs: SANDBOX_LATENCY_MS });
		processes.onCleanup('sandbox', () => sandbox.close());
		step(`sandbox Ideogram API on ${sandbox.apiUrl}, images on ${sandbox.imageUrl}, ${SANDBOX_LATENCY_MS} ms per request, 10 images in flight per key`);

		const examples = fs
			.readdirSync(path.join(env.ROOT, 'examples'))
			.filter((file) => file.endsWith('.json') && !REGULAR_MODE_ONLY.includes(file) && (!only || file.includes(only)))
			.sort()
			.map((file) => {
				const { text } = servePlaceholderImages(fs.readFileSync(path.join(env.ROOT, 'examples', file), 'utf8'), sandbox);
				const workflow = allowSandboxImageHost(JSON.parse(text), sandbox);
				const ideogram = workflow.nodes.find((node) => node.type === env.NODE_TYPE);
				const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
				return { file, workflow, node: ideogram?.name, trigger: trigger?.name, expected: EXPECTED[file] };
			});
		const files = { credentials: path.join(tmp, 'credentials.json'), workflows: path.join(tmp, 'workflows.json') };
		fs.writeFileSync(files.credentials, JSON.stringify([env.credentialJson({ ...EXAMPLE_CREDENTIAL, baseUrl: sandbox.apiUrl })], null, 2));
		fs.writeFileSync(files.workflows, JSON.stringify(examples.map((example) => example.workflow), null, 2));

		const shared = { ...queueModeEnv({ redis, postgres, db: DB }), ...ownerEnv() };
		const mainEnv = env.n8nEnv(install, dirs.main, { ...shared, N8N_PORT: String(await env.freePort()), N8N_RUNNERS_BROKER_PORT: String(await env.freePort()) });
		const workerEnv = env.n8nEnv(install, dirs.worker, {
			...shared,
			N8N_RUNNERS_BROKER_PORT: String(await env.freePort()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(await env.freePort()),
		});

		since = Date.now();
		step('n8n import:credentials (creates the schema in PostgreSQL)');
		await runN8nCommand(processes, install, mainEnv, ['import:credentials', `--input=${files.credentials}`], path.join(tmp, 'import.log'));
		step(`n8n import:workflow (${examples.length}) [${elapsed(since)}]`);
		await runN8nCommand(processes, install, mainEnv, ['import:workflow', `--input=${files.workflows}`], path.join(tmp, 'import.log'));
		timings.import = elapsed(since);

		since = Date.now();
		step(`n8n start (main) and n8n worker --concurrency=${WORKER_CONCURRENCY}`);
		const workerLog = path.join(tmp, 'worker.log');
		const mainLog = path.join(tmp, 'main.log');
		const [mainResult, workerResult] = await Promise.allSettled([startMain(processes, install, mainEnv, mainLog), startWorker(processes, install, workerEnv, workerLog, WORKER_CONCURRENCY)]);
		if (mainResult.status === 'rejected') throw mainResult.reason;
		if (workerResult.status === 'rejected') throw workerResult.reason;
		const server = mainResult.value;
		const worker = workerResult.value;
		timings.start = elapsed(since);
		step(`main answers on ${server.url}, worker ready (health on :${workerEnv.QUEUE_HEALTH_CHECK_PORT}) [${timings.start}]`);
		// n8n 2.40 warns below PostgreSQL 17 (16: "compatibility support"); Debian 12 ships 15. Say so, don't fail.
		const pgWarning = server.log().match(/^Postgres \d+ is .*$/m)?.[0];
		if (pgWarning) console.log(`       note: n8n says "${pgWarning}"`);

		const rest = await ownerSession(server.url);

		console.log('\nsetup');
		try {
			check(/n8n worker is now ready/.test(worker.log()), 'worker log says "n8n worker is now ready"');
			check(new RegExp(`Concurrency: ${WORKER_CONCURRENCY}\\b`).test(worker.log()), `worker log says "Concurrency: ${WORKER_CONCURRENCY}"`);
			pass(`a separate n8n worker process is ready (pid ${worker.child.pid}, concurrency ${WORKER_CONCURRENCY})`);
		} catch (error) {
			fail('a separate n8n worker process is ready', error);
		}
		try {
			// The main loaded the community package (from its own user folder) and describes the node as the editor asks.
			const types = await rest.json('POST', '/rest/node-types', { nodeInfos: [{ name: env.NODE_TYPE, version: 1 }] });
			// (A lookup by the full type name `n8n-nodes-ideogram.ideogram`; the description keeps the node's short name.)
			same(types.data?.[0]?.name, env.NODE_TYPE.split('.').pop(), `the main's description of ${env.NODE_TYPE}`);
			const credential = await rest.json('GET', `/rest/credentials/${EXAMPLE_CREDENTIAL.id}`);
			same([credential.data?.id, credential.data?.type], [EXAMPLE_CREDENTIAL.id, env.CREDENTIAL_TYPE], 'imported credential');
			const workflows = await rest.json('GET', '/rest/workflows');
			const ids = (workflows.data ?? []).map((w) => w.id).sort();
			same(ids, examples.map((example) => example.workflow.id).sort(), 'imported workflow ids');
			pass(`the main knows the Ideogram node and serves the imported credential and ${examples.length} workflows from PostgreSQL`);
		} catch (error) {
			fail('the main serves the imported credential and workflows from PostgreSQL', error);
		}

		// Start every example as the editor's "Execute workflow" button does; the worker takes them from Redis.
		since = Date.now();
		step(`running ${examples.length} examples: POST /rest/workflows/:id/run, all at once`);
		await Promise.all(
			examples.map(async (example) => {
				try {
					example.executionId = await startExecution(rest, example.workflow.id, example.trigger);
				} catch (error) {
					example.startError = error;
				}
			}),
		);
		await Promise.all(
			examples
				.filter((example) => example.executionId)
				.map(async (example) => {
					try {
						example.execution = await waitForExecution(rest, example.executionId, { timeoutMs: EXECUTION_TIMEOUT_MS });
						example.ms = Date.now() - since;
					} catch (error) {
						example.waitError = error;
					}
				}),
		);
		timings.executions = elapsed(since);
		step(`all executions finished [${timings.executions}]`);

		const mainText = server.log();
		const workerText = worker.log();
		const binaryRows = new Map(
			postgres.query('SELECT "fileId", "sourceType", "sourceId", "fileSize", "mimeType" FROM binary_data').map(([fileId, sourceType, sourceId, fileSize, mimeType]) => [
				fileId,
				{ sourceType, sourceId, fileSize: Number(fileSize), mimeType },
			]),
		);
		// What the sandbox logged before this script fetches result links itself (below) for comparison.
		const requests = [...sandbox.requests];
		const imageRequests = [...sandbox.imageRequests];

		for (const example of examples) {
			console.log(`\n${example.file}  (workflow ${example.workflow.id}, execution ${example.executionId ?? '-'}${example.ms ? `, done after ${(example.ms / 1000).toFixed(1)} s` : ''})`);
			const expected = example.expected;
			const execution = example.execution;
			const id = example.executionId;
			const items = () => {
				const runs = execution?.data?.resultData?.runData?.[example.node];
				if (!runs?.[0]) throw new Error(`node "${example.node}" did not run: ${execution?.data?.resultData?.error?.message ?? ''}`);
				if (runs[0].error) throw new Error(`node "${example.node}" failed: ${runs[0].error.message}`);
				return runs[0].data?.main?.[0] ?? [];
			};
			const checks = {
				'started over REST and finished with status success': () => {
					if (example.startError) throw example.startError;
					if (example.waitError) throw example.waitError;
					same([execution.status, execution.mode], ['success', 'manual'], 'status and mode');
				},
				'enqueued by the main and run by the worker': () => {
					check(mainText.includes(`Enqueued execution ${id} `), `main log has no "Enqueued execution ${id}"`);
					check(workerText.includes(`Worker started execution ${id} `), `worker log has no "Worker started execution ${id}"`);
					check(workerText.includes(`Worker finished execution ${id} `), `worker log has no "Worker finished execution ${id}"`);
					check(!mainText.includes(`Worker started execution ${id} `), 'the main ran it itself');
				},
				[`the sandbox answered ${expected?.requests.count} ${expected?.requests.path} request(s) for it`]: () => {
					check(expected, `no expectations for ${example.file} in dev/queue-mode.js`);
					const mine = requests.filter(
						(r) => r.path === expected.requests.path && (!expected.requests.file || r.files?.image?.[0]?.filename === expected.requests.file),
					);
					const answered = mine.filter((r) => r.status === 200);
					same(answered.length, expected.requests.count, `requests answered 200 (all to ${expected.requests.path}: ${mine.map((r) => r.status).join(', ')})`);
					const other = requests.filter((r) => r.path === expected.requests.path && ![200, 429].includes(r.status));
					same(other.map((r) => r.status), [], `other answers to ${expected.requests.path}`);
					for (const download of expected.downloads ?? []) {
						check(imageRequests.some((r) => r.path === download), `the worker did not download ${download}`);
					}
				},
			};
			if (expected?.describe) {
				checks[`outputs ${expected.items} items with descriptions and no binary`] = () => {
					const output = items();
					same(output.length, expected.items, 'output items');
					for (const item of output) {
						check(!item.binary, 'an item has a binary');
						check(item.json.descriptions?.[0]?.text, `no description in ${JSON.stringify(item.json).slice(0, 200)}`);
					}
				};
			} else if (expected?.quotes) {
				checks[`outputs ${expected.items} price quotes and no binary`] = () => {
					const output = items();
					same(output.length, expected.items, 'output items');
					for (const item of output) {
						check(!item.binary, 'a quote has a binary');
						check(Number.isInteger(item.json.usd_micros) && item.json.usd === item.json.usd_micros / 1e6, `not a quote: ${JSON.stringify(item.json).slice(0, 200)}`);
					}
				};
			} else if (expected?.layers) {
				checks[`outputs one item with text_blocks, its base image and the original (${expected.layers}) stored in PostgreSQL and served back`] = async () => {
					const output = items();
					same(output.length, expected.items, 'output items');
					const [item] = output;
					check(Array.isArray(item.json.text_blocks) && item.json.text_blocks.length > 0, 'no text_blocks');
					same(Object.keys(item.binary ?? {}).sort(), ['data', 'original'], 'binary fields');
					for (const field of ['data', 'original']) {
						const binary = item.binary[field];
						check(/^database:/.test(binary.id ?? ''), `${field}: binary id ${binary.id} is not in the database store`);
						const row = binaryRows.get(binary.id.slice('database:'.length));
						check(row, `${field}: no binary_data row for ${binary.id}`);
						same([row.sourceType, row.sourceId, row.mimeType], ['execution', String(id), 'image/png'], `${field} binary_data row`);
						const got = await downloadBinary(rest, binary.id);
						const info = readImageInfo(got.bytes);
						same([got.status, info?.format, info && `${info.width}x${info.height}`], [200, 'png', expected.layers], `${field} PNG read back`);
					}
				};
			} else if (expected) {
				checks[`outputs ${expected.items} PNG(s) of ${[...new Set(expected.sizes)].join(', ')} stored in PostgreSQL (binary data mode database)`] = () => {
					const output = items();
					same(output.length, expected.items, 'output items');
					same(output.map((item) => item.json.resolution), expected.sizes, 'resolutions the sandbox answered');
					for (const [index, item] of output.entries()) {
						const binary = item.binary?.data;
						check(binary, `item ${index} has no binary "data"`);
						check(/^database:/.test(binary.id ?? ''), `item ${index} binary id ${binary.id} is not in the database store`);
						same(binary.mimeType, 'image/png', `item ${index} mimeType`);
						const row = binaryRows.get(binary.id.slice('database:'.length));
						check(row, `item ${index}: no binary_data row for ${binary.id}`);
						same([row.sourceType, row.sourceId, row.mimeType], ['execution', String(id), 'image/png'], `item ${index} binary_data row`);
						same(row.fileSize, binary.bytes, `item ${index} stored size vs metadata`);
						check(imageRequests.some((r) => item.json.url.endsWith(r.path)), `item ${index}: the result link was not downloaded`);
					}
				};
				checks['the main serves each PNG back (GET /rest/binary-data), the same bytes as the result link'] = async () => {
					for (const [index, item] of items().entries()) {
						const binary = item.binary.data;
						const got = await downloadBinary(rest, binary.id);
						same([got.status, got.contentType?.split(';')[0]], [200, 'image/png'], `item ${index} GET /rest/binary-data`);
						const info = readImageInfo(got.bytes);
						same([info?.format, info && `${info.width}x${info.height}`], ['png', expected.sizes[index]], `item ${index} PNG read back`);
						same(got.bytes.length, binary.bytes, `item ${index} bytes read back vs metadata`);
						const original = Buffer.from(await (await fetch(item.json.url)).arrayBuffer());
						check(original.equals(got.bytes), `item ${index}: the stored bytes differ from the image at its result link`);
					}
				};
			}
			for (const [name, test] of Object.entries(checks)) {
				try {
					await test();
					pass(name);
				} catch (error) {
					fail(name, error);
				}
			}
		}
		const retried = requests.filter((r) => r.status === 429).length;
		console.log(`\nsandbox: ${requests.length} API requests (${retried} answered 429 and retried), ${imageRequests.length} image downloads, peak ${peakImagesInFlight(requests)} images in flight`);
		console.log(
			`timings: prerequisites ${timings.prerequisites}, Redis+PostgreSQL ${timings.servers}, imports ${timings.import}, main+worker start ${timings.start}, ${examples.length} executions ${timings.executions}`,
		);
		if (report.failed > 0) keep = true;
	} catch (error) {
		fail('setup', error);
		keep = true;
	} finally {
		await processes.cleanupAll();
		const leftovers = [...processes.livePids];
		if (leftovers.length > 0) fail('no process left behind', new Error(`still running: ${leftovers.join(', ')}`));
		if (processes.interrupted) return;
		if (keep) console.log(`logs and data kept: ${tmp} (main.log, worker.log, redis/, postgres/)`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	report.summary();
}

main();
