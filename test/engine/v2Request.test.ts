import {
	maxReferenceImages,
	referenceImagesField,
	refuseOptionsOfOtherModels,
	v2MagicPrompt,
	v2OptionsOf,
	v2Quality,
	v2ReferenceImages,
	v2RequestMode,
	v2Size,
	v2TextParts,
	v2WebhookUrl,
	type V2RequestInput,
} from '../../nodes/Ideogram/engine/v2Request';
import { errorOf, fields } from '../support/parts';

const LABELS: Record<string, string> = {
	styleType: 'Style Type',
	stylePreset: 'Style Preset',
	colorPalette: 'Color Palette',
	renderingSpeed: 'Rendering Speed',
	magicPrompt: 'Magic Prompt',
	negativePrompt: 'Negative Prompt',
	quality: 'Quality',
	size: 'Size',
	referenceImages: 'Reference Images',
	enableCopyrightDetection: 'Enable Copyright Detection',
	estimateCost: 'Estimate Cost',
	webhookUrl: 'Webhook URL',
};
const labelOf = (name: string) => LABELS[name] ?? name;

// The 3.0 options of each operation (as its spec lists them today).
const GENERATE_3 = ['aspectRatio', 'resolution', 'magicPrompt', 'negativePrompt', 'numImages', 'seed', 'renderingSpeed', 'styleType', 'stylePreset', 'customModelUri', 'colorPalette', 'styleCodes', 'styleReferenceImages', 'characterReferenceImages', 'characterReferenceImageMasks'];
const EDIT_3 = ['magicPrompt', 'numImages', 'seed', 'renderingSpeed', 'styleType', 'stylePreset', 'customModelUri', 'colorPalette', 'styleCodes', 'styleReferenceImages', 'characterReferenceImages', 'characterReferenceImageMasks'];
const REMIX_3 = ['imageWeight', ...GENERATE_3];


function parts(input: Partial<V2RequestInput> & Pick<V2RequestInput, 'operation' | 'model'>) {
	return fields(v2TextParts({ prompt: 'a cat', options: {}, referenceImageCount: 0, ...input }));
}

