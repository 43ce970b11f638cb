'use strict';
// npm run test:e2e -- --n8n-url: how it tells whether the package is loaded in an n8n it did not start, and
// which files of an execution it reads back. The session is a stand-in answering as n8n 2.40.7 does.
const { binariesOf, checkPackageLoaded } = require('../../dev/lib/n8n-rest');

const description = { version: [1, 1.1], defaultVersion: 1.1, properties: [{ name: 'operation', type: 'options', default: 'generate' }] };
const expected = { packageName: 'n8n-nodes-ideogram', version: '0.1.0', nodeType: 'n8n-nodes-ideogram.ideogram', description };

/** A session whose GET /rest/community-packages and POST /rest/node-types answer with what is given. */
function session({ packages, nodeTypes }) {
	return {
		request: async () => (packages ? { status: 200, json: { data: packages } } : { status: 404, json: undefined }),
		json: async () => ({ data: nodeTypes }),
	};
}

describe('checkPackageLoaded', () => {
	it('trusts the Community Nodes list when the package is in it, at this version', async () => {
		const listed = session({ packages: [{ packageName: 'n8n-nodes-ideogram', installedVersion: '0.1.0' }] });
		await expect(checkPackageLoaded(listed, expected)).resolves.toBe('Community Nodes lists n8n-nodes-ideogram 0.1.0');
		const older = session({ packages: [{ packageName: 'n8n-nodes-ideogram', installedVersion: '0.0.9' }] });
		await expect(checkPackageLoaded(older, expected)).rejects.toThrow('that n8n has n8n-nodes-ideogram 0.0.9, this checkout is 0.1.0. Install it there');
	});

	it('otherwise compares the node n8n serves with this build, and says how to install it when it is missing', async () => {
		await expect(checkPackageLoaded(session({ nodeTypes: [{ ...description, name: 'ideogram' }] }), expected)).resolves.toMatch(/is loaded \(from ~\/\.n8n\/nodes\)/);
		await expect(checkPackageLoaded(session({ nodeTypes: [] }), expected)).rejects.toThrow(
			/has no node n8n-nodes-ideogram\.ideogram \(version 1\.1\) loaded\. Install it there: Settings → Community Nodes → Install → n8n-nodes-ideogram/,
		);
		const other = { ...description, properties: [{ name: 'operation', type: 'options', default: 'edit' }] };
		await expect(checkPackageLoaded(session({ nodeTypes: [other] }), expected)).rejects.toThrow(/description differs from this checkout's build/);
	});
});

describe('binariesOf', () => {
	it('finds the files on items and, in combined binary mode, in their JSON at _files', () => {
		const execution = {
			data: {
				resultData: {
					runData: {
						Separate: [{ data: { main: [[{ json: {}, binary: { data: { id: 'filesystem-v2:a' } } }]] } }],
						Combined: [{ data: { main: [[{ json: { _files: { data: { id: 'filesystem-v2:b' }, mask: { id: 'filesystem-v2:c' } } } }]] } }],
						Failed: [{ error: { message: 'no data' } }],
					},
				},
			},
		};
		expect([...binariesOf(execution).keys()]).toEqual(['filesystem-v2:a', 'filesystem-v2:b', 'filesystem-v2:c']);
	});
});
