import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class IdeogramApi implements ICredentialType {
	name = 'ideogramApi';

	displayName = 'Ideogram API';

	icon = { light: 'file:ideogram.svg', dark: 'file:ideogram.dark.svg' } as const;

	// No #fragment: n8n appends its own query string to this address, which would land inside a fragment.
	documentationUrl = 'https://github.com/n8n-nodes-ideogram/n8n-nodes-ideogram/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your key from ideogram.ai/manage-api, or the key your gateway issued',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.ideogram.ai',
			placeholder: 'https://api.cometapi.com/ideogram',
			description:
				'Use https://api.ideogram.ai for the official API. For a gateway that resells Ideogram, enter its address including its path prefix (for example https://api.cometapi.com/ideogram).',
		},
		{
			displayName: 'Send Key As',
			name: 'authHeader',
			type: 'options',
			options: [
				{
					name: 'Api-Key Header (Official API)',
					value: 'apiKey',
				},
				{
					name: 'Authorization: Bearer (Most Gateways)',
					value: 'bearer',
				},
			],
			default: 'apiKey',
			description: 'How the key travels: the official API reads the Api-Key header, most gateways read Authorization: Bearer',
		},
		{
			displayName: 'Task Status URL',
			name: 'taskStatusUrl',
			type: 'string',
			default: '',
			placeholder: '/v1/tasks/{task_id}',
			description:
				'Only for gateways that answer with a task ID instead of images: the address that reports a task\'s status, absolute or relative to the Base URL, with {task_id} where the ID goes. Leave empty for the official API.',
		},
	];

	// Adds to the request's headers instead of replacing them: the multipart boundary header must survive.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = String(credentials.apiKey ?? '');
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			...(credentials.authHeader === 'bearer'
				? { Authorization: `Bearer ${apiKey}` }
				: { 'Api-Key': apiKey }),
		};
		return requestOptions;
	}

	// An empty generate request: a wrong key is refused with 401/403 before the body is read, a right key
	// gets a validation error (400/422) for the missing prompt. Nothing is generated, nothing is billed,
	// and gateways serve this path too. Only 401 and 403 count as failures.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl || "https://api.ideogram.ai").replace(/\\/+$/, "")}}',
			url: '/v1/ideogram-v3/generate',
			method: 'POST',
			body: {},
			json: true,
			// The key goes to the Base URL and nowhere else: a redirect is reported, not followed (n8n would
			// otherwise send the key headers on to wherever it points).
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			ignoreHttpStatusErrors: { ignore: true, except: [301, 302, 303, 307, 308, 401, 403] },
		},
		rules: [
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The Base URL answered with a redirect (HTTP ${value}); the key was not sent on. Point the Base URL straight at the API (for a gateway, its full address with any path prefix).`,
				},
			})),
			{
				type: 'responseCode',
				properties: { value: 401, message: 'The API key was refused (HTTP 401). Check the key, and the "Send Key As" choice for gateways.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The API key was refused (HTTP 403). Check the key, and the "Send Key As" choice for gateways.' },
			},
		],
	};
}
