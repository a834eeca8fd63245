// The hub's live view is MJPEG: a multipart/x-mixed-replace body whose parts are JPEG frames, each with its
// Content-Length (see src/Willow.Hub/Camera/LiveViewEndpoints.cs). Read here part by part, so the page knows
// when a frame arrives and when the stream ends.

const crlfcrlf = new Uint8Array([13, 10, 13, 10]);

/** The boundary named by a multipart Content-Type ("multipart/x-mixed-replace; boundary=willow-frame"). */
export function boundaryOf(contentType: string | null): string | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match ? match[1] ?? match[2] : null;
}

/** Splits the bytes of a multipart body, as they arrive in chunks of any size, into the parts' bodies. */
export class MjpegSplitter {
  private buffer: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  private readonly delimiter: Uint8Array;

  constructor(boundary: string) {
    this.delimiter = new TextEncoder().encode(`--${boundary}`);
  }

  push(chunk: Uint8Array): Uint8Array<ArrayBuffer>[] {
    this.buffer = concat(this.buffer, chunk);
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for (;;) {
      const start = indexOf(this.buffer, this.delimiter, 0);
      if (start < 0) {
        // Nothing but (perhaps) the beginning of a delimiter: keep no more than could be one.
        this.buffer = this.buffer.slice(Math.max(0, this.buffer.length - this.delimiter.length));
        break;
      }
      const headersEnd = indexOf(this.buffer, crlfcrlf, start + this.delimiter.length);
      if (headersEnd < 0) break;
      const headers = new TextDecoder().decode(this.buffer.subarray(start + this.delimiter.length, headersEnd));
      const length = /content-length:\s*(\d+)/i.exec(headers)?.[1];
      const bodyStart = headersEnd + crlfcrlf.length;
      let bodyEnd: number;
      let rest: number;
      if (length !== undefined) {
        bodyEnd = bodyStart + Number(length);
        if (this.buffer.length < bodyEnd) break;
        rest = bodyEnd;
      } else {
        // Without a length the part ends where the next delimiter begins, less the line break before it.
        const next = indexOf(this.buffer, this.delimiter, bodyStart);
        if (next < 0) break;
        rest = next;
        bodyEnd = next;
        while (bodyEnd > bodyStart && (this.buffer[bodyEnd - 1] === 10 || this.buffer[bodyEnd - 1] === 13)) bodyEnd--;
      }
      parts.push(this.buffer.slice(bodyStart, bodyEnd));
      this.buffer = this.buffer.slice(rest);
    }
    return parts;
  }
}

/** Every frame of a live view's body until it ends; leaving the loop early cancels the download. */
export async function* mjpegFrames(response: Response): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const boundary = boundaryOf(response.headers.get('Content-Type'));
  if (!boundary || !response.body) throw new Error('The hub did not answer with a live view.');
  const splitter = new MjpegSplitter(boundary);
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield* splitter.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

function concat(a: Uint8Array<ArrayBuffer>, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
