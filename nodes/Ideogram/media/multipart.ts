import { randomBytes } from 'crypto';

export interface MultipartFile {
	filename: string;
	contentType: string;
	data: Buffer;
}

/** One part of a multipart/form-data body. Repeating a name sends an array, as the Ideogram API expects. */
export interface MultipartPart {
	field: string;
	value: string | MultipartFile;
	/** For text parts that carry JSON (color_palette, image_request). */
	contentType?: string;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

const CRLF = '\r\n';

// The HTML standard's escaping for names and file names inside the Content-Disposition header.
function quote(value: string): string {
	return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

export function encodeMultipart(parts: MultipartPart[], boundary = `----n8nIdeogram${randomBytes(12).toString('hex')}`): MultipartBody {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}${CRLF}Content-Disposition: form-data; name="${quote(part.field)}"`;
		let data: Buffer;
		if (typeof part.value === 'string') {
			head += CRLF;
			if (part.contentType) head += `Content-Type: ${part.contentType}${CRLF}`;
			data = Buffer.from(part.value, 'utf8');
		} else {
			head += `; filename="${quote(part.value.filename)}"${CRLF}Content-Type: ${part.value.contentType}${CRLF}`;
			data = part.value.data;
		}
		chunks.push(Buffer.from(head + CRLF, 'utf8'), data, Buffer.from(CRLF, 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--${CRLF}`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
