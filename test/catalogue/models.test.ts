import { InputError } from '../../nodes/Ideogram/options/definitions';
import {
	dryRunPath,
	editEndpointChoice,
	editEndpointFor,
	isOfficialApi,
	modelOf,
	modelOperationName,
	OPERATION_MODELS,
	v2Path,
} from '../../nodes/Ideogram/catalogue/models';

describe('models per operation', () => {
	it('offers the v2 model names the public contract lists', () => {
		expect(OPERATION_MODELS).toEqual({
			generate: ['ideogram-3', 'ideogram-4-5'],
			edit: ['ideogram-3', 'ideogram-4-5'],
			remix: ['ideogram-3', 'ideogram-4', 'ideogram-4-5'],
		});
	});

	it('reads a missing or empty model as Ideogram 3.0, as every saved workflow means it', () => {
		expect(modelOf('generate', undefined)).toBe('ideogram-3');
		expect(modelOf('edit', '')).toBe('ideogram-3');
		expect(modelOf('remix', 'ideogram-4')).toBe('ideogram-4');
	});

	it('refuses a model the operation does not offer, naming the Model parameter', () => {
		expect(() => modelOf('generate', 'ideogram-4')).toThrow(InputError);
		expect(() => modelOf('edit', 'ideogram-4')).toThrow(/^Model: "ideogram-4" is not a model of this operation \(ideogram-3, ideogram-4-5\)$/);
	});

	it('builds the v2 paths under the same Base URL, Edit being Precise Edit', () => {
		expect(v2Path('generate', 'ideogram-4-5')).toBe('/v2/image/generate/ideogram-4-5');
		expect(v2Path('edit', 'ideogram-4-5')).toBe('/v2/image/precise-edit/ideogram-4-5');
		expect(v2Path('remix', 'ideogram-4')).toBe('/v2/image/remix/ideogram-4');
		expect(v2Path('remix', 'ideogram-4-5')).toBe('/v2/image/remix/ideogram-4-5');
		expect(() => v2Path('generate', 'ideogram-3')).toThrow(/v1 paths/);
	});

	it('names what a request runs for error messages', () => {
		expect(modelOperationName('edit', 'ideogram-4-5')).toBe('Ideogram 4.5 Precise Edit');
		expect(modelOperationName('remix', 'ideogram-3')).toBe('Ideogram 3.0 Remix');
	});

	it('adds dry_run=true to a path', () => {
		expect(dryRunPath('/v2/image/generate/ideogram-4-5')).toBe('/v2/image/generate/ideogram-4-5?dry_run=true');
		expect(dryRunPath('/v2/x?a=1')).toBe('/v2/x?a=1&dry_run=true');
	});
});

describe('the edit endpoint of Ideogram 3.0', () => {
	it('recognises the official API by its host alone', () => {
		expect(isOfficialApi('https://api.ideogram.ai')).toBe(true);
		expect(isOfficialApi('https://API.Ideogram.ai:443/')).toBe(true);
		expect(isOfficialApi('https://api.ideogram.ai./')).toBe(true);
		expect(isOfficialApi('https://gateway.example.com/ideogram')).toBe(false);
		expect(isOfficialApi('https://api.ideogram.ai.evil.example')).toBe(false);
		expect(isOfficialApi('https://evil.example/api.ideogram.ai')).toBe(false);
		expect(isOfficialApi('not a url')).toBe(false);
	});

	it('auto: inpaint on api.ideogram.ai (and an empty Base URL, which means it), edit on every other host', () => {
		expect(editEndpointFor('auto', 'https://api.ideogram.ai')).toBe('inpaint');
		expect(editEndpointFor('auto', '')).toBe('inpaint');
		expect(editEndpointFor('auto', undefined)).toBe('inpaint');
		expect(editEndpointFor('auto', 'http://127.0.0.1:8765')).toBe('edit');
		expect(editEndpointFor('auto', 'https://gateway.example.com/ideogram')).toBe('edit');
	});

	it('explicit edit and inpaint keep their meaning on every host', () => {
		expect(editEndpointFor('edit', 'https://api.ideogram.ai')).toBe('edit');
		expect(editEndpointFor('inpaint', 'https://gateway.example.com')).toBe('inpaint');
	});

	it('defaults to edit in node version 1 (what saved workflows send) and to auto in 1.1', () => {
		expect(editEndpointChoice(undefined, 1)).toBe('edit');
		expect(editEndpointChoice(undefined, 1.1)).toBe('auto');
		expect(editEndpointChoice('inpaint', 1)).toBe('inpaint');
		expect(editEndpointChoice('auto', 1)).toBe('auto');
		expect(() => editEndpointChoice('v2', 1.1)).toThrow(/^Edit Endpoint: /);
	});
});
