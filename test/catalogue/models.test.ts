import type { OperationDefinition } from '../../nodes/Ideogram/catalogue/types';
import { editEndpointChoice, editEndpointFor, isOfficialApi } from '../../nodes/Ideogram/catalogue/models';
import { dryRunPath, endpointOf, runsName } from '../../nodes/Ideogram/engine/endpoint';
import { definition as describeImage } from '../../nodes/Ideogram/operations/describe.operation';
import { definition as edit } from '../../nodes/Ideogram/operations/edit.operation';
import { definition as generate } from '../../nodes/Ideogram/operations/generate.operation';
import { definition as remix } from '../../nodes/Ideogram/operations/remix.operation';
import { definition as replaceBackground } from '../../nodes/Ideogram/operations/replaceBackground.operation';
import { definition as upscale } from '../../nodes/Ideogram/operations/upscale.operation';
import { InputError } from '../../nodes/Ideogram/options/validators';

describe('models per operation', () => {
	const modelsOf = (definition: OperationDefinition) => definition.endpoints.map((endpoint) => endpoint.model);

	it('offers the model names the public contract lists, oldest first', () => {
		expect(modelsOf(generate)).toEqual(['ideogram-3', 'ideogram-3-transparent', 'ideogram-4', 'ideogram-4-transparent', 'ideogram-4-5']);
		expect(modelsOf(edit)).toEqual(['ideogram-3', 'ideogram-4-5']);
		expect(modelsOf(remix)).toEqual(['ideogram-3', 'ideogram-4', 'ideogram-4-5']);
		expect(modelsOf(upscale)).toEqual(['legacy', 'auto', 'topaz-standard-2', 'topaz-text-refine', 'topaz-wonder-3-5', 'topaz-bloom-2', 'topaz-redefine', 'nano-banana-pro']);
		expect(modelsOf(describeImage)).toEqual(['ideogram-3', 'ideogram-4']);
		expect(modelsOf(replaceBackground)).toEqual(['ideogram-3', 'ideogram-4-5']);
	});

	it('reads a missing or empty model as the oldest model, as every saved workflow means it', () => {
		expect(endpointOf(generate, undefined).model).toBe('ideogram-3');
		expect(endpointOf(edit, '').model).toBe('ideogram-3');
		expect(endpointOf(upscale, undefined).path).toBe('/upscale');
		expect(endpointOf(remix, 'ideogram-4').path).toBe('/v2/image/remix/ideogram-4');
	});

	it('refuses a model the operation does not offer, naming the Model parameter', () => {
		expect(() => endpointOf(edit, 'ideogram-4')).toThrow(InputError);
		expect(() => endpointOf(edit, 'ideogram-4')).toThrow(/^Model: "ideogram-4" is not a model of this operation \(ideogram-3, ideogram-4-5\)$/);
	});

	it('names what a request runs for error messages', () => {
		expect(runsName(edit, endpointOf(edit, 'ideogram-4-5'))).toBe('Ideogram 4.5 Precise Edit');
		expect(runsName(remix, endpointOf(remix, 'ideogram-3'))).toBe('Ideogram 3.0 Remix');
		expect(runsName(upscale, endpointOf(upscale, 'topaz-wonder-3-5'))).toBe('Topaz Wonder 3.5 upscale');
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
