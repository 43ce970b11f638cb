// The engine reads catalogue entries: no operation value or model name appears in its source as a string. (A
// JavaScript test: it reads files, which the node's lint forbids in TypeScript.)
const fs = require('fs');
const path = require('path');

const { operations } = require('../../nodes/Ideogram/operations');
const ENGINE = path.join(__dirname, '..', '..', 'nodes', 'Ideogram', 'engine');

describe('the engine', () => {
	const definitions = fs
		.readdirSync(path.join(__dirname, '..', '..', 'nodes', 'Ideogram', 'operations'))
		.filter((file) => file.endsWith('.operation.ts'))
		.map((file) => require(path.join('..', '..', 'nodes', 'Ideogram', 'operations', file)).definition)
		.filter(Boolean);
	const names = new Set([
		...operations.map((operation) => operation.meta.value),
		...definitions.flatMap((definition) => definition.endpoints.map((endpoint) => endpoint.model)),
	]);

	it('knows every operation and model of the catalogue', () => {
		expect(names.has('upscale')).toBe(true);
		expect(names.has('topaz-wonder-3-5')).toBe(true);
		expect(names.has('ideogram-vector-1')).toBe(true);
	});

	it.each(fs.readdirSync(ENGINE))('%s names no operation or model', (file) => {
		const source = fs.readFileSync(path.join(ENGINE, file), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
		const literals = [...source.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$\n]*)`/g)].map((match) => match[1] ?? match[2] ?? match[3]);
		expect(literals.filter((literal) => names.has(literal))).toEqual([]);
	});
});
