import type { INodeProperties } from 'n8n-workflow';

import { RESOLUTION_OPTIONS } from '../options/definitions';

import { imageSourceProperties, optionCollections } from './panel';
import { multipartOperation } from './define';
import type { OperationMeta, OperationSpec } from '../catalogue/types';

export const meta: OperationMeta = {
	value: 'reframe',
	name: 'Reframe',
	action: 'Reframe an image',
	description: 'Extend a square image to a new size',
};

export const spec: OperationSpec = {
	path: () => '/v1/ideogram-v3/reframe',
	imageField: 'image',
	prompt: false,
	resolutionParameter: true,
	options: ['numImages', 'seed', 'renderingSpeed', 'stylePreset', 'colorPalette', 'styleCodes', 'styleReferenceImages'],
	encoding: 'fields',
	answer: 'images',
};

const properties: INodeProperties[] = [
	...imageSourceProperties('Image'),
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: RESOLUTION_OPTIONS,
		default: '1312x736',
		required: true,
		description: 'The size to extend the (square) image to; Ideogram fills in the new areas',
	},
	...optionCollections(spec.options),
];

export const operation = multipartOperation(meta, spec, properties);
