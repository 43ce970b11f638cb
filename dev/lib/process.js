'use strict';
/** What every script here needs for processes and reporting: sleep, a synchronous command, a logger, a pass/fail tally. */
const { spawnSync } = require('child_process');

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

module.exports = { createReport, logger, sh, sleep, tail };
