import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { NodeSettings, OptionName } from '../options/definitions';
import type { ApiAnswer, ApiRequest, RunningRender } from '../transport';

/** How an operation appears in the operation selector and the node's subtitle. */
export interface OperationMeta {
	/** The `operation` parameter's value: a public contract of workflow JSON. */
	value: string;
	name: string;
	action: string;
	description: string;
}

/** What distinguishes one endpoint from another, as data: the shared steps read it. */
export interface OperationSpec {
	path: (settings: NodeSettings) => string;
	/** Multipart name of the input image; none for text-to-image. */
	imageField?: 'image' | 'image_file';
	/** Largest input image the endpoint takes, when it is not the API's usual 10 MB. */
	maxImageBytes?: number;
	mask?: boolean;
	/** Whether the top-level Prompt parameter is sent (and required). */
	prompt: boolean;
	/** Reframe's required top-level Resolution parameter. */
	resolutionParameter?: boolean;
	/** The options the endpoint accepts, in the order they are sent. */
	options: OptionName[];
	/**
	 * How the options travel: as multipart fields of their own, or (Upscale's legacy endpoint) folded into
	 * one JSON part named `image_request`.
	 */
	encoding: 'fields' | 'imageRequest';
	/**
	 * What a successful answer holds: images (`data[]`), descriptions, or Layerize Text's layers (text blocks,
	 * a text-free base image and the original).
	 */
	answer: 'images' | 'descriptions' | 'layers';
}

/** One item's request, ready to send, and how many places it takes in the image window. */
export interface PreparedRequest extends ApiRequest {
	images: number;
	/**
	 * Which answers that stand for a render still running are waited for before the places go back
	 * (a gateway task, a pending generation): every kind unless the operation says otherwise.
	 */
	waitFor?: RunningRender[];
}

export interface Operation {
	meta: OperationMeta;
	properties: INodeProperties[];
	/** Reads and checks the item's input and encodes its request; nothing is sent. */
	prepare(ctx: IExecuteFunctions, itemIndex: number, settings: NodeSettings): Promise<PreparedRequest>;
	/** Turns the API's answer into output items (downloading result images). */
	toItems(ctx: IExecuteFunctions, itemIndex: number, settings: NodeSettings, answer: ApiAnswer): Promise<INodeExecutionData[]>;
}
