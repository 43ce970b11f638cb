'use strict';
/**
 * A scripted OpenAI-compatible chat model on a free loopback port, for driving n8n's AI Agent without the
 * internet: point an `openAiApi` credential's Base URL at `url` and the OpenAI Chat Model node at any model name.
 *
 * It plays the simplest agent conversation that uses a tool:
 *   1. a request with no tool result yet → an assistant message with one `tool_calls` entry: the tool whose name
 *      matches `toolName` (a RegExp; else the only tool offered), called with `toolArguments`;
 *   2. a request that carries the tool's result (a `tool` message) → a final assistant message, `finalAnswer(toolResult)`.
 * Streaming requests (`stream: true`) get a 400: n8n's agent streams only to a chat trigger that asks for it.
 *
 * Every request is logged in `requests` ({ method, path, authorization, body, answered }) so tests can read what
 * the agent sent the model (the tools it offered, the tool result it passed back).
 *
 * startMockOpenAi({ toolArguments, toolName?, finalAnswer? }) → { url, requests, completions, close() }
 * `url` ends in /v1, as OpenAI's own Base URL does.
 */
const http = require('http');

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(request) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		request.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function sendJson(response, status, body) {
	const text = JSON.stringify(body);
	response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	response.end(text);
}

/** The assistant message for this request, following the two-step script. */
function assistantMessage(body, { toolArguments, toolName, finalAnswer }, callNumber) {
	const messages = Array.isArray(body.messages) ? body.messages : [];
	const toolResult = messages.filter((message) => message.role === 'tool').pop();
	if (toolResult) {
		const content = typeof toolResult.content === 'string' ? toolResult.content : JSON.stringify(toolResult.content);
		return { message: { role: 'assistant', content: finalAnswer(content) }, finishReason: 'stop' };
	}
	const tools = (Array.isArray(body.tools) ? body.tools : []).map((tool) => tool.function?.name).filter(Boolean);
	const name = toolName ? tools.find((candidate) => toolName.test(candidate)) : tools.length === 1 ? tools[0] : undefined;
	if (!name) {
		return { message: { role: 'assistant', content: `mock-openai: no tool to call among ${JSON.stringify(tools)}` }, finishReason: 'stop' };
	}
	const call = { id: `call_mock_${callNumber}`, type: 'function', function: { name, arguments: JSON.stringify(toolArguments) } };
	return { message: { role: 'assistant', content: null, tool_calls: [call] }, finishReason: 'tool_calls' };
}

function completion(body, message, finishReason, id) {
	return {
		id,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model ?? 'mock',
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

async function startMockOpenAi({ toolArguments, toolName, finalAnswer = (result) => `The tool answered: ${result}` } = {}) {
	const requests = [];
	let calls = 0;
	const server = http.createServer(async (request, response) => {
		const path = new URL(request.url, 'http://mock').pathname;
		const entry = { method: request.method, path, authorization: request.headers.authorization, body: undefined, answered: undefined };
		requests.push(entry);
		try {
			const text = await readBody(request);
			entry.body = text ? JSON.parse(text) : undefined;
		} catch (error) {
			entry.answered = 400;
			sendJson(response, 400, { error: { message: `mock-openai: ${error.message}`, type: 'invalid_request_error' } });
			return;
		}
		if (request.method !== 'POST' || path !== '/v1/chat/completions') {
			entry.answered = 404;
			sendJson(response, 404, { error: { message: `mock-openai: no route ${request.method} ${path}`, type: 'invalid_request_error' } });
			return;
		}
		if (entry.body?.stream) {
			// n8n's agent streams only to a chat trigger that asks for it; the e2e workflows never do.
			entry.answered = 400;
			sendJson(response, 400, { error: { message: 'mock-openai: streaming is not supported', type: 'invalid_request_error' } });
			return;
		}
		calls++;
		const { message, finishReason } = assistantMessage(entry.body ?? {}, { toolArguments, toolName, finalAnswer }, calls);
		entry.answered = 200;
		entry.reply = message;
		sendJson(response, 200, completion(entry.body ?? {}, message, finishReason, `chatcmpl-mock-${calls}`));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		/** The chat completion requests, in the order they arrived. */
		get completions() {
			return requests.filter((r) => r.path === '/v1/chat/completions');
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startMockOpenAi };
