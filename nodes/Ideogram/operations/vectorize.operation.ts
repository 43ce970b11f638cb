import { imageFile } from '../catalogue/inputs';
import type { OperationDefinition } from '../catalogue/types';
import { MAX_TOOL_FILE_BYTES } from '../options/apiValues';

import { defineOperation } from './define';
import { imageSourceProperties } from './panel';

export const definition: OperationDefinition = {
	meta: {
		value: 'vectorize',
		name: 'Vectorize',
		action: 'Convert an image to SVG',
		description: 'Trace an image (a logo, an icon, a drawing) into an SVG vector graphic',
	},
	endpoints: [
		{
			model: 'ideogram-vector-1',
			modelName: 'Ideogram Vector 1.0',
			path: '/v2/svg/vectorize/ideogram-vector-1',
			encoding: 'multipart',
			files: [imageFile('image', MAX_TOOL_FILE_BYTES)],
			fields: ['webhookUrl'],
			timing: 'async',
			quote: true,
			webhook: true,
			answer: 'svgs',
		},
	],
	properties: imageSourceProperties('Image', 50),
};

export const operation = defineOperation(definition);
