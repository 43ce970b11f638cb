// The catalogue entries as data: what each endpoint sends for given settings, what it refuses and why, and the
// rules every entry keeps (an async endpoint is polled, a JSON endpoint has no files, a v2 path names its model).

import type { OperationDefinition } from '../../nodes/Ideogram/catalogue/types';
import { encodeBody, fieldParts } from '../../nodes/Ideogram/engine/encode';
import { endpointOf, refuseOptionsOfOtherModels, requestMode } from '../../nodes/Ideogram/engine/endpoint';
import { requestFields } from '../../nodes/Ideogram/engine/fields';
import { definition as describeImage } from '../../nodes/Ideogram/operations/describe.operation';
import { definition as edit } from '../../nodes/Ideogram/operations/edit.operation';
import { definition as generate } from '../../nodes/Ideogram/operations/generate.operation';
import { definition as generateVector } from '../../nodes/Ideogram/operations/generateVector.operation';
import { definition as layerizeText } from '../../nodes/Ideogram/operations/layerizeText.operation';
import { definition as reframe } from '../../nodes/Ideogram/operations/reframe.operation';
import { definition as remix } from '../../nodes/Ideogram/operations/remix.operation';
import { definition as removeBackground } from '../../nodes/Ideogram/operations/removeBackground.operation';
import { definition as removeObject } from '../../nodes/Ideogram/operations/removeObject.operation';
import { definition as replaceBackground } from '../../nodes/Ideogram/operations/replaceBackground.operation';
import { definition as upscale } from '../../nodes/Ideogram/operations/upscale.operation';
import { definition as vectorize } from '../../nodes/Ideogram/operations/vectorize.operation';
import type { NodeSettings } from '../../nodes/Ideogram/options/definitions';
import { labelOf } from '../../nodes/Ideogram/options/definitions';
import { errorOf, fields } from '../support/parts';

const DEFINITIONS: OperationDefinition[] = [
	describeImage, edit, generate, generateVector, layerizeText, reframe, remix, removeBackground, removeObject, replaceBackground, upscale, vectorize,
];

/** The text parts one model of an operation sends for the settings, with `sourceImages` source images. */
function parts(definition: OperationDefinition, model: string, options: NodeSettings = {}, prompt: unknown = 'a cat', sourceImages = 0) {
	return fields(fieldParts(requestFields(endpointOf(definition, model), options, { prompt }, sourceImages)));
}

describe('every catalogue entry', () => {
	const entries = DEFINITIONS.flatMap((definition) => definition.endpoints.map((endpoint) => [definition.meta.value, endpoint.model, endpoint] as const));

	it.each(entries)('%s / %s is consistent', (_operation, model, endpoint) => {
		const path = typeof endpoint.path === 'string' ? endpoint.path : endpoint.path({ settings: {}, baseUrl: '', nodeVersion: 1.2 });
		// A v2 path names its model; the model is data, not the API version.
		if (path.startsWith('/v2/')) expect(path.endsWith(`/${model}`)).toBe(true);
		// JSON bodies carry no files; an always-async endpoint is polled, so it cannot answer synchronously.
		if (endpoint.encoding === 'json') expect(endpoint.files.length + (endpoint.fileLists?.length ?? 0)).toBe(0);
		// Price quotes and webhooks exist only on the v2 paths here.
		if (endpoint.quote || endpoint.webhook) expect(path.startsWith('/v2/')).toBe(true);
		// Where webhook_url is declared, the field is sent; nowhere else.
		expect(endpoint.fields.includes('webhookUrl')).toBe(endpoint.webhook);
		expect(endpoint.modelName.length).toBeGreaterThan(0);
	});

	it('every operation offers each model once', () => {
		for (const definition of DEFINITIONS) {
			const models = definition.endpoints.map((endpoint) => endpoint.model);
			expect(new Set(models).size).toBe(models.length);
		}
	});
});

