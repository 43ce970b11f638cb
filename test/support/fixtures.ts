import { startSandbox } from '../../sandbox/server';
import { createHarness, type HarnessOptions, type InputFile } from './harness';
// The sandbox's own image encoder (an implementation independent of the node's header reader):
// real PNGs, and JPEG/WebP headers that carry a size.
import { makeJpegHeader, makePng, makeWebp, readImageInfo as readSandboxImageInfo } from '../../sandbox/png';

export { makeJpegHeader, makePng, makeWebp, readSandboxImageInfo };

export function pngFile(width: number, height: number, fileName = 'photo.png'): InputFile {
	return { data: makePng(width, height, [200, 40, 40]), mimeType: 'image/png', fileName };
}

export function maskFile(width: number, height: number): InputFile {
	return { data: makePng(width, height, [0, 0, 0]), mimeType: 'image/png', fileName: 'mask.png' };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/**
 * One sandbox for a test file, with a fresh request log for each test. The returned object stands for the
 * sandbox once `beforeAll` has started it.
 */
export function useSandbox(apiKey: string, options: { inflightLimit?: number; latencyMs?: number } = {}): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startSandbox({ apiKey, ...options });
	});
	afterAll(async () => {
		await current?.close();
	});
	beforeEach(() => current?.reset());
	return new Proxy({} as Sandbox, { get: (_target, property) => current![property as keyof Sandbox] });
}

/**
 * A harness whose credential points at the sandbox's official paths with the Api-Key header. The sandbox
 * serves images on its own port, which the Base URL does not vouch for: Private Hosts Allowed names it,
 * as a workflow against the sandbox must.
 */
export function sandboxHarness(sandbox: Sandbox, apiKey: string) {
	return (options: Partial<HarnessOptions> & { parameters: Record<string, unknown> }) =>
		createHarness({ credentials: { apiKey, baseUrl: sandbox.apiUrl, authHeader: 'apiKey' }, ...options, parameters: withSandboxImages(sandbox, options.parameters) });
}

/**
 * The parameters with the sandbox's image host in Private Hosts Allowed (a Request Option); the same
 * object, changed (tests set parameters after the harness is made).
 */
export function withSandboxImages(sandbox: Pick<Sandbox, 'imageUrl'>, parameters: Record<string, unknown>): Record<string, unknown> {
	// The sandbox's image host redirects some links to localhost on the same port.
	const images = `${new URL(sandbox.imageUrl).host}, localhost:${new URL(sandbox.imageUrl).port}`;
	parameters.requestOptions = { ...(parameters.requestOptions as Record<string, unknown> | undefined), privateHostsAllowed: images };
	return parameters;
}
