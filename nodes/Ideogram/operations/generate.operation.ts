import { promptProperty } from './panel';
import { modelOperation } from './models';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'generate',
	name: 'Generate',
	action: 'Generate an image',
	description: 'Create images from a prompt',
};

export const spec: OperationSpec = {
	path: () => '/v1/ideogram-v3/generate',
	prompt: true,
	options: [
		'aspectRatio', 'resolution', 'magicPrompt', 'negativePrompt', 'numImages', 'seed', 'renderingSpeed', 'styleType',
		'stylePreset', 'customModelUri', 'colorPalette', 'styleCodes', 'styleReferenceImages', 'characterReferenceImages',
		'characterReferenceImageMasks',
	],
	encoding: 'fields',
	answer: 'images',
};

/** The spec of Ideogram 3.0's generate; Model picks 4.5's v2 request instead (actions/models.ts). */
export const operation = modelOperation(meta, 'generate', spec, [
	promptProperty({
		description: 'What the image should show',
		placeholder: 'A red vintage car parked on a sunny street, poster with the title "Road Trip"',
		hint: 'Describe the whole picture; put any words the image should contain in quotes',
	}),
]);
