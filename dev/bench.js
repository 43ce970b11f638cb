#!/usr/bin/env node
'use strict';
/**
 * npm run bench [-- --json] [-- --repeat N] [-- --only timing,memory,many]: the same Replace Background job run in a real n8n 2.40.7 against the
 * sandbox (which enforces Ideogram's 10 images in flight with 429 inflight_limit), four ways:
 *   - this node with its defaults;
 *   - the HTTP Request workflow users build today (multipart POST, then a second HTTP Request downloading
 *     each URL), with its defaults (every item at once) and with batching of 10 items;
 *   - a plain Node script doing only the HTTP work with a sliding window of 10 (the floor);
 * and an n8n run that only reads the input files, subtracted from every n8n run so start-up is not counted.
 * Timing runs are repeated (default 5) and the median is reported. Memory: 20 and 40 inputs of 8 MB, peak RSS
 * of the n8n process tree sampled from /proc, median of 3 runs each. Many executions at once on one key (a
 * Webhook → Ideogram workflow in `n8n start`, regular and queue mode): dev/lib/bench-many.js.
 *
 * BENCH_TIMELINE=1 prints when each API request started and was answered, and when each image was fetched (and
 * for many executions, the API's renders in flight over time). BENCH_CPU_PROFILE=<dir> writes a CPU profile of
 * each `n8n execute` there (<workflow id>-<time>.cpuprofile).
 * Not a test: it prints a table (and with --json one last line {"targets": {...}, "runs": [...]}) and exits 0.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');

const { ensureN8nInstalled, NODE_VERSION, N8N_VERSION } = require('./lib/n8n-install');
const env = require('./lib/n8n-env');
const { productShot } = require('../samples/images');
const { allowSandboxImageHost } = require('../samples/workflow-inputs');
const { logger } = require('./lib/process');
const { encodePng } = require('../sandbox/png');
const { startSandbox } = require('../sandbox/server');
const { benchManyExecutions, median } = require('./lib/bench-many');
const { ideogramNode, workflow } = require('./lib/workflow-parts');

const args = process.argv.slice(2);
const JSON_OUTPUT = args.includes('--json');
const REPEAT = Number(args[args.indexOf('--repeat') + 1]) || 5;
const MEMORY_ROUNDS = 3;
// --only timing | memory | many | queue | fixed | spend (or a comma-separated list): some parts alone. The targets of timing
// and memory need both; many has its own; queue is many's queue-mode half alone; fixed is the node at 400 ms and the
// read-only run alone, with the two fixed-latency targets.
const PARTS = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['timing', 'memory', 'many'];
const partSelected = (part) => PARTS.includes(part);
const API_KEY = 'sandbox-key';
const PROMPT = 'On a marble kitchen counter, soft morning light';
const ITEMS = 24;
const WINDOW = 10; // Ideogram's default in-flight limit, in images
const FIXED_MS = 400;
const SPREAD_MS = [200, 1000];
const SEQUENTIAL_MS = 100;
const BIG_BYTES = 8 * 1024 * 1024;
const CREDENTIAL = { id: 'benchSandbox1', name: 'Ideogram sandbox (bench)' };

const say = logger('bench', { stderr: JSON_OUTPUT });

// ---------------------------------------------------------------- inputs

/** A PNG of random pixels, `bytes` long give or take a few hundred bytes: incompressible, like a photo. */
function noisePng(bytes, seed) {
	const side = Math.floor(Math.sqrt(bytes / 3));
	const noise = crypto.createHash('sha512').update(String(seed)).digest();
	let state = noise.readUInt32LE(0) || 1;
	return encodePng(side, side, () => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return [state & 0xff, (state >>> 8) & 0xff, (state >>> 16) & 0xff];
	});
}

function writeInputs(root) {
	const dirs = { small: path.join(root, 'small'), big20: path.join(root, 'big-20'), big40: path.join(root, 'big-40') };
	for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
	const small = productShot(256, 256);
	for (let i = 0; i < ITEMS; i++) fs.writeFileSync(path.join(dirs.small, `photo-${String(i).padStart(2, '0')}.png`), small);
	const big = noisePng(BIG_BYTES, 1);
	for (let i = 0; i < 40; i++) {
		const file = path.join(dirs.big40, `photo-${String(i).padStart(2, '0')}.png`);
		fs.writeFileSync(file, big);
		if (i < 20) fs.linkSync(file, path.join(dirs.big20, path.basename(file)));
	}
	return { dirs, bigBytes: big.length };
}

