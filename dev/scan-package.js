#!/usr/bin/env node
'use strict';
/**
 * npm run scan: n8n's verification scan, run on this checkout before anything is published.
 *
 * n8n verifies a community package with `npx @n8n/scan-community-package <name>` on its published version.
 * That command (scanner/cli.mjs → analyzePackageByName in scanner/scanner.mjs, version pinned in package.json):
 *   1. requires the npm provenance attestation, which must name a public GitHub repository and commit;
 *   2. downloads the source at that commit from GitHub and lints `package.json` and
 *      `{nodes,credentials}/**\/*.{js,ts,json}` (its SOURCE_FILE_PATTERNS) with its analyzePackage;
 *   3. downloads the tarball (`npm pack <name>@<version>`), unpacks it (`tar -xzf … --strip-components=1`) and
 *      lints `**\/*.js` and `package.json` with analyzePackage;
 *   4. passes only if neither lint reports an error.
 * Step 1 and the two downloads need a version already published with provenance (and GitHub), so they are
 * skipped here; instead the source is this checkout (in the publish workflow: the tagged commit, the one the
 * provenance will attest) and the tarball is this checkout's `npm pack` (the bytes `npm publish` uploads). Both
 * are linted by the scanner's own exported analyzePackage, with its own patterns and its own pinned ESLint and
 * plugins, so no network is used and a pass here is the pass the real scan gives the same commit.
 *
 * Checks, each counted in the last line "N passed, N failed" (exit 1 on any failure):
 *   toolchain          the TypeScript the scanner's parser loads is one it supports (see checkToolchain)
 *   canary             the scanner refuses a package with a runtime dependency and a node using setTimeout,
 *                      so a pass below cannot come from a scanner that lints nothing
 *   source             analyzePackage(<checkout>, SOURCE_FILE_PATTERNS)
 *   build and pack     npm run build, then npm pack (dev/lib/n8n-env.js, as the e2e suite does)
 *   tarball contents   only what a user needs (dev/lib/pack-contents.js)
 *   tarball            analyzePackage(<unpacked tarball>, ['**\/*.js', 'package.json'])
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');
const { pathToFileURL } = require('url');

const env = require('./lib/n8n-env');
const { packContentProblems } = require('./lib/pack-contents');
const { createReport, sh } = require('./lib/process');

const SCANNER_DIR = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
const fromScanner = createRequire(path.join(SCANNER_DIR, 'scanner', 'scanner.mjs'));
/** The tarball leg's patterns, as analyzePackageByName passes them (the source leg's are exported). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

// Kept whole: a rest copy (`...report`) would freeze its passed/failed counts at 0.
const report = createReport('scan');
const { pass, fail, step } = report;

/** One counted check; `details` (text) is printed under it, indented. */
function check(name, ok, summary, details) {
	if (ok) pass(`${name}: ${summary}`);
	else fail(`${name}: ${summary}`, details ?? '');
	if (ok && details) console.log(details.replace(/^/gm, '       '));
}

/**
 * The package.json of `name` as Node would find it from `fromDir` (walking up through node_modules), read
 * directly because some of these packages do not export ./package.json.
 */
function findPackage(name, fromDir) {
	for (let dir = fromDir; ; dir = path.dirname(dir)) {
		const file = path.join(dir, 'node_modules', name, 'package.json');
		if (fs.existsSync(file)) return { dir: path.dirname(file), manifest: JSON.parse(fs.readFileSync(file, 'utf8')) };
		if (dir === path.dirname(dir)) throw new Error(`${name} is not installed where ${fromDir} would find it`);
	}
}

/**
 * The scanner 0.32.0 depends on typescript 7.0.2, the native compiler, whose package has no JavaScript
 * compiler API (its main export is a version stub). The parser it lints .ts sources and package.json with,
 * @typescript-eslint/parser, needs the API and declares `typescript >=4.8.4 <6.1.0` as a peer. npm therefore
 * keeps 7.0.2 inside the scanner's own node_modules, and the parser loads the top-level typescript: here this
 * package's pinned devDependency (5.9.3, the one the build uses; a fresh `npx` install of the scanner gets the
 * newest 6.0.x instead, equally inside the range). If a lockfile change ever let the parser see 7.x, every
 * file would fail to parse; this check says why instead.
 */
function checkToolchain() {
	const parser = findPackage('@typescript-eslint/parser', SCANNER_DIR);
	const estree = findPackage('@typescript-eslint/typescript-estree', parser.dir);
	const typescript = findPackage('typescript', estree.dir);
	const range = estree.manifest.peerDependencies.typescript;
	const semver = fromScanner('semver');
	const ts = createRequire(path.join(estree.dir, 'package.json'))('typescript');
	const usable = semver.satisfies(typescript.manifest.version, range) && typeof ts.createSourceFile === 'function';
	const versions = ['eslint', '@n8n/eslint-plugin-community-nodes', 'eslint-plugin-n8n-nodes-base']
		.map((name) => `${name} ${findPackage(name, SCANNER_DIR).manifest.version}`)
		.join(', ');
	check(
		'toolchain',
		usable,
		`@typescript-eslint/parser ${parser.manifest.version} loads typescript ${typescript.manifest.version} ` +
			`(it supports ${range}${usable ? '' : '; this one does not, or has no compiler API'}); ${versions}`,
	);
	return usable;
}

