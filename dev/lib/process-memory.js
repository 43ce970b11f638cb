'use strict';
/**
 * Samples a process's resident memory (VmRSS from /proc/<pid>/status, Linux) at a fixed interval, so a
 * test can compare the peak during some phase with the level before it ("within a few tens of MB of idle").
 */
const fs = require('fs');

function rssKb(pid) {
	try {
		const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Starts sampling `pid` every `intervalMs`. `samples` holds `{ at, kb }` (at: ms since the epoch);
 * `between(from, to)` gives the samples in a time window; `stop()` ends sampling.
 */
function sampleMemory(pid, intervalMs = 50) {
	const samples = [];
	const take = () => {
		const kb = rssKb(pid);
		if (kb !== undefined) samples.push({ at: Date.now(), kb });
	};
	take();
	const timer = setInterval(take, intervalMs);
	timer.unref();
	return {
		samples,
		between: (from, to) => samples.filter((sample) => sample.at >= from && sample.at <= to),
		/** The last sample at or before `at` (the level just before something started). */
		before: (at) => [...samples].reverse().find((sample) => sample.at <= at),
		stop() {
			clearInterval(timer);
			take();
		},
	};
}

module.exports = { sampleMemory, rssKb };
