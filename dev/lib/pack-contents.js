'use strict';
/**
 * What the published tarball may hold: the compiled node and credential with their icons and codex file, the
 * entry point, and the documents npm shows (README, LICENSE, CHANGELOG). Everything else in the repository
 * (tests, the sandbox, scripts, examples, TypeScript sources and declarations, source maps, build info) is for
 * developers and would only be downloaded into every n8n that installs the package. Used by
 * dev/scan-package.js on the real `npm pack` list; test/tooling/packContents.test.ts shows what it refuses.
 */

/** Files at the package root that a user gets (npm adds package.json, README and LICENSE by itself). */
const ROOT_FILES = ['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md', 'index.js'];

/** dist/ holds compiled JavaScript, the icons and the codex (<Name>.node.json), nothing else. */
const DIST_FILE = /^dist\/(nodes|credentials)\/.+\.(js|svg|png)$|^dist\/nodes\/.+\.node\.json$/;

/** Names for what should not be there, so a failure says what slipped in (checked in this order). */
const UNWANTED = [
	[/(^|\/)(test|tests|__tests__|e2e)\/|\.(test|spec)\.[cm]?[jt]s$/, 'a test file'],
	[/(^|\/)sandbox\//, 'a sandbox file'],
	[/(^|\/)(dev|scripts)\//, 'a developer script'],
	[/(^|\/)samples\//, 'a sample for the tests and the tooling'],
	[/(^|\/)(examples|docs)\//, 'an example or doc file (they live in the repository)'],
	[/\.map$/, 'a source map'],
	[/\.tsbuildinfo$/, 'TypeScript build info'],
	[/\.d\.[cm]?ts$/, 'a TypeScript declaration'],
	[/\.[cm]?ts$/, 'a TypeScript source'],
];

/**
 * Problems with a tarball's file list (paths as `npm pack --json` gives them, relative to the package root):
 * each file that is not something a user needs, and each needed file that is missing (the root files above
 * and every node and credential package.json's "n8n" section names). An empty list means the list is right.
 */
function packContentProblems(files, manifest) {
	const problems = [];
	for (const file of files) {
		const unwanted = UNWANTED.find(([pattern]) => pattern.test(file));
		if (unwanted) problems.push(`${file}: ${unwanted[1]}`);
		else if (!ROOT_FILES.includes(file) && !DIST_FILE.test(file)) problems.push(`${file}: not part of the node's runtime`);
	}
	const declared = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	if (declared.length === 0) problems.push('package.json: the "n8n" section names no node or credential');
	for (const file of [...ROOT_FILES, ...declared]) {
		if (!files.includes(file)) problems.push(`${file}: missing`);
	}
	return problems;
}

module.exports = { packContentProblems, ROOT_FILES };