/** analyzePackage on a folder, with the number of files its glob matches (0 files would pass vacuously). */
async function lint(scanner, dir, patterns) {
	const glob = fromScanner('fast-glob');
	const files = glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] });
	const result = files.length === 0 ? { passed: false, message: 'no files matched' } : await scanner.analyzePackage(dir, patterns);
	return { ...result, files };
}

function tempDir(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A package the scanner must refuse: a runtime dependency and a node that calls setTimeout. */
async function checkCanary(scanner) {
	const dir = tempDir('ideogram-scan-canary-');
	try {
		const manifest = JSON.parse(fs.readFileSync(path.join(env.ROOT, 'package.json'), 'utf8'));
		manifest.dependencies = { axios: '1.18.0' };
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
		fs.mkdirSync(path.join(dir, 'nodes', 'Canary'), { recursive: true });
		fs.writeFileSync(path.join(dir, 'nodes', 'Canary', 'wait.ts'), 'export const wait = (ms: number) => setTimeout(() => undefined, ms);\n');
		const result = await lint(scanner, dir, scanner.SOURCE_FILE_PATTERNS);
		const expected = ['@n8n/community-nodes/no-runtime-dependencies', '@n8n/community-nodes/no-restricted-globals'];
		const missed = expected.filter((rule) => !(result.details ?? '').includes(rule));
		check(
			'canary',
			!result.passed && missed.length === 0,
			missed.length === 0 && !result.passed
				? `a runtime dependency and setTimeout in a node are refused (${expected.join(', ')})`
				: `the scanner did not report ${missed.join(', ') || 'a failure'} on a package that breaks them`,
			missed.length === 0 ? undefined : result.details ?? result.message,
		);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function reportLint(name, what, result) {
	check(
		name,
		result.passed,
		result.passed ? `${result.files.length} files (${what}), no violations` : `${result.message} in ${result.files.length} files (${what})`,
		result.passed ? undefined : result.details,
	);
}

async function main() {
	const scannerVersion = JSON.parse(fs.readFileSync(path.join(SCANNER_DIR, 'package.json'), 'utf8')).version;
	step(`n8n's verification scan: @n8n/scan-community-package ${scannerVersion}, its analysis on this checkout and its npm pack`);
	// The scanner makes a temp folder when it is loaded (for downloads this script does not make); its own tmp
	// module removes it at exit once graceful cleanup is on.
	fromScanner('tmp').setGracefulCleanup();
	const scanner = await import(pathToFileURL(path.join(SCANNER_DIR, 'scanner', 'scanner.mjs')).href);

	if (!checkToolchain()) return;
	await checkCanary(scanner);
	reportLint('source', 'package.json, nodes/, credentials/', await lint(scanner, env.ROOT, scanner.SOURCE_FILE_PATTERNS));

	const work = tempDir('ideogram-scan-');
	try {
		let pack;
		try {
			env.buildPackage();
			pack = env.packPackage(path.join(work, 'pack'));
			check('build and pack', true, `${path.basename(pack.tarball)}, ${pack.files.length} files`);
		} catch (error) {
			check('build and pack', false, error.message.split('\n')[0], error.message);
			return;
		}

		const manifest = JSON.parse(fs.readFileSync(path.join(env.ROOT, 'package.json'), 'utf8'));
		const problems = packContentProblems(pack.files, manifest);
		check(
			'tarball contents',
			problems.length === 0,
			problems.length === 0 ? 'only the compiled node and credential, icons, codex, index.js and the documents' : `${problems.length} problems`,
			problems.length === 0 ? pack.files.map((file) => `- ${file}`).join('\n') : problems.join('\n'),
		);

		// Unpacked as the scanner unpacks the tarball it downloads.
		const unpacked = path.join(work, 'package');
		fs.mkdirSync(unpacked);
		sh('tar', ['-xzf', pack.tarball, '-C', unpacked, '--strip-components=1']);
		reportLint('tarball', TARBALL_FILE_PATTERNS.join(', '), await lint(scanner, unpacked, TARBALL_FILE_PATTERNS));
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main()
	.catch((error) => fail('scan', error.stack ?? error))
	.finally(() => {
		step('not run: the provenance check and the downloads from npm and GitHub (they need a published version)');
		if (report.passed === 0 && report.failed === 0) fail('scan', 'no check ran');
		report.summary();
	});
