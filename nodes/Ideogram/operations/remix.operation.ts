import { imageFile, referenceImages, V3_REFERENCE_LISTS } from '../catalogue/inputs';
import { IDEOGRAM_3, IDEOGRAM_4, IDEOGRAM_4_5, IDEOGRAM_3_STYLE_FIELDS, NEWEST_FROM_VERSION_1_1 } from '../catalogue/models';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_FILE_BYTES, MAX_LARGE_FILE_BYTES } from '../options/apiValues';

import { defineOperation } from './define';
import { imageSourceProperties, promptProperty } from './panel';

export const definition: OperationDefinition = {
	meta: {
		value: 'remix',
		name: 'Remix',
		action: 'Remix an image',
		description: 'Make new images guided by an image and a prompt',
	},
	endpoints: [
		{
			...IDEOGRAM_3,
			path: '/v1/ideogram-v3/remix',
			encoding: 'multipart',
			files: [imageFile('image', MAX_FILE_BYTES)],
			fileLists: V3_REFERENCE_LISTS,
			prompt: {},
			fields: [
				'imageWeight',
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
			...IDEOGRAM_4,
			path: '/v2/image/remix/ideogram-4',
			encoding: 'multipart',
			files: [imageFile('image', MAX_LARGE_FILE_BYTES)],
			prompt: {},
			// Remix 4.0 always reads the prompt as an edit instruction: no Magic Prompt, quality or references.
			fields: ['numImages', 'seed', 'imageWeight', 'enableCopyrightDetection', 'webhookUrl'],
			timing: 'either',
			quote: true,
			webhook: true,
			answer: 'images',
		},
		{
			...IDEOGRAM_4_5,
			path: '/v2/image/remix/ideogram-4-5',
			encoding: 'multipart',
			files: [imageFile('image', MAX_LARGE_FILE_BYTES)],
			fileLists: [referenceImages('reference_images', 4)],
			prompt: {},
			fields: [
				{ option: 'magicPrompt', letterCase: 'lower' },
				'numImages',
				'seed',
				{ option: 'quality', values: ['low', 'medium', 'high'] },
				'imageWeight',
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
		...imageSourceProperties('Image'),
		promptProperty({
			description:
				'What the remixed image should show; the input image guides composition and colors',
			placeholder: 'The same scene as a loose watercolor painting',
			hint: 'Describe the whole result; Image Weight (in Options) sets how closely it follows the input',
		}),
	],
};

export const operation = defineOperation(definition);
