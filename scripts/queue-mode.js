#!/usr/bin/env node
'use strict';
/**
 * End-to-end run of the package in n8n QUEUE MODE (node scripts/queue-mode.js):
 *   Redis and PostgreSQL from Debian's packages (apt-get install when absent), each a private instance on a
 *   free port with its data in a temp dir → build + npm pack once → the tarball installed as a community
 *   package in TWO user folders (main and worker, as on two machines: nothing shared but Redis and
 *   PostgreSQL) → the sandbox (fake Ideogram API) → `n8n import:credentials` / `import:workflow` of the
 *   examples into PostgreSQL → `n8n start` (main) and `n8n worker` (separate process, own log) →
 *   each example started over the main's REST API as the editor's "Execute workflow" does
 *   (POST /rest/workflows/:id/run, with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true so manual runs are queued)
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
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const { ensureN8nInstalled, cacheDir } = require('./lib/n8n-install');
const env = require('./lib/n8n-env');
const { ownerEnv, restApiReady, restSession } = require('./lib/n8n-server');
const { createReport, sh, sleep, tail } = require('./lib/process');
const { EXAMPLE_CREDENTIAL, servePlaceholderImages, BATCH } = require('../test/e2e/fixtures');
const { startSandbox } = require(path.join(env.ROOT, 'sandbox', 'server'));
const { readImageInfo } = require(path.join(env.ROOT, 'sandbox', 'png'));

const DB = { name: 'n8n', user: 'n8n', password: crypto.randomBytes(12).toString('hex') };
const WORKER_CONCURRENCY = Number(process.env.IDEOGRAM_QUEUE_WORKER_CONCURRENCY || 5);
const SANDBOX_LATENCY_MS = Number(process.env.IDEOGRAM_QUEUE_LATENCY_MS || 0);
const EXECUTION_TIMEOUT_MS = 120000;

const report = createReport('queue');
const { elapsed, fail, pass, step } = report;
/** Set on Ctrl-C: what fails afterwards is the stopping, not the package. */
let interrupted = false;

function check(condition, what) {
	if (!condition) throw new Error(what);
}

function same(actual, expected, what) {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// ------------------------------------------------------------------------------------------ processes

/** Everything started here, stopped in reverse order at the end, on failure and on Ctrl-C. */
const cleanups = [];
/** Pids (or negative process-group ids) to SIGKILL synchronously if the script exits without cleaning up. */
const livePids = new Set();

async function cleanupAll() {
	while (cleanups.length > 0) {
		const { name, run } = cleanups.pop();
		try {
			await run();
		} catch (error) {
			console.log(`       (stopping ${name}: ${error.message})`);
		}
	}
}

process.on('exit', () => {
	for (const pid of livePids) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
});
/** The run's temp dir (data, logs); removed at the end unless kept. */
let tmpDir;
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		interrupted = true;
		report.silence();
		console.log(`\n[queue] ${signal}: stopping everything this script started`);
		cleanupAll().finally(() => {
			if (tmpDir && process.env.IDEOGRAM_QUEUE_KEEP !== '1') fs.rmSync(tmpDir, { recursive: true, force: true });
			process.exit(130);
		});
	});
}

/**
 * Spawns a long-running child with its output in a log file. `group`: own process group (n8n starts task
 * runner children; the whole group is stopped). Returns {child, exited, stop(signal), logFile, log()}.
 */
function startChild(name, command, args, { logFile, group = false, stopSignal = 'SIGTERM', killAfterMs = 10000, ...options }) {
	if (interrupted) throw new Error('interrupted');
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { stdio: ['ignore', out, out], detached: group, ...options });
	fs.closeSync(out);
	const target = group ? -child.pid : child.pid;
	livePids.add(target);
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	exited.then(() => livePids.delete(target));
	const running = () => child.exitCode === null && child.signalCode === null;
	async function stop() {
		if (!running()) return;
		try {
			process.kill(target, stopSignal);
		} catch {
			return;
		}
		const killer = setTimeout(() => {
			try {
				process.kill(target, 'SIGKILL');
			} catch {
				// gone
			}
		}, killAfterMs);
		await exited;
		clearTimeout(killer);
	}
	cleanups.push({ name, run: stop });
	return { child, exited, running, stop, logFile, log: () => fs.readFileSync(logFile, 'utf8') };
}

