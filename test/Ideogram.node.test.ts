import type { INodeProperties } from 'n8n-workflow';

import { IdeogramApi } from '../credentials/IdeogramApi.credentials';
import { operations } from '../nodes/Ideogram/operations';
import { Ideogram } from '../nodes/Ideogram/Ideogram.node';
import codex from '../nodes/Ideogram/Ideogram.node.json';
import { pngFile, sandboxHarness, useSandbox } from './support/fixtures';

const { description } = new Ideogram();

/** The properties n8n shows for an operation in a node of the given version (displayOptions.show only). */
function shown(operation: string, version: number): INodeProperties[] {
	return description.properties.filter((property) => {
		const show = (property.displayOptions?.show ?? {}) as Record<string, unknown[]>;
		if (show.operation && !show.operation.includes(operation)) return false;
		const versions = show['@version'];
		if (!versions) return true;
		return versions.some((condition) =>
			typeof condition === 'number' ? condition === version : version >= (condition as { _cnd: { gte: number } })._cnd.gte,
		);
	});
}

function collectionOptions(operation: string, version: number, name: string): string[] {
	const collection = shown(operation, version).find((property) => property.name === name);
	return ((collection?.options ?? []) as INodeProperties[]).map((option) => option.name);
}

describe('the node description', () => {
	it('builds the operation selector from the registry, sorted by name, default Edit', () => {
		const selector = description.properties.find((property) => property.name === 'operation');
		expect(selector?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(
			['describe', 'edit', 'generate', 'generateVector', 'getGeneration', 'getUsage', 'layerizeText', 'reframe', 'remix', 'removeBackground', 'removeObject', 'replaceBackground', 'upscale', 'vectorize'],
		);
		expect(selector?.default).toBe('edit');
		expect(operations.map((operation) => operation.meta.value).sort()).toEqual(['describe', 'edit', 'generate', 'generateVector', 'getGeneration', 'getUsage', 'layerizeText', 'reframe', 'remix', 'removeBackground', 'removeObject', 'replaceBackground', 'upscale', 'vectorize']);
	});

	it('names what the node does, every operation included', () => {
		for (const word of ['Generate', 'edit', 'remix', 'reframe', 'upscale', 'describe', 'backgrounds', 'remove', 'objects', 'SVG', 'generations']) {
			expect(description.description).toContain(word);
		}
	});

	it('has versions 1, 1.1 and 1.2, new nodes get 1.2', () => {
		expect(description.version).toEqual([1, 1.1, 1.2]);
		expect(description.defaultVersion).toBe(1.2);
	});

	it.each(operations.map((operation) => [operation.meta.value]))('%s: version 1 keeps one Options collection; 1.1 moves the request behaviour to Request Options', (operation) => {
		const behaviour = ['concurrency', 'maxRetries', 'retryPossiblyBilled', 'taskTimeout', 'timeout'];
		expect(collectionOptions(operation, 1, 'options')).toEqual(expect.arrayContaining(behaviour));
		expect(collectionOptions(operation, 1, 'requestOptions')).toEqual([]);
		expect(collectionOptions(operation, 1.1, 'requestOptions')).toEqual(expect.arrayContaining(behaviour));
		const creative = collectionOptions(operation, 1.1, 'options');
		expect(creative.filter((name) => behaviour.includes(name) || name === 'downloadImages')).toEqual([]);
		// Nothing is lost: version 1.1 offers exactly what version 1 did, in two collections.
		expect([...creative, ...collectionOptions(operation, 1.1, 'requestOptions')].sort()).toEqual(collectionOptions(operation, 1, 'options').sort());
	});

	it('gives each operation that takes a prompt its own example and visible help', () => {
		const prompts = ['edit', 'remix', 'replaceBackground', 'generate'].map((operation) => shown(operation, 1.1).find((property) => property.name === 'prompt'));
		expect(prompts.every((prompt) => prompt?.hint && prompt.placeholder)).toBe(true);
		expect(new Set(prompts.map((prompt) => prompt?.placeholder)).size).toBe(4);
	});

	it('links documentation without a #fragment, where n8n would append its query string', () => {
		const urls = [new IdeogramApi().documentationUrl, codex.resources.primaryDocumentation[0].url, codex.resources.credentialDocumentation[0].url];
		for (const url of urls) expect(url).not.toContain('#');
	});
});

describe('node version 1.1', () => {
	const KEY = 'version-key';
	const sandbox = useSandbox(KEY);
	const harness = sandboxHarness(sandbox, KEY);

	it('reads Request Options (here: no download) and names result files in kebab-case', async () => {
		const downloads = harness({
			typeVersion: 1.1,
			parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'a beach', options: { seed: 7 }, requestOptions: { downloadImages: false } },
			items: [{ binary: { data: pngFile(16, 16) } }],
		});
		const [withoutDownload] = await downloads.run();
		expect(withoutDownload.binary).toBeUndefined();
		expect(sandbox.requests[0].fields.seed).toEqual(['7']);

		const named = harness({ typeVersion: 1.1, parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'a beach', options: { seed: 7 } }, items: [{ binary: { data: pngFile(16, 16) } }] });
		const [item] = await named.run();
		expect(item.binary?.data.fileName).toBe('ideogram-replace-background-7.png');
	});

	it('version 1 keeps the file names it had', async () => {
		const { run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'a beach', options: { seed: 7 } }, items: [{ binary: { data: pngFile(16, 16) } }] });
		const [item] = await run();
		expect(item.binary?.data.fileName).toBe('ideogram-replaceBackground-7.png');
	});
});
