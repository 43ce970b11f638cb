// npm run scan applies this rule to the real `npm pack` list; here it is shown refusing what must not ship.
import { packContentProblems } from '../../dev/lib/pack-contents';

const manifest = {
	n8n: {
		nodes: ['dist/nodes/Ideogram/Ideogram.node.js'],
		credentials: ['dist/credentials/IdeogramApi.credentials.js'],
	},
};

const published = [
	'CHANGELOG.md',
	'LICENSE.md',
	'README.md',
	'index.js',
	'package.json',
	'dist/credentials/IdeogramApi.credentials.js',
	'dist/credentials/ideogram.svg',
	'dist/credentials/ideogram.dark.svg',
	'dist/nodes/Ideogram/Ideogram.node.js',
	'dist/nodes/Ideogram/Ideogram.node.json',
	'dist/nodes/Ideogram/ideogram.svg',
	'dist/nodes/Ideogram/ideogram.dark.svg',
	'dist/nodes/Ideogram/transport/index.js',
];

describe('packContentProblems', () => {
	it('accepts the compiled node and credential, their icons and codex, index.js and the documents', () => {
		expect(packContentProblems(published, manifest)).toEqual([]);
	});

	it.each([
		['test/node.core.test.ts', 'a test file'],
		['dist/nodes/Ideogram/Ideogram.node.test.js', 'a test file'],
		['test/tooling/start-helpers.test.js', 'a test file'],
		['dev/e2e-cases/cases.js', 'a developer script'],
		['samples/workflows/retry-429.json', 'a sample for the tests and the tooling'],
		['sandbox/server.js', 'a sandbox file'],
		['dev/scan-package.js', 'a developer script'],
		['dev/lib/n8n-env.js', 'a developer script'],
		['examples/upscale.json', 'an example or doc file (they live in the repository)'],
		['dist/nodes/Ideogram/Ideogram.node.js.map', 'a source map'],
		['dist/tsconfig.tsbuildinfo', 'TypeScript build info'],
		['dist/nodes/Ideogram/Ideogram.node.d.ts', 'a TypeScript declaration'],
		['nodes/Ideogram/Ideogram.node.ts', 'a TypeScript source'],
		['dist/package.json', "not part of the node's runtime"],
		['jest.config.js', "not part of the node's runtime"],
		['n8n-nodes-ideogram-0.1.0.tgz', "not part of the node's runtime"],
	])('refuses %s as %s', (file, reason) => {
		expect(packContentProblems([...published, file], manifest)).toEqual([`${file}: ${reason}`]);
	});

	it('names what is missing: a document, or a node or credential the "n8n" section declares', () => {
		const files = published.filter((file) => file !== 'CHANGELOG.md' && file !== 'dist/nodes/Ideogram/Ideogram.node.js');
		expect(packContentProblems(files, manifest)).toEqual(['CHANGELOG.md: missing', 'dist/nodes/Ideogram/Ideogram.node.js: missing']);
	});

	it('refuses a manifest whose "n8n" section names nothing', () => {
		expect(packContentProblems(published, {})).toContain('package.json: the "n8n" section names no node or credential');
	});
});
