import { imageFile } from '../catalogue/inputs';
import type { Endpoint, FieldSpelling, OperationDefinition } from '../catalogue/types';
import { MAX_FILE_BYTES, MAX_TOOL_FILE_BYTES } from '../options/apiValues';
import type { OptionName } from '../options/definitions';

import { defineOperation } from './define';
import { imageSourceProperties } from './panel';

/** An upscale model on `POST /v2/image/upscale/{model}`: sync unless a Webhook URL makes it deliver there. */
function upscaleModel(
	model: string,
	modelName: string,
	modelDescription: string,
	fields: Array<OptionName | FieldSpelling>,
): Endpoint {
	const byFactor = fields.includes('upscaleFactor');
	return {
		model,
		modelName,
		modelDescription,
		runs: `${modelName} upscale`,
		path: `/v2/image/upscale/${model}`,
		encoding: 'multipart',
		files: [imageFile('image', MAX_TOOL_FILE_BYTES)],
		fields: [...fields, 'webhookUrl'],
		timing: 'either',
		quote: true,
		webhook: true,
		answer: 'images',
		// Every factor-sized model refuses outputs over 8192 pixels a side (Nano Banana Pro sizes by tier instead).
		...(byFactor ? { outputScale: { option: 'upscaleFactor', unset: 'x2', maxSide: 8192 } } : {}),
	};
}

export const definition: OperationDefinition = {
	meta: {
		value: 'upscale',
		name: 'Upscale',
		action: 'Upscale an image',
		description: 'Enlarge an image and add detail',
	},
	endpoints: [
		{
			model: 'legacy',
			modelName: 'Legacy Upscaler',
			modelDescription:
				'POST /upscale (v1): the official API and gateways; what nodes saved before the Model parameter send',
			path: '/upscale',
			encoding: 'imageRequest',
			files: [imageFile('image_file', MAX_FILE_BYTES)],
			fields: ['prompt', 'resemblance', 'detail', 'magicPrompt', 'numImages', 'seed'],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'images',
		},
		upscaleModel(
			'auto',
			'Auto',
			'Ideogram picks the upscaler for each image (the choice may change over time)',
			['upscaleFactor', 'seed'],
		),
		upscaleModel(
			'topaz-standard-2',
			'Topaz Standard V2',
			'Faithful: sharpens the whole image and stays close to it',
			['upscaleFactor'],
		),
		upscaleModel(
			'topaz-text-refine',
			'Topaz Text Refine',
			'Faithful: keeps large and small lettering sharp',
			['upscaleFactor', 'seed'],
		),
		upscaleModel(
			'topaz-wonder-3-5',
			'Topaz Wonder 3.5',
			'Adds detail, as strongly as Enhancement Strength says',
			['upscaleFactor', 'enhancementStrength', 'seed'],
		),
		upscaleModel(
			'topaz-bloom-2',
			'Topaz Bloom 2',
			'Creative: adds new fine detail, guided by an optional prompt',
			['upscaleFactor', { option: 'prompt', maxLength: 1024 }, 'creativity', 'seed'],
		),
		upscaleModel(
			'topaz-redefine',
			'Topaz Redefine',
			'Creative: redraws the most, guided by an optional prompt',
			['upscaleFactor', { option: 'prompt', maxLength: 1024 }, 'creativity', 'seed'],
		),
		upscaleModel(
			'nano-banana-pro',
			'Nano Banana Pro',
			'Regenerates the image at a 1K, 2K or 4K tier, keeping content and composition',
			['resolutionTier', { option: 'prompt', maxLength: 2000 }, 'seed'],
		),
	],
	modelDefaults: [
		{ fromVersion: 1, model: 'legacy' },
		{ fromVersion: 1.2, model: 'auto' },
	],
	properties: imageSourceProperties('Image', 50),
};

export const operation = defineOperation(definition);