async function waitFor(what, test, { timeoutMs = 60000, intervalMs = 200, alive } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (alive && !alive.running()) throw new Error(`${what}: the process exited (${alive.child.exitCode ?? alive.child.signalCode}); log ${alive.logFile}:\n${tail(alive.log())}`);
		try {
			if (await test()) return;
		} catch {
			// not yet
		}
		if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs / 1000} s${alive ? `; log ${alive.logFile}:\n${tail(alive.log())}` : ''}`);
		await sleep(intervalMs);
	}
}

function run(command, args, { logFile, ...options }) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
		const child = spawn(command, args, { stdio: ['ignore', out, out], ...options });
		fs.closeSync(out);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (code === 0) return resolve();
			reject(new Error(`${command} ${args.join(' ')} failed (${signal || code}); ${logFile}:\n${tail(fs.readFileSync(logFile, 'utf8'))}`));
		});
	});
}

// ------------------------------------------------------------------------------ Redis and PostgreSQL

function which(binary) {
	const result = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

/** /usr/lib/postgresql/<version>/bin of the newest PostgreSQL installed from Debian's packages. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')) && fs.existsSync(path.join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

/** apt-get install redis-server postgresql when either is missing (Debian's policy-rc.d keeps their services off). */
async function ensureServerBinaries(logFile) {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length === 0) return false;
	if (process.getuid?.() !== 0) throw new Error(`${missing.join(' and ')} missing; run as root (apt-get install -y ${missing.join(' ')}) or install them first`);
	step(`installing ${missing.join(' ')} from Debian's packages (apt-get; log: ${logFile})`);
	const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update'], { logFile, env: aptEnv });
	await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { logFile, env: aptEnv });
	if (!which('redis-server') || !postgresBinDir()) throw new Error(`apt-get install ${missing.join(' ')} left them missing; see ${logFile}`);
	return true;
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

async function startRedis(dir) {
	const port = await env.freePort();
	fs.mkdirSync(dir, { recursive: true });
	const redis = startChild('redis', which('redis-server'), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir], {
		logFile: path.join(dir, 'redis.log'),
	});
	await waitFor('redis-server', () => redisPing(port), { alive: redis, timeoutMs: 20000 });
	const version = sh(which('redis-server'), ['--version']).match(/v=(\S+)/)?.[1];
	return { port, version, process: redis };
}