describe('the text parts of the 4.x models', () => {
	it('Generate 4.5 sends prompt, lower-case magic prompt, counts, quality, size, copyright detection', () => {
		const options = { magicPrompt: 'OFF', numImages: 2, seed: 7, quality: 'medium', size: '1024x1024', enableCopyrightDetection: true };
		expect(parts(generate, 'ideogram-4-5', options)).toEqual([
			['prompt', 'a cat'],
			['magic_prompt', 'off'],
			['num_images', '2'],
			['seed', '7'],
			['quality', 'medium'],
			['size', '1024x1024'],
			['enable_copyright_detection', 'true'],
		]);
	});

	it('Precise Edit 4.5 sends no size and no magic prompt', () => {
		expect(parts(edit, 'ideogram-4-5', { numImages: 1, quality: 'very_low', seed: 0 }, 'a cat', 1)).toEqual([
			['prompt', 'a cat'],
			['num_images', '1'],
			['seed', '0'],
			['quality', 'very_low'],
		]);
	});

	it('Remix 4 sends counts, seed and image weight; Remix 4.5 also magic prompt and quality', () => {
		expect(parts(remix, 'ideogram-4', { imageWeight: 70, numImages: 3, seed: 5 })).toEqual([
			['prompt', 'a cat'],
			['num_images', '3'],
			['seed', '5'],
			['image_weight', '70'],
		]);
		expect(parts(remix, 'ideogram-4-5', { imageWeight: 70, magicPrompt: 'AUTO', quality: 'high' })).toEqual([
			['prompt', 'a cat'],
			['magic_prompt', 'auto'],
			['quality', 'high'],
			['image_weight', '70'],
		]);
		expect(errorOf(() => parts(remix, 'ideogram-4-5', { quality: 'very_low' }, 'a cat', 1)).message).toBe(
			`Quality: "very_low" is not one of the API's values (low, medium, high)`,
		);
	});

	it('adds webhook_url for a webhook, and leaves copyright detection out when it is off', () => {
		expect(parts(generate, 'ideogram-4-5', { webhookUrl: 'https://hooks.example.com/ideogram?x=1', enableCopyrightDetection: false })).toEqual([
			['prompt', 'a cat'],
			['webhook_url', 'https://hooks.example.com/ideogram?x=1'],
		]);
		expect(errorOf(() => parts(generate, 'ideogram-4-5', { webhookUrl: 'http://n8n.example.com/webhook' })).message).toMatch(/^Webhook URL: must be an https:\/\/ address/);
	});

	it('requires a prompt and checks ranges with the panel names', () => {
		expect(errorOf(() => parts(generate, 'ideogram-4-5', {}, '  ')).message).toBe('Prompt: is empty; write what the result should show');
		expect(errorOf(() => parts(generate, 'ideogram-4-5', { numImages: 9 })).message).toMatch(/^Number of Images: must be a whole number from 1 to 8/);
		expect(errorOf(() => parts(remix, 'ideogram-4', { imageWeight: 0 })).message).toMatch(/^Image Weight: /);
		expect(errorOf(() => parts(edit, 'ideogram-4-5', { seed: -1 })).message).toMatch(/^Seed: /);
	});

	it('size: auto, source only with source images, WIDTHxHEIGHT under the size rules; very_low only with source images', () => {
		expect(parts(generate, 'ideogram-4-5', { size: ' 1440 × 2880 ' })).toContainEqual(['size', '1440x2880']);
		expect(errorOf(() => parts(generate, 'ideogram-4-5', { size: 'source' })).message).toMatch(/needs Reference Images/);
		expect(parts(generate, 'ideogram-4-5', { size: 'source', quality: 'very_low' }, 'a cat', 1)).toEqual([
			['prompt', 'a cat'],
			['quality', 'very_low'],
			['size', 'source'],
		]);
		expect(errorOf(() => parts(generate, 'ideogram-4-5', { quality: 'very_low' })).message).toMatch(/^Quality: very_low needs source images/);
		expect(errorOf(() => parts(generate, 'ideogram-4-5', { size: '1000x1000' })).message).toMatch(/multiples of 32/);
		expect(errorOf(() => parts(generate, 'ideogram-4-5', { size: '2080x2048' })).message).toMatch(/at most 2048x2048 pixels/);
		expect(errorOf(() => parts(generate, 'ideogram-4-5', { size: '256x1600' })).message).toMatch(/at most 6:1/);
	});
});

