// The models endpoints run, as the panel names them, and what decides Edit's v1 path. Model names are data: an
// endpoint's path says which API version serves it, not its model.

import type { OptionName } from '../options/definitions';

import type { Endpoint, ModelDefault } from './types';
import { InputError } from '../options/validators';

type ModelOf = Pick<Endpoint, 'model' | 'modelName' | 'modelDescription'>;

export const IDEOGRAM_3: ModelOf = {
	model: 'ideogram-3',
	modelName: 'Ideogram 3.0',
	modelDescription: 'The v1 paths: the official API and every gateway',
};

export const IDEOGRAM_4: ModelOf = {
	model: 'ideogram-4',
	modelName: 'Ideogram 4.0',
	modelDescription: 'The v2 paths (/v2/image/…): the official API',
};

export const IDEOGRAM_4_5: ModelOf = {
	model: 'ideogram-4-5',
	modelName: 'Ideogram 4.5',
	modelDescription: 'The newest model, on the v2 paths (/v2/image/…): the official API',
};

/** The style fields of Ideogram 3.0's image endpoints, sent after the operation's own. */
export const IDEOGRAM_3_STYLE_FIELDS: OptionName[] = ['styleType', 'stylePreset', 'customModelUri', 'colorPalette', 'styleCodes'];

/** Generate, Edit and Remix: Ideogram 3.0 for nodes saved before models existed, 4.5 from node version 1.1. */
export const NEWEST_FROM_VERSION_1_1: ModelDefault[] = [
	{ fromVersion: 1, model: IDEOGRAM_3.model },
	{ fromVersion: 1.1, model: IDEOGRAM_4_5.model },
];

export type EditEndpointChoice = 'auto' | 'edit' | 'inpaint';

/**
 * Whether the Base URL is Ideogram's own API, by its host name alone (any path, any port). Gateways serve the v1
 * paths under other hosts.
 */
export function isOfficialApi(baseUrl: string): boolean {
	try {
		return new URL(baseUrl).hostname.toLowerCase().replace(/\.$/, '') === 'api.ideogram.ai';
	} catch {
		return false;
	}
}

/**
 * The `editEndpoint` option's value when the node's JSON has none: `edit` for version 1 (what every saved
 * workflow sends today), `auto` for version 1.1.
 */
export function editEndpointChoice(value: unknown, nodeVersion: number): EditEndpointChoice {
	if (value === 'auto' || value === 'edit' || value === 'inpaint') return value;
	if (value === undefined || value === null || value === '')
		return nodeVersion >= 1.1 ? 'auto' : 'edit';
	throw new InputError(
		'Edit Endpoint',
		`${JSON.stringify(value)} is not one of auto, edit, inpaint`,
	);
}

/**
 * Edit with Ideogram 3.0: `auto` picks `inpaint` (the official successor of the deprecated `/edit`) on
 * api.ideogram.ai and `edit` everywhere else, since gateways serve only `edit`.
 */
export function editEndpointFor(
	choice: EditEndpointChoice,
	baseUrl: string | undefined,
): 'edit' | 'inpaint' {
	if (choice !== 'auto') return choice;
	// An empty Base URL is the official API, as the transport reads it.
	return isOfficialApi(baseUrl?.trim() || 'https://api.ideogram.ai') ? 'inpaint' : 'edit';
}