/** The OS user PostgreSQL runs as: it refuses to run as root. Debian's package creates `postgres`. */
function postgresUser() {
	for (const name of ['postgres', 'ideogram-pg']) {
		const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		if (uid.status === 0) return { name, uid: Number(uid.stdout), gid: Number(sh('id', ['-g', name])) };
	}
	sh('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'ideogram-pg']);
	return { name: 'ideogram-pg', uid: Number(sh('id', ['-u', 'ideogram-pg'])), gid: Number(sh('id', ['-g', 'ideogram-pg'])) };
}

async function startPostgres(dir) {
	const bin = postgresBinDir();
	const user = postgresUser();
	const port = await env.freePort();
	const data = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	const pwfile = path.join(dir, 'pwfile');
	fs.writeFileSync(pwfile, `${DB.password}\n`);
	for (const target of [dir, socketDir, pwfile]) fs.chownSync(target, user.uid, user.gid);
	const asUser = { uid: user.uid, gid: user.gid, cwd: dir, env: { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: dir } };
	const logFile = path.join(dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	fs.chownSync(logFile, user.uid, user.gid);
	// The superuser is `n8n` with a password; connections over TCP must give it (as n8n's would on a real host).
	await run(path.join(bin, 'initdb'), ['-D', data, '-U', DB.user, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], {
		logFile,
		...asUser,
	});
	// Throwaway data: no fsync, no durability (faster start and inserts; never do this with data you keep).
	const postgres = startChild(
		'postgresql',
		path.join(bin, 'postgres'),
		['-D', data, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
		{ logFile, stopSignal: 'SIGINT', ...asUser },
	);
	const pgEnv = { ...process.env, PGPASSWORD: DB.password };
	await waitFor('postgres', () => spawnSync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0, { alive: postgres, timeoutMs: 30000 });
	sh(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', DB.user, DB.name], { env: pgEnv });
	const version = sh(path.join(bin, 'postgres'), ['--version']).match(/\(PostgreSQL\) (\S+)/)?.[1];
	/** psql -At against n8n's database; returns rows as arrays of strings. */
	function query(sql) {
		const out = sh(path.join(bin, 'psql'), ['-X', '-At', '-F', '\t', '-h', '127.0.0.1', '-p', String(port), '-U', DB.user, '-d', DB.name, '-c', sql], { env: pgEnv });
		return out
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t'));
	}
	return { port, version, user: user.name, query, process: postgres };
}

// -------------------------------------------------------------------------------------------- n8n

/** n8n's REST API as the owner: JSON answers, failing on any status but 2xx. */
async function ownerSession(url) {
	const session = restSession(url);
	await session.login();
	return {
		async json(method, route, body) {
			const response = await session.request(method, route, body);
			if (response.status < 200 || response.status >= 300) throw new Error(`${method} ${route} answered ${response.status}: ${response.text.slice(0, 500)}`);
			return response.json;
		},
		async bytes(route) {
			const response = await session.request('GET', route);
			return { status: response.status, contentType: response.headers.get('content-type'), bytes: response.bytes };
		},
	};
}

/** An n8n CLI command to completion (import:*), stopped with the rest on Ctrl-C. */
async function runN8nCommand(install, n8nEnv, args, logFile) {
	const command = startChild(`n8n ${args[0]}`, install.node, [install.n8nBin, ...args], { logFile, group: true, cwd: n8nEnv.N8N_USER_FOLDER, env: n8nEnv });
	const { code, signal } = await command.exited;
	if (code !== 0) throw new Error(`n8n ${args.join(' ')} exited ${code ?? signal}; ${logFile}:\n${tail(command.log())}`);
}

/** `n8n start` (the main) as its own process group, waiting until its REST API answers. */
async function startMain(install, mainEnv, logFile) {
	const url = `http://127.0.0.1:${mainEnv.N8N_PORT}`;
	const main = startChild('n8n main', install.node, [install.n8nBin, 'start'], {
		logFile,
		group: true,
		cwd: mainEnv.N8N_USER_FOLDER,
		env: { ...mainEnv, N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', N8N_EDITOR_BASE_URL: url },
	});
	await waitFor('n8n start', () => restApiReady(url), { alive: main, timeoutMs: 120000, intervalMs: 250 });
	return { ...main, url };
}

/** `n8n worker` as its own process group, waiting for its readiness endpoint (DB migrated, Redis connected). */
async function startWorker(install, workerEnv, logFile) {
	const worker = startChild('n8n worker', install.node, [install.n8nBin, 'worker', `--concurrency=${WORKER_CONCURRENCY}`], {
		logFile,
		group: true,
		cwd: workerEnv.N8N_USER_FOLDER,
		env: workerEnv,
	});
	const health = `http://127.0.0.1:${workerEnv.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`;
	await waitFor('n8n worker', async () => (await fetch(health)).ok && /n8n worker is now ready/.test(worker.log()), { alive: worker, timeoutMs: 120000, intervalMs: 250 });
	return worker;
}

// --------------------------------------------------------------------------------- what to expect

/**
 * Per example: the Ideogram node's output (items, binary or not, each PNG's size) and the requests the sandbox
 * must have answered 200 for it, as in regular mode (test/e2e/cases.js). The examples share one sandbox, so
 * requests are told apart by path and, for the two edit examples, by the uploaded file's name.
 */
const EXPECTED = {
	'edit-with-mask.json': { items: 2, sizes: ['640x480', '640x480'], requests: { path: '/v1/ideogram-v3/edit', file: 'mug.png', count: 1 } },
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
		requests: { path: '/v1/ideogram-v3/edit', file: 'kettle.png', count: 1 },
		downloads: ['/files/kettle-mask.png', '/files/kettle.png'],
	},
};

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

function flattedParse(install, text) {
	const flatted = require(path.join(install.n8nDir, 'node_modules', 'flatted'));
	return flatted.parse(text);
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
		const [installed, install] = await Promise.all([ensureServerBinaries(path.join(tmp, 'apt.log')), ensureN8nInstalled()]);
		timings.prerequisites = elapsed(since);
		if (installed) step(`apt-get done [${timings.prerequisites}]`);

		since = Date.now();
		const [redis, postgres] = await Promise.all([startRedis(dirs.redis), startPostgres(dirs.postgres)]);
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
		cleanups.push({ name: 'sandbox', run: () => sandbox.close() });
		step(`sandbox Ideogram API on ${sandbox.apiUrl}, images on ${sandbox.imageUrl}, ${SANDBOX_LATENCY_MS} ms per request, 10 images in flight per key`);

		const examples = fs
			.readdirSync(path.join(env.ROOT, 'examples'))
			.filter((file) => file.endsWith('.json') && (!only || file.includes(only)))
			.sort()
			.map((file) => {
				const { text } = servePlaceholderImages(fs.readFileSync(path.join(env.ROOT, 'examples', file), 'utf8'), sandbox);
				const workflow = JSON.parse(text);
				const ideogram = workflow.nodes.find((node) => node.type === env.NODE_TYPE);
				const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
				return { file, workflow, node: ideogram?.name, trigger: trigger?.name, expected: EXPECTED[file] };
			});
		const files = { credentials: path.join(tmp, 'credentials.json'), workflows: path.join(tmp, 'workflows.json') };
		fs.writeFileSync(files.credentials, JSON.stringify([env.credentialJson({ ...EXAMPLE_CREDENTIAL, baseUrl: sandbox.apiUrl })], null, 2));
		fs.writeFileSync(files.workflows, JSON.stringify(examples.map((example) => example.workflow), null, 2));

		const owner = ownerEnv(install);
		const shared = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: DB.name,
			DB_POSTGRESDB_USER: DB.user,
			DB_POSTGRESDB_PASSWORD: DB.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			// Without it, n8n 2.x runs manual executions (the editor's "Execute workflow") on the main.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...owner,
		};
		const mainEnv = env.n8nEnv(install, dirs.main, { ...shared, N8N_PORT: String(await env.freePort()), N8N_RUNNERS_BROKER_PORT: String(await env.freePort()) });
		const workerEnv = env.n8nEnv(install, dirs.worker, {
			...shared,
			N8N_RUNNERS_BROKER_PORT: String(await env.freePort()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(await env.freePort()),
		});

		since = Date.now();
		step('n8n import:credentials (creates the schema in PostgreSQL)');
		await runN8nCommand(install, mainEnv, ['import:credentials', `--input=${files.credentials}`], path.join(tmp, 'import.log'));
		step(`n8n import:workflow (${examples.length}) [${elapsed(since)}]`);
		await runN8nCommand(install, mainEnv, ['import:workflow', `--input=${files.workflows}`], path.join(tmp, 'import.log'));
		timings.import = elapsed(since);

		since = Date.now();
		step(`n8n start (main) and n8n worker --concurrency=${WORKER_CONCURRENCY}`);
		const workerLog = path.join(tmp, 'worker.log');
		const mainLog = path.join(tmp, 'main.log');
		const [mainResult, workerResult] = await Promise.allSettled([startMain(install, mainEnv, mainLog), startWorker(install, workerEnv, workerLog)]);
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
					const answer = await rest.json('POST', `/rest/workflows/${example.workflow.id}/run`, { triggerToStartFrom: { name: example.trigger } });
					example.executionId = answer.data?.executionId;
					if (!example.executionId) throw new Error(`no executionId in ${JSON.stringify(answer).slice(0, 300)}`);
				} catch (error) {
					example.startError = error;
				}
			}),
		);
		await Promise.all(
			examples
				.filter((example) => example.executionId)
				.map(async (example) => {
					const deadline = Date.now() + EXECUTION_TIMEOUT_MS;
					for (;;) {
						const answer = await rest.json('GET', `/rest/executions/${example.executionId}`);
						const execution = answer.data;
						if (execution && ['success', 'error', 'crashed', 'canceled'].includes(execution.status) && execution.stoppedAt) {
							example.execution = { ...execution, data: typeof execution.data === 'string' ? flattedParse(install, execution.data) : execution.data };
							example.ms = Date.now() - since;
							return;
						}
						if (Date.now() > deadline) {
							example.waitError = new Error(`execution ${example.executionId} still "${execution?.status}" after ${EXECUTION_TIMEOUT_MS / 1000} s`);
							return;
						}
						await sleep(200);
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
					check(expected, `no expectations for ${example.file} in scripts/queue-mode.js`);
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
						const got = await rest.bytes(`/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=download`);
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
		await cleanupAll();
		const leftovers = [...livePids];
		if (leftovers.length > 0) fail('no process left behind', new Error(`still running: ${leftovers.join(', ')}`));
		if (interrupted) return;
		if (keep) console.log(`logs and data kept: ${tmp} (main.log, worker.log, redis/, postgres/)`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	report.summary();
}

main();
