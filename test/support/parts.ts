import type { MultipartPart } from '../../nodes/Ideogram/media/multipart';
import { InputError } from '../../nodes/Ideogram/options/validators';

/** Text parts as [field, value] pairs, in order. */
export function fields(parts: MultipartPart[]): Array<[string, string]> {
	return parts.map((part) => [part.field, part.value as string]);
}

/** The InputError an action throws before anything is sent; fails the test if it throws none or another error. */
export function errorOf(action: () => unknown): InputError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error('expected an InputError');
}

/** The error a run ends with; fails the test if it ends without one. */
export async function failureOf(run: () => Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await run();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the execution to fail');
}