// ---------------------------------------------------------------- workflows

/** A chain of nodes laid out left to right. */
function benchWorkflow(id, name, nodes) {
	nodes.forEach((node, i) => {
		node.id = `${id}-${i}`;
		node.position = [i * 220, 0];
	});
	return workflow(id, name, nodes);
}

const trigger = () => ({ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
const readFiles = (dir) => ({ name: 'Read input files', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, parameters: { operation: 'read', fileSelector: `${dir}/*.png`, options: {} } });

function replaceBackgroundNode(options = {}) {
	return ideogramNode('Ideogram', { operation: 'replaceBackground', prompt: PROMPT, options }, { credential: CREDENTIAL });
}

function generateNode(requestOptions) {
	return ideogramNode('Ideogram', { operation: 'generate', model: 'ideogram-4-5', prompt: PROMPT, options: { quality: 'low' }, requestOptions }, { credential: CREDENTIAL, typeVersion: 1.2 });
}

/** What users wire by hand today: a multipart POST, then a download of each result URL. */
function httpRequestNodes(apiUrl, batchInterval) {
	return [
		{
			name: 'POST replace-background',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			// Without this the first 429 stops the whole execution; with it, failed items can be counted.
			onError: 'continueRegularOutput',
			parameters: {
				method: 'POST',
				url: `${apiUrl}/v1/ideogram-v3/replace-background`,
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Api-Key', value: API_KEY }] },
				sendBody: true,
				contentType: 'multipart-form-data',
				bodyParameters: {
					parameters: [
						{ parameterType: 'formBinaryData', name: 'image', inputDataFieldName: 'data' },
						{ name: 'prompt', value: PROMPT },
					],
				},
				options: batchInterval ? { batching: { batch: { batchSize: WINDOW, batchInterval } } } : {},
			},
		},
		{
			name: 'Download image',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			onError: 'continueRegularOutput',
			parameters: { url: '={{ $json.data[0].url }}', options: { response: { response: { responseFormat: 'file' } } } },
		},
	];
}

// ---------------------------------------------------------------- running

/** Resident memory of a process and all its descendants, in bytes (from /proc). */
function treeRss(rootPid) {
	const parents = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// exited meanwhile
		}
	}
	let total = 0;
	const pending = [rootPid];
	while (pending.length) {
		const pid = pending.pop();
		try {
			const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (match) total += Number(match[1]) * 1024;
		} catch {
			// exited meanwhile
		}
		for (const [child, parent] of parents) if (parent === pid) pending.push(child);
	}
	return total;
}

/**
 * `n8n execute --id --rawOutput`; with `sampleRss`, sampling the process tree's RSS every 25 ms. Only the memory runs
 * sample: a sample reads all of /proc (a few ms) in this process, which also serves the sandbox's answers.
 */