describe('the new endpoints', () => {
	it('Ideogram 4.0 and 4.0 Transparent send typed JSON: numbers as numbers, switches as booleans', () => {
		const generate4 = endpointOf(generate, 'ideogram-4');
		const body = encodeBody(generate4.encoding, [], requestFields(generate4, { numImages: 2, seed: 9, renderingSpeed: 'TURBO', magicPrompt: 'ON', resolutionV4: '1440x2880', enableCopyrightDetection: true }, { prompt: 'a fox' }, 0));
		expect(body.contentType).toBe('application/json');
		expect(JSON.parse(body.body.toString())).toEqual({ prompt: 'a fox', magic_prompt: 'on', rendering_speed: 'turbo', resolution: '1440x2880', num_images: 2, seed: 9, enable_copyright_detection: true });
		expect(errorOf(() => requestFields(generate4, { renderingSpeed: 'FLASH' }, { prompt: 'x' }, 0)).field).toBe('Rendering Speed');
		expect(errorOf(() => requestFields(generate4, { resolutionV4: '1312x736' }, { prompt: 'x' }, 0)).field).toBe('Resolution');

		const transparent = endpointOf(generate, 'ideogram-4-transparent');
		const json = JSON.parse(encodeBody('json', [], requestFields(transparent, { outputResolution: '4k', aspectRatio: '4x1', numImages: '3' }, { prompt: 'a logo' }, 0)).body.toString());
		expect(json).toEqual({ prompt: 'a logo', output_resolution: '4k', aspect_ratio: '4x1', num_images: 3 });
	});

	it('Ideogram 3.0 Transparent spells the upscale factor as the v1 path does, and refuses x8 and 4.0 ratios', () => {
		expect(parts(generate, 'ideogram-3-transparent', { upscaleFactor: 'x2', aspectRatio: '16x9' })).toEqual([
			['prompt', 'a cat'],
			['upscale_factor', 'X2'],
			['aspect_ratio', '16x9'],
		]);
		expect(errorOf(() => parts(generate, 'ideogram-3-transparent', { upscaleFactor: 'x8' })).field).toBe('Upscale Factor');
		expect(errorOf(() => parts(generate, 'ideogram-3-transparent', { aspectRatio: '4x1' })).field).toBe('Aspect Ratio');
	});

	it.each([
		['auto', { upscaleFactor: 'x4', seed: 3 }, [['upscale_factor', 'x4'], ['seed', '3']]],
		['topaz-standard-2', { upscaleFactor: 'x8' }, [['upscale_factor', 'x8']]],
		['topaz-wonder-3-5', { upscaleFactor: 'x2', enhancementStrength: 'low' }, [['upscale_factor', 'x2'], ['enhancement_strength', 'low']]],
		['topaz-bloom-2', { prompt: 'crisp', creativity: 7 }, [['prompt', 'crisp'], ['creativity', '7']]],
		['nano-banana-pro', { resolutionTier: '4K', prompt: 'sharper' }, [['resolution_tier', '4K'], ['prompt', 'sharper']]],
	])('Upscale %s sends the options it takes', (model, options, expected) => {
		expect(parts(upscale, model, options as NodeSettings, undefined, 1)).toEqual(expected);
	});

	it('Upscale refuses options of other upscale models, and prompts over the model limit', () => {
		const settings: NodeSettings = { creativity: 5 };
		expect(errorOf(() => refuseOptionsOfOtherModels(upscale, endpointOf(upscale, 'topaz-wonder-3-5'), settings)).message).toBe(
			'Creativity: Topaz Wonder 3.5 upscale does not take this option; remove it, or choose a model that takes it',
		);
		expect(errorOf(() => refuseOptionsOfOtherModels(upscale, endpointOf(upscale, 'nano-banana-pro'), { upscaleFactor: 'x2' })).field).toBe('Upscale Factor');
		expect(errorOf(() => refuseOptionsOfOtherModels(upscale, endpointOf(upscale, 'auto'), { resemblance: 50 })).field).toBe('Resemblance');
		expect(errorOf(() => parts(upscale, 'topaz-redefine', { prompt: 'x'.repeat(1025) }, undefined, 1)).message).toBe('Prompt: is 1025 characters long; this model takes at most 1024');
		expect(() => parts(upscale, 'nano-banana-pro', { prompt: 'x'.repeat(2000) }, undefined, 1)).not.toThrow();
	});

	it('Describe 4.0 sends its switches on and off; neither Describe model can be priced', () => {
		expect(parts(describeImage, 'ideogram-4', { includeBbox: false, includeTags: true }, undefined, 1)).toEqual([
			['include_bbox', 'false'],
			['include_tags', 'true'],
		]);
		for (const model of ['ideogram-3', 'ideogram-4']) {
			expect(errorOf(() => requestMode(describeImage, endpointOf(describeImage, model), { estimateCost: true })).message).toMatch(
				/^Estimate Cost: Ideogram does not price Ideogram (3|4)\.0 Describe in advance \(it takes no dry_run\)/,
			);
		}
	});

	it('Replace Background 4.5 sends no prompt and at most 4 images; Remove Object and Generate Vector take no webhook', () => {
		expect(parts(replaceBackground, 'ideogram-4-5', { numImages: 4 }, 'ignored', 2)).toEqual([['num_images', '4']]);
		expect(errorOf(() => parts(replaceBackground, 'ideogram-4-5', { numImages: 5 }, undefined, 2)).message).toMatch(/^Number of Images: must be a whole number from 1 to 4/);
		expect(requestMode(removeObject, removeObject.endpoints[0], { webhookUrl: 'https://x.example' })).toBe('run');
		expect(parts(generateVector, 'ideogram-vector-1', { quality: 'low', numImages: 2 })).toEqual([['prompt', 'a cat'], ['quality', 'low'], ['num_images', '2']]);
		expect(errorOf(() => parts(generateVector, 'ideogram-vector-1', { quality: 'very_low' }, 'a cat', 1)).field).toBe('Quality');
	});
});

