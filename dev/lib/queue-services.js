'use strict';
/**
 * n8n in queue mode on one machine, for `npm run test:queue` (queue-mode.js) and the benchmark (bench.js):
 * Redis and PostgreSQL from Debian's packages (apt-get install when absent), each a private instance on a free
 * port with its data in a given dir, `n8n start` (the main) and `n8n worker` processes, each in its own process
 * group with its own log, and a registry that stops everything at the end, on failure and on Ctrl-C.
 * Needs root for apt-get (only when Redis or PostgreSQL is missing) and to run PostgreSQL as the `postgres` user.
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const { freePort } = require('./n8n-env');
const { N8N_VERSION } = require('./n8n-install');
const { restApiReady } = require('./n8n-server');
const { aptInstall, runLogged: run, sh, tail, waitFor } = require('./process');

/**
 * Everything a script started, stopped in reverse order by cleanupAll() (at the end, on failure, on Ctrl-C),
 * and SIGKILLed synchronously if the script exits without cleaning up. interrupt() marks a Ctrl-C: nothing new
 * starts afterwards.
 */
function processRegistry() {
	const cleanups = [];
	/** Pids (or negative process-group ids) still running. */
	const livePids = new Set();
	let interrupted = false;
	process.on('exit', () => {
		for (const pid of livePids) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
	});

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

	return {
		startChild,
		cleanupAll,
		/** Something else to stop with the rest (the sandbox). */
		onCleanup: (name, run) => cleanups.push({ name, run }),
		livePids,
		interrupt: () => (interrupted = true),
		get interrupted() {
			return interrupted;
		},
	};
}

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
async function ensureServerBinaries(logFile, say = console.log) {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length === 0) return false;
	say(`installing ${missing.join(' ')} from Debian's packages (apt-get; log: ${logFile})`);
	await aptInstall(missing, logFile);
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

async function startRedis(processes, dir) {
	const port = await freePort();
	fs.mkdirSync(dir, { recursive: true });
	const redis = processes.startChild('redis', which('redis-server'), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir], {
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

/** PostgreSQL with `db.user` (password `db.password`) as superuser and the database `db.name`. */
async function startPostgres(processes, dir, db) {
	const bin = postgresBinDir();
	const user = postgresUser();
	const port = await freePort();
	const data = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	const pwfile = path.join(dir, 'pwfile');
	fs.writeFileSync(pwfile, `${db.password}\n`);
	for (const target of [dir, socketDir, pwfile]) fs.chownSync(target, user.uid, user.gid);
	const asUser = { uid: user.uid, gid: user.gid, cwd: dir, env: { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: dir } };
	const logFile = path.join(dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	fs.chownSync(logFile, user.uid, user.gid);
	// The superuser is `n8n` with a password; connections over TCP must give it (as n8n's would on a real host).
	await run(path.join(bin, 'initdb'), ['-D', data, '-U', db.user, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], {
		logFile,
		...asUser,
	});
	// Throwaway data: no fsync, no durability (faster start and inserts; never do this with data you keep).
	const postgres = processes.startChild(
		'postgresql',
		path.join(bin, 'postgres'),
		['-D', data, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
		{ logFile, stopSignal: 'SIGINT', ...asUser },
	);
	const pgEnv = { ...process.env, PGPASSWORD: db.password };
	await waitFor('postgres', () => spawnSync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0, { alive: postgres, timeoutMs: 30000 });
	sh(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', db.user, db.name], { env: pgEnv });
	const version = sh(path.join(bin, 'postgres'), ['--version']).match(/\(PostgreSQL\) (\S+)/)?.[1];
	/** psql -At against n8n's database; returns rows as arrays of strings. */
	function query(sql) {
		const out = sh(path.join(bin, 'psql'), ['-X', '-At', '-F', '\t', '-h', '127.0.0.1', '-p', String(port), '-U', db.user, '-d', db.name, '-c', sql], { env: pgEnv });
		return out
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t'));
	}
	return { port, version, user: user.name, query, process: postgres };
}


/** What the main and every worker share: PostgreSQL, Redis, binary data in the database, manual runs queued too. */
function queueModeEnv({ redis, postgres, db }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: db.name,
		DB_POSTGRESDB_USER: db.user,
		DB_POSTGRESDB_PASSWORD: db.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// n8n 3 always runs manual executions (the editor's "Execute workflow") on workers and removed this
		// variable; n8n 2.x runs them on the main unless it is set, so it is set for 2.x only.
		...(Number(N8N_VERSION.split('.')[0]) < 3 ? { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' } : {}),
	};
}

/** An n8n CLI command to completion (import:*), stopped with the rest on Ctrl-C. */
async function runN8nCommand(processes, install, n8nEnv, args, logFile) {
	const command = processes.startChild(`n8n ${args[0]}`, install.node, [install.n8nBin, ...args], { logFile, group: true, cwd: n8nEnv.N8N_USER_FOLDER, env: n8nEnv });
	const { code, signal } = await command.exited;
	if (code !== 0) throw new Error(`n8n ${args.join(' ')} exited ${code ?? signal}; ${logFile}:\n${tail(command.log())}`);
}

/** `n8n start` (the main) as its own process group, waiting until its REST API answers. */
async function startMain(processes, install, mainEnv, logFile) {
	const url = `http://127.0.0.1:${mainEnv.N8N_PORT}`;
	const main = processes.startChild('n8n main', install.node, [install.n8nBin, 'start'], {
		logFile,
		group: true,
		cwd: mainEnv.N8N_USER_FOLDER,
		env: { ...mainEnv, N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', N8N_EDITOR_BASE_URL: url },
	});
	await waitFor('n8n start', () => restApiReady(url), { alive: main, timeoutMs: 120000, intervalMs: 250 });
	return { ...main, url };
}

/** `n8n worker` as its own process group, waiting for its readiness endpoint (DB migrated, Redis connected). */
async function startWorker(processes, install, workerEnv, logFile, concurrency) {
	const worker = processes.startChild('n8n worker', install.node, [install.n8nBin, 'worker', `--concurrency=${concurrency}`], {
		logFile,
		group: true,
		cwd: workerEnv.N8N_USER_FOLDER,
		env: workerEnv,
	});
	const health = `http://127.0.0.1:${workerEnv.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`;
	await waitFor('n8n worker', async () => (await fetch(health)).ok && /n8n worker is now ready/.test(worker.log()), { alive: worker, timeoutMs: 120000, intervalMs: 250 });
	return worker;
}

module.exports = {
	processRegistry,
	ensureServerBinaries,
	startRedis,
	startPostgres,
	queueModeEnv,
	runN8nCommand,
	startMain,
	startWorker,
};
