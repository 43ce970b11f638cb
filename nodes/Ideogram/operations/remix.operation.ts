import { imageSourceProperties, promptProperty } from './panel';
import { modelOperation } from './models';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'remix',
	name: 'Remix',
	action: 'Remix an image',
	description: 'Make new images guided by an image and a prompt',
};

export const spec: OperationSpec = {
	path: () => '/v1/ideogram-v3/remix',
	imageField: 'image',
	prompt: true,
	options: [
		'imageWeight', 'aspectRatio', 'resolution', 'magicPrompt', 'negativePrompt', 'numImages', 'seed', 'renderingSpeed',
		'styleType', 'stylePreset', 'customModelUri', 'colorPalette', 'styleCodes', 'styleReferenceImages',
		'characterReferenceImages', 'characterReferenceImageMasks',
	],
	encoding: 'fields',
	answer: 'images',
};

/** The spec of Ideogram 3.0's remix; Model picks 4.0's or 4.5's v2 request instead (actions/models.ts). */
export const operation = modelOperation(meta, 'remix', spec, [
	...imageSourceProperties('Image'),
	promptProperty({
		description: 'What the remixed image should show; the input image guides composition and colors',
		placeholder: 'The same scene as a loose watercolor painting',
		hint: 'Describe the whole result; Image Weight (in Options) sets how closely it follows the input',
	}),
]);
