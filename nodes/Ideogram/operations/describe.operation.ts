import { imageFile } from '../catalogue/inputs';
import { IDEOGRAM_3, IDEOGRAM_4 } from '../catalogue/models';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_FILE_BYTES } from '../options/apiValues';

import { defineOperation } from './define';
import { imageSourceProperties } from './panel';

export const definition: OperationDefinition = {
	meta: {
		value: 'describe',
		name: 'Describe',
		action: 'Describe an image',
		description: 'Get text descriptions of an image, or a structured prompt ready for Generate',
	},
	// Describe is never priced (neither path declares dry_run) and always answers at once.
	endpoints: [
		{
			...IDEOGRAM_3,
			modelDescription: 'POST /describe (v1): text descriptions; the official API and gateways',
			path: '/describe',
			encoding: 'multipart',
			files: [imageFile('image_file', MAX_FILE_BYTES)],
			fields: ['describeModelVersion'],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'descriptions',
		},
		{
			...IDEOGRAM_4,
			modelDescription:
				'A structured prompt (json_prompt) that Generate with Ideogram 4.x takes as its prompt; the official API',
			path: '/v2/image/describe/ideogram-4',
			encoding: 'multipart',
			files: [imageFile('image', MAX_FILE_BYTES)],
			fields: ['includeBbox', 'includeStyleDescriptions', 'includeTags'],
			timing: 'sync',
			quote: false,
			webhook: false,
			answer: 'jsonPrompt',
		},
	],
	modelDefaults: [
		{ fromVersion: 1, model: 'ideogram-3' },
		{ fromVersion: 1.2, model: 'ideogram-4' },
	],
	properties: imageSourceProperties('Image'),
};

export const operation = defineOperation(definition);
