'use strict';
/**
 * Headless Chromium driven over the DevTools protocol with Node's global WebSocket (Node >= 22), for the
 * editor screenshots (screenshot.js) and the panel check in a real browser (panel-check.js).
 *
 *   requireNodeWithWebSocket(file) re-runs the calling script with the cached Node 24 when started by an older Node
 *   chromiumPath()                  Debian's chromium (or CHROMIUM=/path); throws when there is none
 *   ensureChromium(log)             the same, apt-get installing chromium first when missing (as root)
 *   launchChromium({width, height}) → { cdp, close() }: a headless browser on a free DevTools port (port 0),
 *                                    its own temp profile, one page; cdp.send(method, params), cdp.on(event, fn)
 *   evaluate(cdp, expression)       the expression's value (promises awaited)
 *   waitFor(cdp, expression, what, timeoutMs)
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const { sleep } = require('./process');

/** Re-runs `file` with the cached Node 24 when this Node has no global WebSocket; returns only when it has one. */
function requireNodeWithWebSocket(file, prefix) {
	if (Number(process.versions.node.split('.')[0]) >= 22 && typeof WebSocket !== 'undefined') return;
	const { paths } = require('./n8n-install');
	const node = paths().node;
	if (!fs.existsSync(node)) {
		console.error(`[${prefix}] needs Node >= 22 (global WebSocket); ${node} is missing: run npm start once first`);
		process.exit(1);
	}
	const result = spawnSync(node, [file, ...process.argv.slice(2)], { stdio: 'inherit' });
	process.exit(result.status ?? 1);
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function findChromium() {
	return [process.env.CHROMIUM, ...CANDIDATES].filter(Boolean).find((file) => fs.existsSync(file));
}

function chromiumPath() {
	const found = findChromium();
	if (!found) throw new Error('no Chromium found: apt-get install -y chromium (or set CHROMIUM=/path/to/chrome)');
	return found;
}

/** Debian's chromium, installed with apt-get when missing (needs root; the log goes to `logFile`). */
function ensureChromium({ log = () => {}, logFile = path.join(os.tmpdir(), 'ideogram-apt-chromium.log') } = {}) {
	const found = findChromium();
	if (found) return found;
	if (process.getuid?.() !== 0) throw new Error('Chromium is missing; run as root (apt-get install -y chromium) or set CHROMIUM=/path/to/chrome');
	log(`installing chromium from Debian's packages (apt-get; log: ${logFile})`);
	const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
		const result = spawnSync('apt-get', args, { env: aptEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		fs.appendFileSync(logFile, `$ apt-get ${args.join(' ')}\n${result.stdout}${result.stderr}\n`);
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${result.status ?? result.signal}); see ${logFile}`);
	}
	return chromiumPath();
}

/** A minimal DevTools-protocol client over one WebSocket: send(method, params) and on(event, handler). */
async function connect(url) {
	const socket = new WebSocket(url);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
	});
	let nextId = 1;
	const pending = new Map();
	const listeners = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		if (message.method) {
			for (const handler of listeners.get(message.method) ?? []) handler(message.params);
			return;
		}
		const waiter = message.id && pending.get(message.id);
		if (!waiter) return;
		pending.delete(message.id);
		if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
		else waiter.resolve(message.result);
	});
	return {
		send(method, params = {}) {
			const id = nextId++;
			socket.send(JSON.stringify({ id, method, params }));
			return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
		},
		on(method, handler) {
			if (!listeners.has(method)) listeners.set(method, []);
			listeners.get(method).push(handler);
		},
		close: () => socket.close(),
	};
}

async function evaluate(cdp, expression) {
	const result = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
	if (result.exceptionDetails) throw new Error(`evaluate: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
	return result.result?.value;
}

async function waitFor(cdp, expression, what, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			if (await evaluate(cdp, expression)) return;
		} catch (error) {
			// the page is navigating, or not far enough yet for the expression: try again
			lastError = error;
		}
		await sleep(250);
	}
	throw new Error(`timed out waiting for ${what}${lastError ? ` (last: ${lastError.message})` : ''}`);
}

/**
 * Starts headless Chromium with its own temp profile and DevTools on a port it picks itself (0: never
 * collides), and connects to its page. close() kills it and removes the profile.
 */
async function launchChromium({ width = 1600, height = 1000, executable = chromiumPath() } = {}) {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-chromium-'));
	const chromium = spawn(
		executable,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
			'--hide-scrollbars',
			`--user-data-dir=${profile}`,
			`--window-size=${width},${height}`,
			'--remote-debugging-port=0',
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let stderr = '';
	chromium.stderr.on('data', (chunk) => (stderr += chunk));
	const close = async () => {
		if (chromium.exitCode === null && chromium.signalCode === null) {
			const exited = new Promise((resolve) => chromium.once('exit', resolve));
			chromium.kill('SIGKILL');
			await exited;
		}
		fs.rmSync(profile, { recursive: true, force: true });
	};
	try {
		const portFile = path.join(profile, 'DevToolsActivePort');
		for (let i = 0; i < 120 && !fs.existsSync(portFile) && chromium.exitCode === null; i++) await sleep(250);
		if (!fs.existsSync(portFile)) throw new Error(`Chromium did not start:\n${stderr.slice(-2000)}`);
		const [port] = fs.readFileSync(portFile, 'utf8').split('\n');
		const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
		const page = targets.find((t) => t.type === 'page');
		const cdp = await connect(page.webSocketDebuggerUrl);
		await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
		return {
			cdp,
			close: async () => {
				cdp.close();
				await close();
			},
		};
	} catch (error) {
		await close();
		throw error;
	}
}

module.exports = { requireNodeWithWebSocket, chromiumPath, ensureChromium, launchChromium, evaluate, waitFor };
