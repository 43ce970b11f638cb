import type { Endpoint } from '../../nodes/Ideogram/catalogue/types';
import { fieldParts, imageRequestPart } from '../../nodes/Ideogram/engine/encode';
import { requestFields } from '../../nodes/Ideogram/engine/fields';
import type { MultipartPart } from '../../nodes/Ideogram/media/multipart';
import { definition as upscale } from '../../nodes/Ideogram/operations/upscale.operation';
import type { NodeSettings, OptionName } from '../../nodes/Ideogram/options/definitions';
import { colorPalette, parseCustomColors, parseStyleCodes } from '../../nodes/Ideogram/options/validators';
import { errorOf, fields } from '../support/parts';

const REMIX: OptionName[] = ['imageWeight', 'aspectRatio', 'resolution', 'negativePrompt', 'numImages', 'seed', 'renderingSpeed', 'magicPrompt', 'styleType', 'stylePreset', 'colorPalette', 'styleCodes'];

interface TextInput {
	prompt?: unknown;
	/** Reframe's top-level resolution. */
	resolution?: string;
	options: NodeSettings;
}

/** A multipart endpoint that takes `accepted` options (and style references, as Remix does). */
function endpointTaking(accepted: OptionName[], promptRequired: boolean, resolutionParameter: boolean): Endpoint {
	return {
		model: 'test',
		modelName: 'Test',
		path: '/test',
		encoding: 'multipart',
		files: [],
		fileLists: [{ option: 'styleReferenceImages', part: 'style_reference_images', maxBytes: 1 }],
		...(promptRequired ? { prompt: {} } : {}),
		...(resolutionParameter ? { parameters: [{ parameter: 'resolution', option: 'resolution' as const }] } : {}),
		fields: accepted,
		timing: 'sync',
		quote: false,
		webhook: false,
		answer: 'images',
	};
}

/** The multipart text parts of an endpoint that takes `accepted` options. */
function textParts(input: TextInput, accepted: OptionName[], promptRequired: boolean): MultipartPart[] {
	const endpoint = endpointTaking(accepted, promptRequired, input.resolution !== undefined);
	return fieldParts(requestFields(endpoint, input.options, { prompt: input.prompt, parameters: { resolution: input.resolution } }, 0));
}

function upscaleRequestPart(options: NodeSettings): MultipartPart {
	return imageRequestPart(requestFields(upscale.endpoints[0], options, {}, 1));
}

