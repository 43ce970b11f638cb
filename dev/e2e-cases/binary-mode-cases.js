'use strict';
/**
 * End-to-end cases for where n8n keeps binary data. n8n 2.40.7's per-workflow "combined" binary mode (the
 * editor's execution logic v2) moves each node's files into the item's JSON at `_files.<name>` and takes paths
 * there in binary-field parameters. The same checks as cases.js (see there for `c`).
 */

const binaryModeCases = [
	{
		name: 'combined binary mode: a bare field name, a path, and a name that is not there',
		file: 'samples/workflows/combined-binary-mode.json',
		sandbox: 'combined',
		checks: {
			'the bare names data and mask read _files.data and _files.mask after a Merge 2.1': (c) => {
				c.eq(c.status, 'success', 'execution status');
				const edit = c.sandbox.requests.find((r) => r.path === '/v1/ideogram-v3/edit');
				c.ok(edit, `an edit request reached the API (requests: ${c.sandbox.requests.map((r) => r.path).join(', ')})`);
				c.eq(edit.status, 200, 'edit answered');
				const [image] = edit.files.image ?? [];
				const [mask] = edit.files.mask ?? [];
				c.eq([image?.filename, image?.width, image?.height], ['combined.png', 160, 120], 'image part');
				c.eq([mask?.filename, mask?.width], ['combined-mask.png', 160], 'mask part');
				c.eq(edit.fields.prompt, ['a knitted wool hat'], 'the prompt from the other branch');
			},
			'the results are files in json._files, and a path there (_files.data) reads them': (c) => {
				const [edited] = c.items('Edit by field name');
				const stored = edited.json._files?.data;
				c.ok(stored, `the edit's output keeps its image at json._files.data (json keys: ${Object.keys(edited.json).join(', ')})`);
				c.ok(!edited.binary || Object.keys(edited.binary).length === 0, 'no separate binary on the item');
				const image = c.image(stored);
				c.eq([image.info?.format, image.info?.width, image.info?.height], ['png', 160, 120], 'the stored PNG');
				const remix = c.sandbox.requests.find((r) => r.path === '/v1/ideogram-v3/remix');
				c.ok(remix, 'a remix request reached the API');
				c.eq(remix.files.image?.[0]?.size, image.bytes, 'the remix sent the edited image');
				const [remixed] = c.items('Remix by path');
				c.ok(remixed.json._files?.data, 'the remix output keeps its image at json._files.data');
			},
			'a name that is not there fails before sending, naming the paths there are': (c) => {
				const [failed] = c.items('Field that is not there');
				c.match(failed.json.error ?? '', /Input Image Field: the input item has no binary field "photo"/, 'error');
				c.match(failed.json.description ?? '', /Files on this item: _files\.data/, 'description names the path to use');
				c.eq(c.sandbox.requests.filter((r) => r.fields?.prompt?.[0] === 'never sent').length, 0, 'nothing was sent for it');
			},
		},
	},
];

module.exports = { binaryModeCases };
