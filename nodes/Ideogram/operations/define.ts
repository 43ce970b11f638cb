// An operation from its catalogue entry: the panel's Model parameter and option collections are derived from
// the endpoints, and every item runs through the one request builder and the one answer reader.

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint, Operation, OperationDefinition } from '../catalogue/types';
import { readsOptions, offersEstimate } from '../engine/endpoint';
import { buildRequest, downloadsResults, itemCall } from '../engine/request';
import { answerToItems } from '../engine/toItems';
import type { OptionName } from '../options/definitions';

import { NODE_VERSIONS, optionCollections, versionsFrom } from './panel';

/**
 * The Model parameter, one per range of node versions with its own default: a saved workflow without `model`
 * keeps the model its version started with (n8n fills in the default of the node's version).
 */
function modelProperties(definition: OperationDefinition): INodeProperties[] {
	if (definition.endpoints.length === 1) return [];
	const options: INodePropertyOptions[] = [...definition.endpoints]
		.reverse()
		.map((endpoint) => ({
			name: endpoint.modelName,
			value: endpoint.model,
			...(endpoint.modelDescription ? { description: endpoint.modelDescription } : {}),
		}));
	const defaults = definition.modelDefaults ?? [
		{ fromVersion: NODE_VERSIONS[0], model: definition.endpoints[0].model },
	];
	return defaults.map(({ fromVersion, model }, index) => ({
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		options,
		default: model,
		description: 'Which Ideogram model runs the operation; each model shows the options it takes',
		displayOptions: {
			show: { '@version': versionsFrom(fromVersion, defaults[index + 1]?.fromVersion) },
		},
	}));
}

/**
 * The operation's option collections, each option shown only for the models that take it (`/model` is the
 * top-level Model parameter). Estimate Cost shows for every model: n8n drops a hidden option's value before the
 * node runs, so an Estimate Cost left on while switching to a model Ideogram does not price would silently become
 * a real, billed render; shown, it reaches the node and is refused before sending.
 */
function optionProperties(definition: OperationDefinition): INodeProperties[] {
	const { endpoints } = definition;
	const names = [...new Set(endpoints.flatMap(readsOptions))];
	const apiOptions: OptionName[] = [
		...names,
		...(offersEstimate(definition) ? (['estimateCost'] as OptionName[]) : []),
	];
	// The spending limit wherever the engine reads it (requestMode): an option the panel does not list is dropped
	// by n8n before the node runs, so a limit set in the JSON alone would silently not apply.
	const extraRequestOptions: OptionName[] = [
		...(offersEstimate(definition) ? (['maxCostUsd', 'whenOverBudget'] as OptionName[]) : []),
		...(endpoints.some((endpoint) => endpoint.answer === 'svgs') ? (['allowActiveSvg'] as OptionName[]) : []),
	];
	const collections = optionCollections(
		apiOptions,
		endpoints.some(downloadsResults),
		extraRequestOptions,
	);
	if (endpoints.length === 1) return collections;
	const modelsTaking = (name: string): string[] | undefined =>
		names.includes(name as OptionName)
			? endpoints
					.filter((endpoint: Endpoint) => readsOptions(endpoint).includes(name as OptionName))
					.map((endpoint) => endpoint.model)
			: undefined;
	return collections.map((collection) => ({
		...collection,
		options: (collection.options as INodeProperties[]).map((option) => {
			const models = modelsTaking(option.name);
			return models && models.length < endpoints.length
				? { ...option, displayOptions: { show: { '/model': models } } }
				: option;
		}),
	}));
}

/** The operation the router runs, from its catalogue entry. */
export function defineOperation(definition: OperationDefinition): Operation {
	const { meta } = definition;
	return {
		meta,
		priced: offersEstimate(definition),
		properties: updateDisplayOptions({ show: { operation: [meta.value] } }, [
			...modelProperties(definition),
			...definition.properties,
			...optionProperties(definition),
		]),
		prepare: async (ctx, itemIndex, settings) =>
			await buildRequest(ctx, itemIndex, definition, settings),
		toItems: async (ctx, itemIndex, settings, answer) =>
			await answerToItems(
				ctx,
				itemIndex,
				meta,
				itemCall(ctx, itemIndex, definition, settings),
				settings,
				answer,
			),
	};
}
