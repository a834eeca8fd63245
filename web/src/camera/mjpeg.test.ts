import { boundaryOf, mjpegFrames, MjpegSplitter } from './mjpeg';

const text = new TextEncoder();

/** A body as the hub writes it (LiveViewEndpoints): each part with its Content-Length. */
function multipart(frames: Uint8Array[], boundary = 'willow-frame', withLength = true): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (const frame of frames) {
    pieces.push(text.encode(`--${boundary}\r\nContent-Type: image/jpeg\r\n${withLength ? `Content-Length: ${frame.length}\r\n` : ''}\r\n`), frame, text.encode('\r\n'));
  }
  if (!withLength) pieces.push(text.encode(`--${boundary}--\r\n`));
  const all = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    all.set(piece, at);
    at += piece.length;
  }
  return all;
}

/** A JPEG's shape: start marker, some bytes, end marker. */
const jpeg = (fill: number, length = 300) => Uint8Array.from({ length }, (_, i) => (i === 0 ? 0xff : i === 1 ? 0xd8 : i === length - 2 ? 0xff : i === length - 1 ? 0xd9 : fill));

describe('boundaryOf', () => {
  it.each([
    ['multipart/x-mixed-replace; boundary=willow-frame', 'willow-frame'],
    ['multipart/x-mixed-replace;boundary="with space"', 'with space'],
    ['application/problem+json', null],
    [null, null],
  ])('reads %s', (header, boundary) => expect(boundaryOf(header)).toBe(boundary));
});

describe('MjpegSplitter', () => {
  it('gives each frame whole however the bytes are cut into chunks', () => {
    const frames = [jpeg(1), jpeg(2, 1000), jpeg(3, 20)];
    const body = multipart(frames);
    for (const size of [1, 7, 64, 333, body.length]) {
      const splitter = new MjpegSplitter('willow-frame');
      const out: Uint8Array[] = [];
      for (let i = 0; i < body.length; i += size) out.push(...splitter.push(body.subarray(i, i + size)));
      expect(out).toEqual(frames);
    }
  });

  it('trusts the length over bytes inside a frame that look like the boundary', () => {
    const tricky = new Uint8Array([0xff, 0xd8, ...text.encode('\r\n--willow-frame\r\n\r\n'), 0xff, 0xd9]);
    expect(new MjpegSplitter('willow-frame').push(multipart([tricky, jpeg(5)]))).toEqual([tricky, jpeg(5)]);
  });

  it('splits parts without a length at the next boundary', () => {
    const frames = [jpeg(7), jpeg(8)];
    expect(new MjpegSplitter('b').push(multipart(frames, 'b', false))).toEqual(frames);
  });
});

describe('mjpegFrames', () => {
  it('yields the frames of a streamed answer and ends when the stream does', async () => {
    const body = multipart([jpeg(1), jpeg(2)]);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body.subarray(0, 100));
        controller.enqueue(body.subarray(100));
        controller.close();
      },
    });
    const response = new Response(stream, { headers: { 'Content-Type': 'multipart/x-mixed-replace; boundary=willow-frame' } });
    const frames: Uint8Array[] = [];
    for await (const frame of mjpegFrames(response)) frames.push(frame);
    expect(frames).toEqual([jpeg(1), jpeg(2)]);
  });

  it('refuses an answer that is not a live view', async () => {
    const response = new Response('{}', { headers: { 'Content-Type': 'application/json' } });
    await expect(mjpegFrames(response).next()).rejects.toThrow('did not answer with a live view');
  });
});