describe('options of the other models and the request mode', () => {
	it.each([
		['generate', generate, 'ideogram-4-5', 'styleType', 'STYLIZED'],
		['generate', generate, 'ideogram-4-5', 'colorPalette', { preset: { name: 'PASTEL' } }],
		['generate', generate, 'ideogram-4-5', 'negativePrompt', 'blur'],
		['edit', edit, 'ideogram-4-5', 'stylePreset', 'WATERCOLOR'],
		['edit', edit, 'ideogram-4-5', 'magicPrompt', 'AUTO'],
		['remix', remix, 'ideogram-4', 'magicPrompt', 'ON'],
		['remix', remix, 'ideogram-4', 'quality', 'high'],
		['remix', remix, 'ideogram-4', 'referenceImages', 'ref'],
		['edit', edit, 'ideogram-4-5', 'editEndpoint', 'inpaint'],
		['generate', generate, 'ideogram-3', 'quality', 'high'],
		['generate', generate, 'ideogram-3', 'webhookUrl', 'https://x.example'],
		['generate', generate, 'ideogram-3', 'enableCopyrightDetection', true],
	] as const)('%s with %s refuses %s by its panel name', (_name, definition, model, option, value) => {
		const error = errorOf(() => refuseOptionsOfOtherModels(definition, endpointOf(definition, model), { [option]: value }));
		expect(error.field).toBe(labelOf(option));
		expect(error.message).toMatch(/does not take this option; remove it, or choose a model that takes it$/);
	});

	it('accepts what the model takes, switches that are off, and options of other operations (as before)', () => {
		expect(() => refuseOptionsOfOtherModels(generate, endpointOf(generate, 'ideogram-4-5'), { numImages: 2, quality: 'high', estimateCost: true, timeout: 5 })).not.toThrow();
		expect(() => refuseOptionsOfOtherModels(generate, endpointOf(generate, 'ideogram-3'), { styleType: 'GENERAL', estimateCost: false, enableCopyrightDetection: false })).not.toThrow();
		expect(() => refuseOptionsOfOtherModels(generate, endpointOf(generate, 'ideogram-4-5'), { imageWeight: 50, resemblance: 3 })).not.toThrow();
	});

	it('a cost estimate wins over a webhook; Estimate Cost is refused where Ideogram does not price, ignored where never offered', () => {
		const generate45 = endpointOf(generate, 'ideogram-4-5');
		expect(requestMode(generate, generate45, {})).toBe('run');
		expect(requestMode(generate, generate45, { webhookUrl: 'https://x.example' })).toBe('webhook');
		expect(requestMode(generate, generate45, { estimateCost: true, webhookUrl: 'https://x.example' })).toBe('estimate');
		expect(errorOf(() => requestMode(generate, endpointOf(generate, 'ideogram-3'), { estimateCost: true })).field).toBe('Estimate Cost');
		// Reframe never offered Estimate Cost: a value left in its JSON by another operation is not read.
		expect(requestMode(reframe, reframe.endpoints[0], { estimateCost: true })).toBe('run');
	});
});
