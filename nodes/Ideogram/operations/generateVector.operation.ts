import { referenceImages } from '../catalogue/inputs';
import type { OperationDefinition } from '../catalogue/types';

import { defineOperation } from './define';
import { promptProperty } from './panel';

export const definition: OperationDefinition = {
	meta: {
		value: 'generateVector',
		name: 'Generate Vector',
		action: 'Generate an SVG',
		description: 'Create SVG vector graphics (logos, icons, illustrations) from a prompt',
	},
	endpoints: [
		{
			model: 'ideogram-vector-1',
			modelName: 'Ideogram Vector 1.0',
			path: '/v2/svg/generate/ideogram-vector-1',
			encoding: 'multipart',
			files: [],
			// The first image is the primary source, the others references.
			fileLists: [referenceImages('images', 5)],
			prompt: { maxLength: 9500 },
			fields: [{ option: 'quality', values: ['low', 'medium', 'high'] }, 'numImages', 'seed'],
			// Always asynchronous; whether it takes a webhook is unconfirmed, so the node polls.
			timing: 'async',
			quote: true,
			webhook: false,
			answer: 'svgs',
		},
	],
	properties: [
		promptProperty({
			description: 'What the vector graphic should show',
			placeholder: 'A minimal fox logo, flat orange and white shapes, with the word "Fennec" below',
			hint: 'Describe the shapes and colours; put any words the graphic should contain in quotes',
		}),
	],
};

export const operation = defineOperation(definition);
