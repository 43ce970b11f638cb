'use strict';
/**
 * Locks held by a running process, for `npm start`: a lock is a file created exclusively that holds the owner's
 * pid (and whatever the owner announces, such as its ports). A lock whose pid no longer runs is stale and is
 * taken over, so a killed `npm start` never blocks the next one.
 *
 * - instance slots: each `npm start` takes the first free slot of a cache directory, and with it a user folder
 *   of its own (`start-home`, `start-home-2`, …), so two at once run side by side and never write into each
 *   other's n8n user folder;
 * - a build lock: two `npm start`s of one checkout build and pack dist/ one after the other.
 */
const fs = require('fs');
const path = require('path');

function pidRuns(pid) {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function readLock(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Creates `file` for this process if no running process holds it; returns whether it did. */
function tryLock(file, info = {}) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			fs.writeFileSync(file, JSON.stringify({ pid: process.pid, ...info }), { flag: 'wx' });
			return true;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const held = readLock(file);
			// A lock being written has no JSON yet: treat it as held.
			if (held === undefined || pidRuns(held.pid)) return false;
			fs.rmSync(file, { force: true });
		}
	}
	return false;
}

/** Removes `file` if this process holds it. */
function releaseLock(file) {
	if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}

/** Rewrites this process's lock with more information (its ports, once chosen). */
function updateLock(file, info) {
	fs.writeFileSync(file, JSON.stringify({ ...readLock(file), ...info, pid: process.pid }));
}

/**
 * Takes the first free slot: slot 1 is `<dir>/<base>`, slot n is `<dir>/<base>-n`; the lock is `<folder>.lock`.
 * Resolves { slot, folder, lockFile }.
 */
function acquireSlot(dir, base, { maxSlots = 20 } = {}) {
	for (let slot = 1; slot <= maxSlots; slot++) {
		const folder = path.join(dir, slot === 1 ? base : `${base}-${slot}`);
		const lockFile = `${folder}.lock`;
		if (tryLock(lockFile, { folder })) return { slot, folder, lockFile };
	}
	throw new Error(`${maxSlots} instances are running already (locks ${path.join(dir, base)}*.lock); stop one first`);
}

/** What the other running holders of `<dir>/<base>*.lock` announced (their lock contents). */
function otherHolders(dir, base) {
	let names = [];
	try {
		names = fs.readdirSync(dir);
	} catch {
		return [];
	}
	return names
		.filter((name) => name.startsWith(base) && name.endsWith('.lock'))
		.map((name) => readLock(path.join(dir, name)))
		.filter((held) => held && held.pid !== process.pid && pidRuns(held.pid));
}

/** Waits for `file`, then runs `work` holding it. `onWait()` is called once when another process holds it. */
async function withProcessLock(file, work, { onWait = () => {}, pollMs = 500 } = {}) {
	let waited = false;
	while (!tryLock(file)) {
		if (!waited) onWait(readLock(file));
		waited = true;
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
	try {
		return await work();
	} finally {
		releaseLock(file);
	}
}

module.exports = { pidRuns, tryLock, releaseLock, updateLock, acquireSlot, otherHolders, withProcessLock };
