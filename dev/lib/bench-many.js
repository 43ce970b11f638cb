'use strict';
/**
 * The benchmark's "many executions" part (npm run bench -- --only many): many executions of the node at once on
 * one API key, as a webhook that starts one execution per upload produces them. A Webhook → Ideogram (Remix)
 * workflow that answers when its last node finishes, in a real `n8n start`, gets N POSTs of one 256×256 PNG at
 * once; the sandbox enforces Ideogram's 10 images in flight and takes a fixed time per call:
 *   - regular mode: 30 at 3000 ms, 30 at 400 ms, and the same 400 ms burst against a sandbox with no in-flight
 *     limit (what n8n itself costs: the floor for the 400 ms row);
 *   - queue mode (Redis and PostgreSQL as in `npm run test:queue`, a main and two `n8n worker --concurrency 10`):
 *     40 at 3000 ms.
 * Per burst: failed executions (the webhook did not answer 200), API calls, refused (429) calls as the sandbox
 * logged them, and the wall time from the first POST to the last answer. Every process started here gets free ports.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const env = require('./n8n-env');
const { startN8nServer } = require('./n8n-server');
const { productShot } = require('../../samples/images');
const { sleep } = require('./process');
const services = require('./queue-services');
const { startSandbox } = require('../../sandbox/server');
const { allowSandboxImageHost } = require('../../samples/workflow-inputs');
const { ideogramNode, workflow } = require('./workflow-parts');

const API_KEY = 'sandbox-key';
const PROMPT = 'The same mug on a sunny balcony table';
const WINDOW = 10;
const SLOW_MS = 3000;
const FAST_MS = 400;
const REGULAR_EXECUTIONS = 30;
const QUEUE_EXECUTIONS = 40;
const QUEUE_WORKERS = 2;
const WORKER_CONCURRENCY = 10;
const CREDENTIALS = {
	limited: { id: 'benchManyLimited1', name: 'Ideogram sandbox, 10 in flight (bench)' },
	unlimited: { id: 'benchManyUnlimited', name: 'Ideogram sandbox, no limit (bench)' },
};

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Webhook (POST, raw PNG body → binary `data`, answers with the last node's output) → Ideogram Remix. */
function webhookWorkflow(id, webhookPath, credential) {
	const upload = {
		id: `${id}-0`,
		name: 'Upload',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} },
	};
	const remix = { ...ideogramNode('Ideogram', { operation: 'remix', prompt: PROMPT, options: {} }, { credential, position: [220, 0] }), id: `${id}-1` };
	return workflow(id, `bench: many executions (${webhookPath})`, [upload, remix]);
}

/**
 * For BENCH_TIMELINE=1: the API's renders in flight every 250 ms from the burst's start ("0 3 10 10 …"), and
 * when each refusal came.
 */
function timeline(requests, startedAt) {
	const accepted = requests.filter((request) => request.status === 200);
	const end = Math.max(...requests.map((request) => request.answeredAt));
	const inFlight = [];
	for (let at = startedAt; at <= end; at += 250) {
		inFlight.push(accepted.filter((request) => request.startedAt <= at && request.answeredAt > at).length);
	}
	const refusals = requests.filter((request) => request.status === 429).map((request) => request.startedAt - startedAt);
	return `timeline: in flight every 250 ms: ${inFlight.join(' ')} | 429 at (ms): ${refusals.join(' ')}`;
}

/** POSTs `count` uploads at once; resolves { startedAt (epoch ms), wallMs, failed, statuses }. */
async function burst(url, count, png) {
	const startedAt = Date.now();
	const started = performance.now();
	const statuses = await Promise.all(
		Array.from({ length: count }, async () => {
			try {
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png, signal: AbortSignal.timeout(600000) });
				await response.arrayBuffer();
				return response.status;
			} catch (error) {
				return `${error.name}: ${error.message}`;
			}
		}),
	);
	return { startedAt, wallMs: Math.round(performance.now() - started), failed: statuses.filter((status) => status !== 200).length, statuses };
}

