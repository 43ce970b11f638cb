'use strict';
/**
 * What every script here needs for processes and reporting: sleep, commands (to completion, synchronously or with
 * their output collected or logged to a file), apt-get installs, a logger, a pass/fail tally.
 */
const fs = require('fs');
const { spawn, spawnSync } = require('child_process');

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(text, lines = 30) {
	return text.split('\n').slice(-lines).join('\n');
}

/** Runs a command to completion; throws with the tail of its output when it fails. Returns its stdout. */
function sh(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
	if (result.error) throw result.error;
	if (result.status !== 0) {
		const error = new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${tail(`${result.stdout}\n${result.stderr}`)}`);
		// Ctrl-C reaches the child too: callers can tell an interruption (error.signal) from a failure.
		error.signal = result.signal;
		throw error;
	}
	return result.stdout;
}

/**
 * Runs a command to completion with its output collected; resolves {code, signal, stdout, stderr, ms} whatever
 * the exit code. SIGKILLed after `timeoutMs`; `onSpawn(child)` sees the child as soon as it exists.
 */
function run(command, args, { timeoutMs = 300000, onSpawn, ...options } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
		onSpawn?.(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/** Runs a command to completion with its output appended to `logFile`; rejects with the log's tail on failure. */
function runLogged(command, args, { logFile, ...options }) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}\n`);
		const child = spawn(command, args, { stdio: ['ignore', out, out], ...options });
		fs.closeSync(out);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (code === 0) return resolve();
			reject(new Error(`${command} ${args.join(' ')} failed (${signal || code}); see ${logFile}:\n${tail(fs.readFileSync(logFile, 'utf8'), 25)}`));
		});
	});
}

/** apt-get update and install of Debian packages (needs root), logged to `logFile`. */
async function aptInstall(packages, logFile) {
	if (process.getuid?.() !== 0) throw new Error(`${packages.join(' and ')} missing; run as root (apt-get install -y ${packages.join(' ')}) or install them first`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runLogged('apt-get', ['update'], { logFile, env });
	await runLogged('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { logFile, env });
}

/**
 * Polls `test` until it resolves truthy (a throw counts as not yet); fails after `timeoutMs`, or as soon as
 * `alive` (a child of queue-services' processRegistry) has exited, with the tail of its log.
 */
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

/** `say('…')` prints `[name] …` (to stderr when stdout carries machine-readable output). */
function logger(name, { stderr = false } = {}) {
	return (message) => (stderr ? console.error : console.log)(`[${name}] ${message}`);
}

/**
 * A suite's tally: `step` prints a timed heading, `pass`/`fail` count checks, `summary` prints the closing
 * line CI reads ("N passed, N failed"). `quiet()` tells whether failures are being silenced (after Ctrl-C).
 */
function createReport(name) {
	const started = Date.now();
	let silenced = false;
	const report = {
		passed: 0,
		failed: 0,
		elapsed: (since = started) => `${((Date.now() - since) / 1000).toFixed(1)} s`,
		step: (message) => console.log(`[${name} ${report.elapsed()}] ${message}`),
		pass: (check) => {
			report.passed++;
			console.log(`  ok   ${check}`);
		},
		fail: (check, error) => {
			report.failed++;
			if (silenced) return;
			console.log(`  FAIL ${check}\n       ${String(error?.message ?? error).split('\n').join('\n       ')}`);
		},
		/** From now on failures are counted but not printed: they come from stopping, not from the package. */
		silence: () => (silenced = true),
		summary: () => {
			console.log(`\n${name} finished in ${report.elapsed()}`);
			console.log(`${report.passed} passed, ${report.failed} failed`);
			process.exitCode = report.failed > 0 ? 1 : 0;
		},
	};
	return report;
}

module.exports = { aptInstall, createReport, logger, run, runLogged, sh, sleep, tail, waitFor };
