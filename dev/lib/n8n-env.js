'use strict';
/**
 * A real n8n user folder with this package installed the way n8n installs a community package, and helpers
 * to run n8n's CLI in it with Node 24. Used by every script here that runs or prepares an n8n (e2e.js,
 * queue-mode.js, start.js, bench.js, panel-check.js, prepare-n8n.js).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { run, sh: runSync } = require('./process');

const { freePort } = require('./ports');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-ideogram';
const NODE_TYPE = `${PACKAGE_NAME}.ideogram`;
const CREDENTIAL_TYPE = 'ideogramApi';

/** A command in the repository's folder. */
function sh(command, args) {
	return runSync(command, args, { cwd: ROOT });
}

/** `npm run build` in the repo (system Node: the package's own toolchain). */
function buildPackage() {
	sh('npm', ['run', 'build', '--silent']);
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Ideogram', 'Ideogram.node.js'))) {
		throw new Error('npm run build did not produce dist/nodes/Ideogram/Ideogram.node.js');
	}
}

/** `npm pack` into a temp dir; returns the tarball path. */
function packPackage(destination) {
	fs.mkdirSync(destination, { recursive: true });
	const out = sh('npm', ['pack', '--json', '--pack-destination', destination]);
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	const files = info.files.map((file) => file.path);
	// n8n loads exactly the files package.json's "n8n" section names: they must be in the tarball.
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const declared = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !files.includes(file));
	if (declared.length === 0 || missing.length > 0) {
		throw new Error(`the packed tarball lacks ${missing.join(', ') || 'an n8n section'} (was dist/ removed or rebuilt meanwhile?)`);
	}
	return { tarball: path.join(destination, info.filename), version: info.version, files };
}

/**
 * Unpacks the tarball into <userFolder>/.n8n/nodes/node_modules/n8n-nodes-ideogram, as n8n's community
 * package installer does: no devDependencies or peerDependencies (n8n-workflow comes from n8n itself), and a
 * nodes/package.json that lists the package.
 */
function installPackage(userFolder, tarball, version) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	const unpack = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-unpack-'));
	sh('tar', ['-xzf', tarball, '-C', unpack]);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.cpSync(path.join(unpack, 'package'), target, { recursive: true });
	fs.rmSync(unpack, { recursive: true, force: true });
	const manifestFile = path.join(target, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } }, null, 2)}\n`,
	);
	return target;
}

/** The environment every n8n process here gets: lean, offline, SQLite, binary data on disk. */
function n8nEnv(install, userFolder, extra = {}) {
	return {
		...process.env,
		PATH: `${install.nodeBin}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_ENCRYPTION_KEY: 'ideogram-sandbox-encryption-key',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// As n8n 3 has it (its default turns false there); saying it also keeps 2.x's deprecation notice away.
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// Offline: the nodes panel's list of verified packages comes from api.n8n.io (a stack trace when unreachable).
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// n8n 3's defaults, set so that n8n 2.x does not warn that they will change.
		N8N_RUNNERS_TASK_TIMEOUT: '60',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
		N8N_RUNNERS_MODE: 'internal',
		N8N_SECURE_COOKIE: 'false',
		// Offline: this module fetches a list of MCP servers from api.n8n.io and logs a stack trace when it cannot.
		N8N_DISABLED_MODULES: 'mcp-registry',
		NODE_ENV: 'production',
		...extra,
	};
}

/** Runs an n8n CLI command to completion with Node 24; resolves {code, signal, stdout, stderr, ms}. */
function runN8n(install, env, args, options = {}) {
	return run(install.node, [install.n8nBin, ...args], { cwd: env.N8N_USER_FOLDER, env, ...options });
}

async function runN8nOk(install, env, args, options) {
	const result = await runN8n(install, env, args, options);
	if (result.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited ${result.code ?? result.signal}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
	}
	return result;
}

/**
 * `--rawOutput` prints log lines before and after the JSON, and some log lines start with [ too
 * ("[license SDK] …"): try each line that opens a bracket until the text from there to the last closing one parses.
 */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (!/^[[{]/.test(lines[start])) continue;
		const text = lines.slice(start).join('\n');
		const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
		try {
			return JSON.parse(text.slice(0, end + 1));
		} catch {
			// a log line, not the output: try the next one
		}
	}
	throw new Error(`no JSON in n8n output:\n${stdout.slice(-2000)}`);
}

function credentialJson({ id, name, baseUrl, apiKey = 'sandbox-key', authHeader = 'apiKey', taskStatusUrl }) {
	return { id, name, type: CREDENTIAL_TYPE, data: { apiKey, baseUrl, authHeader, ...(taskStatusUrl ? { taskStatusUrl } : {}) } };
}

module.exports = {
	ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_TYPE,
	buildPackage,
	packPackage,
	installPackage,
	freePort,
	n8nEnv,
	runN8n,
	runN8nOk,
	parseRawOutput,
	credentialJson,
};
