'use strict';
// The example and end-to-end workflows are committed JSON that people open and edit; dev/make-workflows.js writes
// them (npm run workflows). A change to either side alone is a drift this test reports.
const fs = require('fs');
const os = require('os');
const path = require('path');

const { driftedFiles, workflowFiles } = require('../../dev/make-workflows');

describe('committed workflow files', () => {
	// Generating draws every sample image: once for both tests.
	const files = workflowFiles();

	it('are what npm run workflows writes', () => {
		expect(files.length).toBeGreaterThan(30);
		expect(driftedFiles(undefined, files)).toEqual([]);
	});

	it('are reported when they differ from the generator', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-drift-'));
		try {
			const [first, second] = files;
			for (const { file, text } of [first, second]) {
				fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
				fs.writeFileSync(path.join(root, file), text);
			}
			fs.writeFileSync(path.join(root, second.file), second.text.replace('"name"', '"name" '));
			const drifted = driftedFiles(root, files);
			expect(drifted).not.toContain(first.file);
			expect(drifted).toContain(second.file);
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});
