import { imageSourceProperties, optionCollections, promptProperty } from './panel';
import { multipartOperation } from './define';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'replaceBackground',
	name: 'Replace Background',
	action: 'Replace the background of an image',
	description: 'Keep the subject and paint a new background',
};

export const spec: OperationSpec = {
	path: () => '/v1/ideogram-v3/replace-background',
	imageField: 'image',
	prompt: true,
	options: ['magicPrompt', 'numImages', 'seed', 'renderingSpeed', 'stylePreset', 'colorPalette', 'styleCodes', 'styleReferenceImages'],
	encoding: 'fields',
	answer: 'images',
};

export const operation = multipartOperation(meta, spec, [
	...imageSourceProperties('Image'),
	promptProperty({
		description: 'The new background; Ideogram finds the foreground subject and keeps it',
		placeholder: 'A sunlit marble kitchen counter with soft shadows',
		hint: 'Describe only the new background; the subject in front is kept as it is',
	}),
	...optionCollections(spec.options),
]);