function execute(install, n8nEnv, id, { sampleRss = false } = {}) {
	return new Promise((resolve, reject) => {
		const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`, `--cpu-prof-name=${id}-${Date.now()}.cpuprofile`] : [];
		const child = spawn(install.node, [...profile, install.n8nBin, 'execute', `--id=${id}`, '--rawOutput'], { cwd: n8nEnv.N8N_USER_FOLDER, env: n8nEnv, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		let peakRss = 0;
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const sampler = sampleRss ? setInterval(() => (peakRss = Math.max(peakRss, treeRss(child.pid))), 25) : undefined;
		child.on('error', reject);
		child.on('exit', (code) => {
			clearInterval(sampler);
			let run;
			try {
				run = env.parseRawOutput(stdout);
			} catch (error) {
				const log = path.join(n8nEnv.N8N_USER_FOLDER, `execute-${id}.log`);
				fs.writeFileSync(log, `${stdout}\n--- stderr\n${stderr}`);
				return reject(new Error(`n8n execute --id=${id} exited ${code} without a result (${error.message}); output in ${log}`));
			}
			resolve({ run, ...(sampleRss ? { peakRss } : {}) });
		});
	});
}

/** Wall time of the whole execution (first node start → last node end) and failed items of the last node. */
function summarise(run, lastNode) {
	const runData = run.data.resultData.runData;
	let start = Infinity;
	let end = 0;
	for (const runs of Object.values(runData)) {
		for (const nodeRun of runs) {
			start = Math.min(start, nodeRun.startTime);
			end = Math.max(end, nodeRun.startTime + nodeRun.executionTime);
		}
	}
	const items = lastNode ? (runData[lastNode]?.[0]?.data?.main?.[0] ?? []) : [];
	const failed = items.filter((item) => item.json.error !== undefined).length;
	return { startedAt: start, spanMs: end - start, items: items.length, failed, error: run.data.resultData.error?.message };
}

function floorRun(install, sandbox, window, files) {
	return new Promise((resolve, reject) => {
		const child = spawn(install.node, [path.join(__dirname, 'lib', 'bench-floor.js'), sandbox.apiUrl, API_KEY, String(window), PROMPT, ...files], { stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`bench-floor exited ${code}`))));
	});
}

/** Median gap between the starts of consecutive API requests: one request's full cycle when run one at a time. */
function medianCycle(requests) {
	const starts = requests.map((request) => request.startedAt).sort((a, b) => a - b);
	return median(starts.slice(1).map((start, i) => start - starts[i]));
}

/**
 * One execution of 24 items (timing, repeated) and of 20 and 40 large items (memory), with `n8n execute` in the
 * user folder `root`. Resolves { lines, targets, runs }; the targets need both parts.
 */
async function benchOneExecution({ install, root, sandbox }) {
	say('writing inputs (24 small PNGs, 40 PNGs of 8 MB)');
	const { dirs, bigBytes } = writeInputs(path.join(root, 'inputs'));
	const smallFiles = fs.readdirSync(dirs.small).sort().map((file) => path.join(dirs.small, file));

	const workflows = {
		readSmall: benchWorkflow('benchReadSmall', 'bench: read inputs only', [trigger(), readFiles(dirs.small)]),
		node: benchWorkflow('benchNode', 'bench: Ideogram node, defaults', [trigger(), readFiles(dirs.small), replaceBackgroundNode()]),
		nodeSequential: benchWorkflow('benchNodeSeq', 'bench: Ideogram node, concurrency 1', [trigger(), readFiles(dirs.small), replaceBackgroundNode({ concurrency: 1 })]),
		httpDefault: benchWorkflow('benchHttpDefault', 'bench: HTTP Request, defaults', [trigger(), readFiles(dirs.small), ...httpRequestNodes(sandbox.apiUrl)]),
		httpBatchedFixed: benchWorkflow('benchHttpBatchFixed', 'bench: HTTP Request, batches of 10', [trigger(), readFiles(dirs.small), ...httpRequestNodes(sandbox.apiUrl, FIXED_MS + 100)]),
		httpBatchedSpread: benchWorkflow('benchHttpBatchSpread', 'bench: HTTP Request, batches of 10', [trigger(), readFiles(dirs.small), ...httpRequestNodes(sandbox.apiUrl, SPREAD_MS[1] + 100)]),
		readBig20: benchWorkflow('benchReadBig20', 'bench: read 20 × 8 MB', [trigger(), readFiles(dirs.big20)]),
		readBig40: benchWorkflow('benchReadBig40', 'bench: read 40 × 8 MB', [trigger(), readFiles(dirs.big40)]),
		nodeBig20: benchWorkflow('benchNodeBig20', 'bench: Ideogram node, 20 × 8 MB', [trigger(), readFiles(dirs.big20), replaceBackgroundNode()]),
		nodeBig40: benchWorkflow('benchNodeBig40', 'bench: Ideogram node, 40 × 8 MB', [trigger(), readFiles(dirs.big40), replaceBackgroundNode()]),
		// Spend control: the same 24 renders (Generate 4.5, priced) without and with Max Cost per Execution, whose
		// quotes (one per item, at once, outside the window) come before the first render.
		generateNoLimit: benchWorkflow('benchGenNoLimit', 'bench: Generate 4.5, no spending limit', [trigger(), readFiles(dirs.small), generateNode({})]),
		generateLimit: benchWorkflow('benchGenLimit', 'bench: Generate 4.5, Max Cost per Execution', [trigger(), readFiles(dirs.small), generateNode({ maxCostUsd: 100 })]),
	};
	const n8nEnv = env.n8nEnv(install, root, {
		N8N_RUNNERS_BROKER_PORT: String(await env.freePort()),
		// `n8n execute` starts a JavaScript task runner (and probes for Python) on every run; its start-up takes a
		// core for about a second and outlives the run, overlapping the node being measured and the next run. No
		// workflow here has a Code node, and a long-running n8n starts its runner once, so none is started here.
		N8N_RUNNERS_MODE: 'external',
		N8N_RUNNERS_AUTH_TOKEN: crypto.randomBytes(16).toString('hex'),
		N8N_RESTRICT_FILE_ACCESS_TO: path.join(root, 'inputs'),
	});
	fs.writeFileSync(path.join(root, 'credentials.json'), JSON.stringify([env.credentialJson({ ...CREDENTIAL, baseUrl: sandbox.apiUrl })]));
	// The sandbox serves results on its own image port, which only Private Hosts Allowed lets the node reach.
	fs.writeFileSync(path.join(root, 'workflows.json'), JSON.stringify(Object.values(workflows).map((workflow) => allowSandboxImageHost(workflow, sandbox))));
	await env.runN8nOk(install, n8nEnv, ['import:credentials', `--input=${path.join(root, 'credentials.json')}`]);
	await env.runN8nOk(install, n8nEnv, ['import:workflow', `--input=${path.join(root, 'workflows.json')}`]);

	const results = [];
	/** One measured run: sandbox latency, reset logs, run, collect what the sandbox saw. */
	async function measure(label, latencyMs, run) {
		sandbox.setLatency(latencyMs);
		sandbox.reset();
		const outcome = await run();
		const rejected = sandbox.requests.filter((request) => request.status === 429).length;
		const { startedAt, ...rest } = outcome;
		const result = { label, latencyMs, ...rest, requests: sandbox.requests.length, rejected429: rejected, cycleMs: medianCycle(sandbox.requests) };
		if (startedAt && sandbox.requests.length) {
			// Where the API time sits in the execution: first request in, last answer out (ms from the first node's start).
			result.apiFromMs = Math.min(...sandbox.requests.map((request) => request.startedAt)) - startedAt;
			result.apiToMs = Math.max(...sandbox.requests.map((request) => request.answeredAt)) - startedAt;
			if (process.env.BENCH_TIMELINE) say(`timeline: ${sandbox.requests.map((r) => `${r.startedAt - startedAt}-${r.answeredAt - startedAt}`).join(' ')} | images: ${sandbox.imageRequests.map((r) => r.startedAt - startedAt).join(' ')}`);
		}
		results.push(result);
		say(`${label} [${JSON.stringify(latencyMs)}]: ${JSON.stringify({ ...result, label: undefined, latencyMs: undefined })}`);
		return result;
	}
	const inN8n = (key, lastNode, options) => async () => {
		const { run, peakRss } = await execute(install, n8nEnv, workflows[key].id, options);
		return { ...summarise(run, lastNode), peakRss };
	};
	const floor = (window) => async () => {
		const result = await floorRun(install, sandbox, window, smallFiles);
		return { startedAt: result.startedAt, spanMs: result.ms, items: result.ok + result.failed, failed: result.failed };
	};

	const timings = {};
	const record = (key, result) => (timings[key] ??= []).push(result);
	const fixedOnly = partSelected('fixed') && !partSelected('timing');
	const spendOnly = partSelected('spend') && !partSelected('timing');
	for (let round = 1; round <= (partSelected('timing') || fixedOnly || spendOnly ? REPEAT : 0); round++) {
		say(`timing round ${round}/${REPEAT}`);
		record('readSmall', await measure('n8n, read inputs only', 0, inN8n('readSmall')));
		if (partSelected('spend') || partSelected('timing')) {
			record('generateNoLimit', await measure('Generate 4.5, no spending limit', FIXED_MS, inN8n('generateNoLimit', 'Ideogram')));
			record('generateLimit', await measure('Generate 4.5, Max Cost per Execution', FIXED_MS, inN8n('generateLimit', 'Ideogram')));
		}
		if (spendOnly) continue;
		record('nodeFixed', await measure('Ideogram node, defaults', FIXED_MS, inN8n('node', 'Ideogram')));
		if (fixedOnly) continue;
		record('httpDefaultFixed', await measure('HTTP Request, defaults', FIXED_MS, inN8n('httpDefault', 'Download image')));
		record('httpBatchedFixed', await measure(`HTTP Request, batch 10 every ${FIXED_MS + 100} ms`, FIXED_MS, inN8n('httpBatchedFixed', 'Download image')));
		record('floorFixed', await measure('floor script, window 10', FIXED_MS, floor(WINDOW)));
		record('nodeSpread', await measure('Ideogram node, defaults', SPREAD_MS, inN8n('node', 'Ideogram')));
		record('httpBatchedSpread', await measure(`HTTP Request, batch 10 every ${SPREAD_MS[1] + 100} ms`, SPREAD_MS, inN8n('httpBatchedSpread', 'Download image')));
		record('floorSpread', await measure('floor script, window 10', SPREAD_MS, floor(WINDOW)));
		record('nodeSequential', await measure('Ideogram node, concurrency 1', SEQUENTIAL_MS, inN8n('nodeSequential', 'Ideogram')));
		record('floorSequential', await measure('floor script, window 1', SEQUENTIAL_MS, floor(1)));
	}
	const med = (key, field = 'spanMs') => median(timings[key].map((result) => result[field]));
	const worst = (key, field) => Math.max(...timings[key].map((result) => result[field]));
	const net = (key) => med(key) - med('readSmall');
	const physicalFloorMs = Math.ceil(ITEMS / WINDOW) * FIXED_MS;
	const round3 = (value) => Math.round(value * 1000) / 1000;
	const fixedTargets = () => ({
		fixedLatencyFailures: { value: worst('nodeFixed', 'failed'), limit: 0, met: worst('nodeFixed', 'failed') === 0 },
		fixedLatencyVsPhysicalFloor: { value: round3(net('nodeFixed') / physicalFloorMs), limit: 1.15, met: net('nodeFixed') / physicalFloorMs <= 1.15 },
	});
	const spendTargets = () => ({
		maxCostVsNoLimit: { value: round3(net('generateLimit') / net('generateNoLimit')), limit: 1.15, met: net('generateLimit') / net('generateNoLimit') <= 1.15 },
	});
	// --only spend: the two Generate rows alone.
	if (spendOnly) return { lines: [], targets: spendTargets(), runs: results };
	// --only fixed: the fixed-latency rows alone, to measure a change to the node's own path quickly.
	if (fixedOnly) return { lines: [], targets: fixedTargets(), runs: results };
	if (!partSelected('memory')) return { lines: [], targets: {}, runs: results };
	// One run's peak moves by about ±30 MiB (when the garbage collector runs), so each is the median of a few.
	const sampled = { sampleRss: true };
	for (let round = 1; round <= MEMORY_ROUNDS; round++) {
		say(`memory round ${round}/${MEMORY_ROUNDS}: 20 and 40 inputs of 8 MB`);
		record('read20', await measure('n8n, read 20 × 8 MB only', FIXED_MS, inN8n('readBig20', undefined, sampled)));
		record('node20', await measure('Ideogram node, 20 × 8 MB', FIXED_MS, inN8n('nodeBig20', 'Ideogram', sampled)));
		record('read40', await measure('n8n, read 40 × 8 MB only', FIXED_MS, inN8n('readBig40', undefined, sampled)));
		record('node40', await measure('Ideogram node, 40 × 8 MB', FIXED_MS, inN8n('nodeBig40', 'Ideogram', sampled)));
	}

	if (!partSelected('timing')) return { lines: [], targets: {}, runs: results };
	const readMs = med('readSmall');
	const overheadMs = med('nodeSequential', 'cycleMs') - med('floorSequential', 'cycleMs');
	const inFlightBytes = WINDOW * bigBytes;
	const peak = (key) => med(key, 'peakRss');
	const above = (node, idle) => peak(node) - peak(idle);
	const growth = above('node40', 'read40') / above('node20', 'read20');

	const targets = {
		...fixedTargets(),
		...spendTargets(),
		spreadLatencyVsBatchedHttpRequest: { value: net('nodeSpread') / net('httpBatchedSpread'), limit: 0.8, met: net('nodeSpread') / net('httpBatchedSpread') <= 0.8 },
		overheadPerRequestMs: { value: overheadMs, limit: 15, met: overheadMs <= 15 },
		memoryAboveIdleVsInFlight: { value: above('node40', 'read40') / inFlightBytes, limit: 3, met: above('node40', 'read40') / inFlightBytes < 3 },
		memoryGrowth20To40: { value: growth, limit: 1.1, met: growth <= 1.1 },
	};
	for (const target of Object.values(targets)) target.value = round3(target.value);

	const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MiB`;
	const row = (label, key, latency, lastFailedField = 'failed') =>
		`| ${label} | ${latency} | ${Math.round(med(key))} | ${key.startsWith('floor') ? Math.round(med(key)) : Math.round(net(key))} | ${worst(key, lastFailedField)} | ${worst(key, 'rejected429')} |`;
	const lines = [
		`Median of ${REPEAT} runs; 24 items of ${Math.round(fs.statSync(smallFiles[0]).size / 1024)} kB; n8n ${N8N_VERSION}, Node ${NODE_VERSION}; ${os.cpus().length} cores.`,
		'',
		'| Setup | API latency | execution (ms) | net of read-only run (ms) | failed items (worst) | 429 answers (worst) |',
		'| --- | --- | --- | --- | --- | --- |',
		`| n8n, read inputs only | – | ${Math.round(readMs)} | – | – | – |`,
		row('**Ideogram node, defaults**', 'nodeFixed', '400 ms'),
		row('HTTP Request ×2, defaults', 'httpDefaultFixed', '400 ms'),
		row(`HTTP Request ×2, batch 10 / ${FIXED_MS + 100} ms`, 'httpBatchedFixed', '400 ms'),
		row('floor script, window 10', 'floorFixed', '400 ms'),
		row('Generate 4.5, no spending limit', 'generateNoLimit', '400 ms'),
		row('Generate 4.5, Max Cost per Execution (24 quotes first)', 'generateLimit', '400 ms'),
		row('**Ideogram node, defaults**', 'nodeSpread', '200–1000 ms'),
		row(`HTTP Request ×2, batch 10 / ${SPREAD_MS[1] + 100} ms`, 'httpBatchedSpread', '200–1000 ms'),
		row('floor script, window 10', 'floorSpread', '200–1000 ms'),
		'',
		`Per request, one at a time (${SEQUENTIAL_MS} ms latency): median cycle ${med('nodeSequential', 'cycleMs')} ms in the node, ${med('floorSequential', 'cycleMs')} ms in the floor script → overhead ${overheadMs} ms.`,
		'',
		`| Memory, 8 MB inputs | items | peak RSS of the n8n process tree (median of ${MEMORY_ROUNDS}) | above the read-only run |`,
		'| --- | --- | --- | --- |',
		`| n8n, read inputs only | 20 | ${mb(peak('read20'))} | – |`,
		`| **Ideogram node, defaults** | 20 | ${mb(peak('node20'))} | ${mb(above('node20', 'read20'))} |`,
		`| n8n, read inputs only | 40 | ${mb(peak('read40'))} | – |`,
		`| **Ideogram node, defaults** | 40 | ${mb(peak('node40'))} | ${mb(above('node40', 'read40'))} |`,
		'',
		`In flight: ${WINDOW} requests × ${mb(bigBytes)} = ${mb(inFlightBytes)}.`,
	];
	return { lines, targets, runs: results };
}

async function main() {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-bench-'));
	const sandbox = await startSandbox({ apiKey: API_KEY, inflightLimit: WINDOW });
	let failed = false;
	try {
		say('ensuring Node 24 and n8n');
		const install = await ensureN8nInstalled();
		say('npm run build, pack, install as a community package');
		env.buildPackage();
		const pack = env.packPackage(path.join(root, 'pack'));
		env.installPackage(root, pack.tarball, pack.version);
		const output = { lines: [], targets: {}, runs: [] };
		const add = (part) => {
			output.lines.push(...(output.lines.length && part.lines.length ? [''] : []), ...part.lines);
			Object.assign(output.targets, part.targets);
			output.runs.push(...part.runs);
		};
		if (partSelected('timing') || partSelected('memory') || partSelected('fixed') || partSelected('spend')) add(await benchOneExecution({ install, root, sandbox }));
		if (partSelected('many') || partSelected('queue')) {
			const modes = partSelected('many') ? ['regular', 'queue'] : ['queue'];
			say(`many executions at once on one key: ${modes.join(' and ')} mode`);
			add(await benchManyExecutions({ install, pack, root, sandbox, repeat: REPEAT, say, modes }));
		}
		if (Object.keys(output.targets).length > 0) {
			output.lines.push(
				'',
				'| Target | value | limit | met |',
				'| --- | --- | --- | --- |',
				...Object.entries(output.targets).map(([name, t]) => `| ${name} | ${t.value} | ${t.limit} | ${t.met ? 'yes' : '**no**'} |`),
			);
		}
		console.log(output.lines.join('\n'));
		if (JSON_OUTPUT) console.log(JSON.stringify({ targets: output.targets, runs: output.runs }));
	} catch (error) {
		failed = true;
		say(`kept ${root} for its logs`);
		throw error;
	} finally {
		await sandbox.close();
		if (!failed) fs.rmSync(root, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`[bench] ${error.stack ?? error.message}`);
	process.exit(1);
});