describe('textParts', () => {
	it('maps every option to the API field name and value, in the accepted order', () => {
		const parts = textParts(
			{
				prompt: 'a red car',
				options: {
					imageWeight: 70, aspectRatio: '16x9', negativePrompt: 'blur', numImages: 3, seed: 0,
					renderingSpeed: 'TURBO', magicPrompt: 'OFF', stylePreset: 'WATERCOLOR',
					colorPalette: { preset: { name: 'EMBER' } },
				},
			},
			REMIX,
			true,
		);
		expect(fields(parts)).toEqual([
			['prompt', 'a red car'],
			['image_weight', '70'],
			['aspect_ratio', '16x9'],
			['negative_prompt', 'blur'],
			['num_images', '3'],
			['seed', '0'],
			['rendering_speed', 'TURBO'],
			['magic_prompt', 'OFF'],
			['style_preset', 'WATERCOLOR'],
			['color_palette', '{"name":"EMBER"}'],
		]);
		expect(parts.find((part) => part.field === 'color_palette')?.contentType).toBe('application/json');
	});

	it('drops options the endpoint does not accept (values left over from another operation)', () => {
		const parts = textParts({ prompt: 'x', options: { negativePrompt: 'blur', imageWeight: 10, seed: 5 } }, ['seed'], true);
		expect(fields(parts)).toEqual([['prompt', 'x'], ['seed', '5']]);
	});

	it('sends style codes as repeated parts', () => {
		const parts = textParts({ prompt: 'x', options: { styleCodes: 'AAFF5733, 0133ff57\n12345678' } }, REMIX, true);
		expect(fields(parts).filter(([field]) => field === 'style_codes').map(([, value]) => value)).toEqual(['AAFF5733', '0133ff57', '12345678']);
	});

	it('sends the top-level resolution of reframe', () => {
		expect(fields(textParts({ resolution: '1312x736', options: {} }, [], false))).toEqual([['resolution', '1312x736']]);
	});

	it.each([
		[{ prompt: '  ', options: {} }, 'Prompt', 'is empty'],
		[{ prompt: 'x', options: { aspectRatio: '1x1', resolution: '1024x1024' } }, 'Aspect Ratio', 'cannot be used together with Resolution'],
		[{ prompt: 'x', options: { styleCodes: 'AAFF5733', styleType: 'GENERAL' } }, 'Style Codes', 'Style Type'],
		[{ prompt: 'x', options: { styleCodes: 'AAFF573' } }, 'Style Codes', '"AAFF573" is not a style code'],
		[{ prompt: 'x', options: { numImages: 9 } }, 'Number of Images', 'from 1 to 8, got 9'],
		[{ prompt: 'x', options: { numImages: 1.5 } }, 'Number of Images', 'whole number'],
		[{ prompt: 'x', options: { seed: -1 } }, 'Seed', 'from 0 to 2147483647'],
		[{ prompt: 'x', options: { imageWeight: 0 } }, 'Image Weight', 'from 1 to 100'],
		[{ prompt: 'x', options: { renderingSpeed: 'FAST' } }, 'Rendering Speed', '"FAST" is not one of'],
		[{ prompt: 'x', options: { aspectRatio: '16:9' } }, 'Aspect Ratio', '"16:9" is not one of'],
		[{ prompt: 'x', options: { resolution: '1000x1000' } }, 'Resolution', '"1000x1000"'],
		[{ prompt: 'x', options: { colorPalette: { custom: { members: 'red' } } } }, 'Color Palette', '"red" is not a color'],
	])('rejects %j with a message naming %s', (input, field, message) => {
		const error = errorOf(() => textParts(input as never, REMIX, true));
		expect(error.field).toBe(field);
		expect(error.message).toContain(field);
		expect(error.message).toContain(message);
	});

	it('rejects style codes together with style reference images', () => {
		const error = errorOf(() => textParts({ prompt: 'x', options: { styleCodes: 'AAFF5733', styleReferenceImages: 'style1' } }, REMIX, true));
		expect(error.message).toContain('Style Reference Images');
	});

	it('accepts numbers given as text by an expression', () => {
		expect(fields(textParts({ prompt: 'x', options: { numImages: '2' as never } }, REMIX, true))).toContainEqual(['num_images', '2']);
	});
});

describe('color palettes', () => {
	it('builds members with optional weights', () => {
		expect(parseCustomColors('#FF5733:0.6, #abc, #33C1FF:0.4')).toEqual([
			{ color_hex: '#FF5733', color_weight: 0.6 },
			{ color_hex: '#abc' },
			{ color_hex: '#33C1FF', color_weight: 0.4 },
		]);
		expect(JSON.stringify(colorPalette({ custom: { members: '#000000' } }))).toBe('{"members":[{"color_hex":"#000000"}]}');
	});

	it('rejects a weight out of range, more than eight colors, and preset plus custom', () => {
		expect(errorOf(() => parseCustomColors('#FF5733:2')).message).toContain('between 0.05 and 1');
		expect(errorOf(() => parseCustomColors(Array(9).fill('#000').join(','))).message).toContain('1 to 8 entries');
		expect(errorOf(() => colorPalette({ preset: { name: 'EMBER' }, custom: { members: '#000' } })).message).toContain('either a preset or custom');
		expect(errorOf(() => colorPalette({ preset: { name: 'RAINBOW' } })).message).toContain('"RAINBOW"');
	});

	it('sends nothing when no palette is set', () => {
		expect(colorPalette({})).toBeUndefined();
		expect(colorPalette(undefined)).toBeUndefined();
	});
});

describe('style codes and upscale', () => {
	it('parses a list and rejects bad codes', () => {
		expect(parseStyleCodes(['AAFF5733', ' 0133FF57 '])).toEqual(['AAFF5733', '0133FF57']);
		expect(() => parseStyleCodes('XYZ12345')).toThrow('8 hexadecimal characters');
	});

	it('folds upscale settings into one image_request JSON part with the legacy names', () => {
		const part = upscaleRequestPart({ prompt: 'sharper', resemblance: 60, detail: 90, magicPrompt: 'OFF', numImages: 2, seed: 7 });
		expect(part.field).toBe('image_request');
		expect(part.contentType).toBe('application/json');
		expect(JSON.parse(part.value as string)).toEqual({ prompt: 'sharper', resemblance: 60, detail: 90, magic_prompt_option: 'OFF', num_images: 2, seed: 7 });
		expect(JSON.parse(upscaleRequestPart({}).value as string)).toEqual({});
		expect(() => upscaleRequestPart({ detail: 101 })).toThrow('Detail: must be a whole number from 1 to 100');
	});
});