describe('v2 text parts per model and operation', () => {
	it('Generate 4.5 sends prompt, lower-case magic prompt, counts, quality, size, copyright detection', () => {
		expect(
			parts({
				operation: 'generate',
				model: 'ideogram-4-5',
				options: { magicPrompt: 'OFF', numImages: 2, seed: 7, quality: 'medium', size: '1024x1024', enableCopyrightDetection: true },
			}),
		).toEqual([
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
		expect(parts({ operation: 'edit', model: 'ideogram-4-5', options: { numImages: 1, quality: 'very_low', seed: 0 }, referenceImageCount: 0 })).toEqual([
			['prompt', 'a cat'],
			['num_images', '1'],
			['seed', '0'],
			['quality', 'very_low'],
		]);
	});

	it('Remix 4 sends image weight, counts and seed; Remix 4.5 also magic prompt and quality', () => {
		expect(parts({ operation: 'remix', model: 'ideogram-4', options: { imageWeight: 70, numImages: 3, seed: 5 } })).toEqual([
			['prompt', 'a cat'],
			['num_images', '3'],
			['seed', '5'],
			['image_weight', '70'],
		]);
		expect(parts({ operation: 'remix', model: 'ideogram-4-5', options: { imageWeight: 70, magicPrompt: 'AUTO', quality: 'high' } })).toEqual([
			['prompt', 'a cat'],
			['magic_prompt', 'auto'],
			['quality', 'high'],
			['image_weight', '70'],
		]);
	});

	it('adds webhook_url for a webhook, and leaves copyright detection out when it is off', () => {
		expect(parts({ operation: 'generate', model: 'ideogram-4-5', options: { webhookUrl: 'https://hooks.example.com/ideogram?x=1', enableCopyrightDetection: false } })).toEqual([
			['prompt', 'a cat'],
			['webhook_url', 'https://hooks.example.com/ideogram?x=1'],
		]);
	});

	it('requires a prompt', () => {
		expect(errorOf(() => parts({ operation: 'generate', model: 'ideogram-4-5', prompt: '  ' })).message).toBe('Prompt: is required: describe the result you want');
	});

	it('checks ranges with the panel names', () => {
		expect(errorOf(() => parts({ operation: 'generate', model: 'ideogram-4-5', options: { numImages: 9 } })).message).toMatch(/^Number of Images: must be a whole number from 1 to 8/);
		expect(errorOf(() => parts({ operation: 'remix', model: 'ideogram-4', options: { imageWeight: 0 } })).message).toMatch(/^Image Weight: /);
		expect(errorOf(() => parts({ operation: 'edit', model: 'ideogram-4-5', options: { seed: -1 } })).message).toMatch(/^Seed: /);
	});
});

describe('the options each 4.x model takes', () => {
	it('lists request-mode options for every 4.x model', () => {
		expect(v2OptionsOf('remix', 'ideogram-4')).toEqual(['imageWeight', 'numImages', 'seed', 'enableCopyrightDetection', 'estimateCost', 'webhookUrl']);
	});

	it.each([
		['generate', 'ideogram-4-5', GENERATE_3, 'styleType', 'STYLIZED', 'Style Type'],
		['generate', 'ideogram-4-5', GENERATE_3, 'colorPalette', { preset: { name: 'PASTEL' } }, 'Color Palette'],
		['generate', 'ideogram-4-5', GENERATE_3, 'renderingSpeed', 'TURBO', 'Rendering Speed'],
		['generate', 'ideogram-4-5', GENERATE_3, 'negativePrompt', 'blur', 'Negative Prompt'],
		['edit', 'ideogram-4-5', EDIT_3, 'stylePreset', 'WATERCOLOR', 'Style Preset'],
		['edit', 'ideogram-4-5', EDIT_3, 'magicPrompt', 'AUTO', 'Magic Prompt'],
		['remix', 'ideogram-4', REMIX_3, 'magicPrompt', 'ON', 'Magic Prompt'],
		['remix', 'ideogram-4-5', REMIX_3, 'styleType', 'DESIGN', 'Style Type'],
	] as const)('%s with %s refuses the 3.0 option %s by its panel name', (operation, model, own, option, value, label) => {
		const error = errorOf(() => refuseOptionsOfOtherModels(operation, model, { [option]: value }, [...own], labelOf));
		expect(error.field).toBe(label);
		expect(error.message).toMatch(/does not take this option \(it is for Ideogram 3\.0\)/);
	});

	it('refuses a 4.x option the chosen 4.x model does not document (Remix 4.0: quality, references)', () => {
		expect(errorOf(() => refuseOptionsOfOtherModels('remix', 'ideogram-4', { quality: 'high' }, REMIX_3, labelOf)).message).toBe(
			'Quality: Ideogram 4.0 Remix does not take this option (it is for another 4.x model); remove it, or choose a model that takes it',
		);
		expect(errorOf(() => refuseOptionsOfOtherModels('remix', 'ideogram-4', { referenceImages: 'ref' }, REMIX_3, labelOf)).field).toBe('Reference Images');
		expect(errorOf(() => refuseOptionsOfOtherModels('edit', 'ideogram-4-5', { size: 'auto' }, EDIT_3, labelOf)).field).toBe('Size');
	});

	it.each(['quality', 'size', 'referenceImages', 'enableCopyrightDetection', 'estimateCost', 'webhookUrl'])('Ideogram 3.0 refuses the 4.x option %s', (option) => {
		const value = option === 'enableCopyrightDetection' || option === 'estimateCost' ? true : 'x';
		const error = errorOf(() => refuseOptionsOfOtherModels('generate', 'ideogram-3', { [option]: value }, GENERATE_3, labelOf));
		expect(error.field).toBe(labelOf(option));
		expect(error.message).toMatch(/is an option of the Ideogram 4\.x models, and Model is Ideogram 3\.0/);
	});

	it('accepts what the model takes, booleans that are off, and options of other operations (as before)', () => {
		expect(() => refuseOptionsOfOtherModels('generate', 'ideogram-4-5', { numImages: 2, quality: 'high', estimateCost: true, timeout: 5 }, GENERATE_3, labelOf)).not.toThrow();
		expect(() => refuseOptionsOfOtherModels('generate', 'ideogram-3', { styleType: 'GENERAL', estimateCost: false, enableCopyrightDetection: false }, GENERATE_3, labelOf)).not.toThrow();
		// imageWeight is Remix's; a value left from another operation in Generate's JSON stays ignored.
		expect(() => refuseOptionsOfOtherModels('generate', 'ideogram-4-5', { imageWeight: 50, resemblance: 3 }, GENERATE_3, labelOf)).not.toThrow();
	});
});

describe('v2 values', () => {
	it('magic prompt in lower case', () => {
		expect(['AUTO', 'ON', 'OFF', 'auto'].map(v2MagicPrompt)).toEqual(['auto', 'on', 'off', 'auto']);
		expect(errorOf(() => v2MagicPrompt('MAYBE')).message).toMatch(/^Magic Prompt: /);
	});

	it('quality: four levels, very_low only with source images, Remix without very_low', () => {
		expect(v2Quality('generate', 'low', false)).toBe('low');
		expect(v2Quality('generate', 'very_low', true)).toBe('very_low');
		expect(errorOf(() => v2Quality('generate', 'very_low', false)).message).toMatch(/^Quality: very_low needs source images/);
		expect(errorOf(() => v2Quality('remix', 'very_low', true)).message).toBe('Quality: "very_low" is not one of low, medium, high');
		expect(errorOf(() => v2Quality('edit', 'HIGH', true)).field).toBe('Quality');
	});

	it('size: auto, source with source images, or WIDTHxHEIGHT under the size rules', () => {
		expect(v2Size('auto', false)).toBe('auto');
		expect(v2Size(' 1440 × 2880 ', false)).toBe('1440x2880');
		expect(v2Size('2048X2048', false)).toBe('2048x2048');
		expect(v2Size('source', true)).toBe('source');
		expect(errorOf(() => v2Size('source', false)).message).toMatch(/needs Reference Images/);
		expect(errorOf(() => v2Size('1000x1000', false)).message).toMatch(/multiples of 32/);
		expect(errorOf(() => v2Size('224x1024', false)).message).toMatch(/at least 256/);
		expect(errorOf(() => v2Size('2080x2048', false)).message).toMatch(/at most 2048x2048 pixels/);
		expect(errorOf(() => v2Size('256x1600', false)).message).toMatch(/at most 6:1/);
		expect(v2Size('256x1536', false)).toBe('256x1536');
		expect(errorOf(() => v2Size('big', false)).message).toBe('Size: "big" is not auto, source or WIDTHxHEIGHT such as 1024x1024');
	});

	it('Generate: source and very_low become valid once Reference Images are sent', () => {
		expect(parts({ operation: 'generate', model: 'ideogram-4-5', options: { size: 'source', quality: 'very_low' }, referenceImageCount: 1 })).toEqual([
			['prompt', 'a cat'],
			['quality', 'very_low'],
			['size', 'source'],
		]);
	});

	it('webhook URL: HTTPS only', () => {
		expect(v2WebhookUrl(' https://n8n.example.com/webhook-waiting/42 ')).toBe('https://n8n.example.com/webhook-waiting/42');
		expect(errorOf(() => v2WebhookUrl('http://n8n.example.com/webhook')).message).toMatch(/^Webhook URL: must be an https:\/\/ address/);
		expect(errorOf(() => v2WebhookUrl('n8n.example.com')).field).toBe('Webhook URL');
	});

	it('reference images: the field and the documented counts', () => {
		expect(referenceImagesField('generate')).toBe('images');
		expect(referenceImagesField('edit')).toBe('reference_images');
		expect(referenceImagesField('remix')).toBe('reference_images');
		expect([maxReferenceImages('generate', false), maxReferenceImages('edit', false), maxReferenceImages('edit', true), maxReferenceImages('remix', false)]).toEqual([5, 4, 3, 4]);
		expect(v2ReferenceImages('generate', 'a, b,\nhttps://x.example/c.png', false)).toEqual(['a', 'b', 'https://x.example/c.png']);
		expect(errorOf(() => v2ReferenceImages('generate', 'a,b,c,d,e,f', false)).message).toBe('Reference Images: 6 images given; at most 5 are allowed');
		expect(errorOf(() => v2ReferenceImages('edit', 'a,b,c,d', true)).message).toBe('Reference Images: 4 images given; with a mask at most 3 are allowed');
		expect(v2ReferenceImages('edit', 'a,b,c,d', false)).toHaveLength(4);
		expect(errorOf(() => v2ReferenceImages('remix', 'a,b,c,d,e', false)).field).toBe('Reference Images');
	});

	it('the request mode: a cost estimate wins over a webhook', () => {
		expect(v2RequestMode({})).toBe('run');
		expect(v2RequestMode({ webhookUrl: 'https://x.example' })).toBe('webhook');
		expect(v2RequestMode({ estimateCost: true, webhookUrl: 'https://x.example' })).toBe('estimate');
		expect(v2RequestMode({ estimateCost: false })).toBe('run');
	});
});
