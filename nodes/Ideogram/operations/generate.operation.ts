import { referenceImages, V3_REFERENCE_LISTS } from '../catalogue/inputs';
import { IDEOGRAM_3, IDEOGRAM_4, IDEOGRAM_4_5, IDEOGRAM_3_STYLE_FIELDS, NEWEST_FROM_VERSION_1_1 } from '../catalogue/models';
import type { OperationDefinition } from '../catalogue/types';
import { ASPECT_RATIOS_V4, RENDERING_SPEEDS_V2 } from '../options/apiValues';

import { defineOperation } from './define';
import { promptProperty } from './panel';

/** The v2 paths spell Magic Prompt and Rendering Speed in lower case. */
const MAGIC_PROMPT_V2 = { option: 'magicPrompt', letterCase: 'lower' } as const;
const RENDERING_SPEED_V2 = {
	option: 'renderingSpeed',
	letterCase: 'lower',
	values: RENDERING_SPEEDS_V2,
} as const;

export const definition: OperationDefinition = {
	meta: {
		value: 'generate',
		name: 'Generate',
		action: 'Generate an image',
		description: 'Create images from a prompt',
	},
	endpoints: [
		{
			...IDEOGRAM_3,
			path: '/v1/ideogram-v3/generate',
			encoding: 'multipart',
			files: [],
			fileLists: V3_REFERENCE_LISTS,
			prompt: {},
			fields: [
				'aspectRatio',
				'resolution',
				'magicPrompt',
				'negativePrompt',
				'numImages',
				'seed',
				'renderingSpeed',
				...IDEOGRAM_3_STYLE_FIELDS,
			],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'images',
		},
		{
			model: 'ideogram-3-transparent',
			modelName: 'Ideogram 3.0 Transparent',
			modelDescription:
				'PNGs on a transparent background, on the v1 path: the official API and gateways',
			path: '/v1/ideogram-v3/generate-transparent',
			encoding: 'multipart',
			files: [],
			prompt: {},
			fields: [
				// The v1 path spells the factor X1, X2, X4.
				{ option: 'upscaleFactor', values: ['x1', 'x2', 'x4'], letterCase: 'upper' },
				'aspectRatio',
				'magicPrompt',
				'negativePrompt',
				'numImages',
				'seed',
				'renderingSpeed',
				'customModelUri',
			],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'images',
		},
		{
			...IDEOGRAM_4,
			path: '/v2/image/generate/ideogram-4',
			encoding: 'json',
			files: [],
			prompt: { maxLength: 10000 },
			fields: [
				MAGIC_PROMPT_V2,
				RENDERING_SPEED_V2,
				'resolutionV4',
				'numImages',
				'seed',
				'enableCopyrightDetection',
				'webhookUrl',
			],
			timing: 'either',
			quote: true,
			webhook: true,
			answer: 'images',
		},
		{
			model: 'ideogram-4-transparent',
			modelName: 'Ideogram 4.0 Transparent',
			modelDescription: 'PNGs on a transparent background, on the v2 path: the official API',
			path: '/v2/image/generate/ideogram-4-transparent',
			encoding: 'json',
			files: [],
			prompt: { maxLength: 10000 },
			fields: [
				'outputResolution',
				{ option: 'aspectRatio', values: ASPECT_RATIOS_V4 },
				RENDERING_SPEED_V2,
				MAGIC_PROMPT_V2,
				'numImages',
				'seed',
				'enableCopyrightDetection',
				'webhookUrl',
			],
			timing: 'either',
			quote: true,
			webhook: true,
			answer: 'images',
		},
		{
			...IDEOGRAM_4_5,
			path: '/v2/image/generate/ideogram-4-5',
			encoding: 'multipart',
			files: [],
			// Generate sends its source images as `images`: Ideogram edits the first and uses the others as references.
			fileLists: [referenceImages('images', 5)],
			prompt: {},
			fields: [
				MAGIC_PROMPT_V2,
				'numImages',
				'seed',
				'quality',
				'size',
				'enableCopyrightDetection',
				'webhookUrl',
			],
			timing: 'either',
			quote: true,
			webhook: true,
			answer: 'images',
		},
	],
	modelDefaults: NEWEST_FROM_VERSION_1_1,
	properties: [
		promptProperty({
			description: 'What the image should show',
			placeholder: 'A red vintage car parked on a sunny street, poster with the title "Road Trip"',
			hint: 'Describe the whole picture; put any words the image should contain in quotes',
		}),
	],
};

export const operation = defineOperation(definition);