/** Imports the credentials and workflows with the given n8n environment and publishes the workflows. */
async function importAndPublish(install, n8nEnv, root, credentials, workflows) {
	const files = { credentials: path.join(root, 'many-credentials.json'), workflows: path.join(root, 'many-workflows.json') };
	fs.writeFileSync(files.credentials, JSON.stringify(credentials));
	fs.writeFileSync(files.workflows, JSON.stringify(workflows));
	await env.runN8nOk(install, n8nEnv, ['import:credentials', `--input=${files.credentials}`]);
	await env.runN8nOk(install, n8nEnv, ['import:workflow', `--input=${files.workflows}`]);
	for (const workflow of workflows) await env.runN8nOk(install, n8nEnv, ['publish:workflow', `--id=${workflow.id}`]);
}

/**
 * Runs the part; `sandbox` is the benchmark's sandbox (10 images in flight). Resolves { rows, targets, runs }:
 * rows for the table, targets for the JSON line, runs with every measurement.
 */
async function benchManyExecutions({ install, pack, root, sandbox, repeat, say, modes = ['regular', 'queue'] }) {
	const png = productShot(256, 256);
	const unlimited = await startSandbox({ apiKey: API_KEY, inflightLimit: Infinity });
	const runs = [];
	const measure = async (label, target, latencyMs, url, count) => {
		target.setLatency(latencyMs);
		target.reset();
		const outcome = await burst(url, count, png);
		const requests = target.requests.filter((request) => request.path.endsWith('/remix'));
		const run = {
			label,
			latencyMs,
			executions: count,
			wallMs: outcome.wallMs,
			failed: outcome.failed,
			apiCalls: requests.length,
			refused429: requests.filter((request) => request.status === 429).length,
			// Where the API's time sits in the burst: n8n's own time is before the first call and after the last answer.
			firstCallAtMs: Math.min(...requests.map((request) => request.startedAt)) - outcome.startedAt,
			lastAnswerAtMs: Math.max(...requests.map((request) => request.answeredAt)) - outcome.startedAt,
			// When the window was first full: how long n8n took to bring the first WINDOW executions to the API.
			fullWindowAtMs: (requests.map((request) => request.startedAt).sort((a, b) => a - b)[WINDOW - 1] ?? NaN) - outcome.startedAt,
		};
		if (outcome.failed) run.failures = [...new Set(outcome.statuses.filter((status) => status !== 200))];
		if (process.env.BENCH_TIMELINE) say(`many: ${timeline(requests, outcome.startedAt)}`);
		runs.push(run);
		say(`many: ${label}: ${JSON.stringify(run)}`);
		return run;
	};

	/** First use loads the node and reads the credential in each n8n process: not part of what is measured. */
	const warmUp = async (target, url, count) => {
		target.setLatency(0);
		// n8n registers the webhooks of published workflows a moment after its REST API answers: 404 until then.
		for (const deadline = Date.now() + 60000; ; ) {
			const first = await burst(url, 1, png);
			if (first.statuses[0] !== 404 || Date.now() > deadline) break;
			await sleep(250);
		}
		const outcome = await burst(url, count, png);
		if (outcome.failed) throw new Error(`warm-up POSTs to ${url} failed: ${JSON.stringify([...new Set(outcome.statuses)])}`);
	};

	const processes = services.processRegistry();
	try {
		// ---- regular mode: one n8n start, SQLite, both sandboxes
		const regular = { slow: [], fast: [], floor: [] };
		if (modes.includes('regular')) {
			const regularHome = path.join(root, 'many-regular');
			fs.mkdirSync(regularHome, { recursive: true });
			env.installPackage(regularHome, pack.tarball, pack.version);
			const regularEnv = env.n8nEnv(install, regularHome, {
				N8N_PORT: String(await env.freePort()),
				N8N_RUNNERS_BROKER_PORT: String(await env.freePort()),
			});
			await importAndPublish(
				install,
				regularEnv,
				regularHome,
				[
					env.credentialJson({ ...CREDENTIALS.limited, baseUrl: sandbox.apiUrl }),
					env.credentialJson({ ...CREDENTIALS.unlimited, baseUrl: unlimited.apiUrl }),
				],
				[
					allowSandboxImageHost(webhookWorkflow('benchManyLimited', 'many-limited', CREDENTIALS.limited), sandbox),
					allowSandboxImageHost(webhookWorkflow('benchManyUnlimit', 'many-unlimited', CREDENTIALS.unlimited), unlimited),
				],
			);
			say('many: n8n start (regular mode)');
			const server = await startN8nServer(install, regularEnv);
			processes.onCleanup('n8n start', () => server.stop());
			const hooks = { limited: `${server.url}/webhook/many-limited`, unlimited: `${server.url}/webhook/many-unlimited` };
			await warmUp(sandbox, hooks.limited, 1);
			await warmUp(unlimited, hooks.unlimited, 1);
			for (let round = 1; round <= repeat; round++) {
				say(`many: regular mode, round ${round}/${repeat}`);
				regular.slow.push(await measure(`regular, ${REGULAR_EXECUTIONS} at ${SLOW_MS} ms`, sandbox, SLOW_MS, hooks.limited, REGULAR_EXECUTIONS));
				regular.fast.push(await measure(`regular, ${REGULAR_EXECUTIONS} at ${FAST_MS} ms`, sandbox, FAST_MS, hooks.limited, REGULAR_EXECUTIONS));
				regular.floor.push(await measure(`regular, ${REGULAR_EXECUTIONS} at ${FAST_MS} ms, no in-flight limit`, unlimited, FAST_MS, hooks.unlimited, REGULAR_EXECUTIONS));
			}
			await processes.cleanupAll();

		}

		const queue = [];
		if (modes.includes('queue')) {
			const queueRoot = path.join(root, 'many-queue');
			fs.chmodSync(root, 0o755); // PostgreSQL's user must reach its data dir inside
			const dirs = { main: path.join(queueRoot, 'main'), redis: path.join(queueRoot, 'redis'), postgres: path.join(queueRoot, 'postgres') };
			for (const dir of [queueRoot, dirs.main, dirs.postgres]) fs.mkdirSync(dir, { recursive: true });
			fs.chmodSync(queueRoot, 0o755);
			await services.ensureServerBinaries(path.join(queueRoot, 'apt.log'), say);
			const db = { name: 'n8n', user: 'n8n', password: crypto.randomBytes(12).toString('hex') };
			const [redis, postgres] = await Promise.all([services.startRedis(processes, dirs.redis), services.startPostgres(processes, dirs.postgres, db)]);
			say(`many: Redis on ${redis.port}, PostgreSQL on ${postgres.port}`);
			const shared = services.queueModeEnv({ redis, postgres, db });
			const mainEnv = env.n8nEnv(install, dirs.main, { ...shared, N8N_PORT: String(await env.freePort()), N8N_RUNNERS_BROKER_PORT: String(await env.freePort()) });
			env.installPackage(dirs.main, pack.tarball, pack.version);
			await importAndPublish(install, mainEnv, dirs.main, [env.credentialJson({ ...CREDENTIALS.limited, baseUrl: sandbox.apiUrl })], [allowSandboxImageHost(webhookWorkflow('benchManyQueue01', 'many-queue', CREDENTIALS.limited), sandbox)]);
			const workers = [];
			for (let index = 1; index <= QUEUE_WORKERS; index++) {
				const home = path.join(queueRoot, `worker-${index}`);
				fs.mkdirSync(home, { recursive: true });
				env.installPackage(home, pack.tarball, pack.version);
				const workerEnv = env.n8nEnv(install, home, {
					...shared,
					N8N_RUNNERS_BROKER_PORT: String(await env.freePort()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(await env.freePort()),
				});
				workers.push(services.startWorker(processes, install, workerEnv, path.join(home, 'worker.log'), WORKER_CONCURRENCY));
			}
			say(`many: n8n start (queue mode) and ${QUEUE_WORKERS} × n8n worker --concurrency=${WORKER_CONCURRENCY}`);
			const [main] = await Promise.all([services.startMain(processes, install, mainEnv, path.join(dirs.main, 'main.log')), ...workers]);
			const queueHook = `${main.url}/webhook/many-queue`;
			// Enough for both workers to run some.
			await warmUp(sandbox, queueHook, QUEUE_WORKERS * WORKER_CONCURRENCY);
			for (let round = 1; round <= repeat; round++) {
				say(`many: queue mode, round ${round}/${repeat}`);
				queue.push(await measure(`queue mode, ${QUEUE_WORKERS} workers × ${WORKER_CONCURRENCY}, ${QUEUE_EXECUTIONS} at ${SLOW_MS} ms`, sandbox, SLOW_MS, queueHook, QUEUE_EXECUTIONS));
			}

		}
		const med = (list, field) => median(list.map((run) => run[field]));
		const worst = (list, field) => Math.max(...list.map((run) => run[field]));
		const slowFloorMs = Math.ceil(REGULAR_EXECUTIONS / WINDOW) * SLOW_MS;
		const queueFloorMs = Math.ceil(QUEUE_EXECUTIONS / WINDOW) * SLOW_MS;
		const round3 = (value) => Math.round(value * 1000) / 1000;
		const row = (label, list, floor) =>
			`| ${label} | ${med(list, 'wallMs')} | ${floor} | ${med(list, 'firstCallAtMs')}–${med(list, 'lastAnswerAtMs')} | ${worst(list, 'failed')} | ${med(list, 'apiCalls')} (worst ${worst(list, 'apiCalls')}) | ${med(list, 'refused429')} (worst ${worst(list, 'refused429')}) |`;
		const targets = {};
		const rows = [
			`Many executions at once, one key: median of ${repeat} bursts; wall time from the first POST to the last answer.`,
			'',
			'| Burst | wall (ms) | floor (ms) | first call–last answer (ms) | failed executions (worst) | API calls | of them 429 |',
			'| --- | --- | --- | --- | --- | --- | --- |',
		];
		if (regular.slow.length > 0) {
			targets.many3000Failures = { value: worst(regular.slow, 'failed'), limit: 0, met: worst(regular.slow, 'failed') === 0 };
			targets.many3000VsFloor = { value: round3(med(regular.slow, 'wallMs') / slowFloorMs), limit: 1.15, met: med(regular.slow, 'wallMs') / slowFloorMs <= 1.15 };
			targets.many3000Refused = { value: worst(regular.slow, 'refused429'), limit: 5, met: worst(regular.slow, 'refused429') <= 5 };
			targets.many400VsNoLimit = { value: round3(med(regular.fast, 'wallMs') / med(regular.floor, 'wallMs')), limit: 1.15, met: med(regular.fast, 'wallMs') / med(regular.floor, 'wallMs') <= 1.15 };
			rows.push(
				row(`regular, ${REGULAR_EXECUTIONS} at ${SLOW_MS} ms`, regular.slow, slowFloorMs),
				row(`regular, ${REGULAR_EXECUTIONS} at ${FAST_MS} ms`, regular.fast, `${med(regular.floor, 'wallMs')} (no limit)`),
				row(`regular, ${REGULAR_EXECUTIONS} at ${FAST_MS} ms, no in-flight limit`, regular.floor, '–'),
			);
		}
		if (queue.length > 0) {
			targets.manyQueue3000Failures = { value: worst(queue, 'failed'), limit: 0, met: worst(queue, 'failed') === 0 };
			targets.manyQueue3000VsFloor = { value: round3(med(queue, 'wallMs') / queueFloorMs), limit: 1.3, met: med(queue, 'wallMs') / queueFloorMs <= 1.3 };
			rows.push(row(`queue, ${QUEUE_WORKERS} workers × ${WORKER_CONCURRENCY}, ${QUEUE_EXECUTIONS} at ${SLOW_MS} ms`, queue, queueFloorMs));
		}
		return { lines: rows, targets, runs };
	} finally {
		await processes.cleanupAll();
		await unlimited.close();
	}
}

module.exports = { benchManyExecutions, median };
