import { BACKGROUND_REFERENCE, imageFile, V3_REFERENCE_LISTS } from '../catalogue/inputs';
import { IDEOGRAM_3, IDEOGRAM_4_5 } from '../catalogue/models';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_FILE_BYTES, MAX_TOOL_FILE_BYTES } from '../options/apiValues';

import { defineOperation } from './define';
import { fileProperties, imageSourceProperties, promptProperty } from './panel';

const ONLY_3 = { model: ['ideogram-3'] };

export const definition: OperationDefinition = {
	meta: {
		value: 'replaceBackground',
		name: 'Replace Background',
		action: 'Replace the background of an image',
		description: 'Keep the subject and paint a new background',
	},
	endpoints: [
		{
			...IDEOGRAM_3,
			path: '/v1/ideogram-v3/replace-background',
			encoding: 'multipart',
			files: [imageFile('image', MAX_FILE_BYTES)],
			fileLists: [V3_REFERENCE_LISTS[0]],
			prompt: {},
			fields: [
				'magicPrompt',
				'numImages',
				'seed',
				'renderingSpeed',
				'stylePreset',
				'colorPalette',
				'styleCodes',
			],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'images',
		},
		{
			...IDEOGRAM_4_5,
			modelDescription:
				'The background rebuilt from a reference photo; the official API (v2, asynchronous)',
			path: '/v2/image/replace-background/ideogram-4-5',
			encoding: 'multipart',
			files: [
				imageFile('image', MAX_TOOL_FILE_BYTES),
				{
					part: 'background_reference',
					input: BACKGROUND_REFERENCE,
					maxBytes: MAX_TOOL_FILE_BYTES,
				},
			],
			// Whether this model takes a prompt is unconfirmed: none is sent.
			fields: [{ option: 'numImages', range: [1, 4] }, 'webhookUrl'],
			timing: 'async',
			quote: true,
			webhook: true,
			answer: 'images',
		},
	],
	modelDefaults: [
		{ fromVersion: 1, model: 'ideogram-3' },
		{ fromVersion: 1.2, model: 'ideogram-4-5' },
	],
	properties: [
		...imageSourceProperties('Image'),
		...fileProperties(BACKGROUND_REFERENCE, {
			show: { model: ['ideogram-4-5'] },
			binaryPlaceholder: 'background',
			description:
				'A photo of the setting the new background should match (its people are not copied); JPEG, PNG or WebP up to 50 MB',
		}),
		{
			...promptProperty({
				description: 'The new background; Ideogram finds the foreground subject and keeps it',
				placeholder: 'A sunlit marble kitchen counter with soft shadows',
				hint: 'Describe only the new background; the subject in front is kept as it is',
			}),
			displayOptions: { show: ONLY_3 },
		},
	],
};

export const operation = defineOperation(definition);
