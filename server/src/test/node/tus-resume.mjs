// A tus-js-client upload of 3 MiB in 256 KiB chunks that is aborted part-way (as when a tab closes)
// and resumed by a new Upload from its URL: the server answers HEAD with the stored offset and the
// client sends only the rest. Arguments: url, access token.
import { createHash } from "node:crypto";
import * as tus from "tus-js-client";
import { deadline, run } from "../../../../socketio/src/test/node/lib.mjs";

const [url, token] = process.argv.slice(2);
deadline(60_000);

const size = 3 * 1024 * 1024;
const data = Buffer.alloc(size);
for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 11)) & 0xff;

function options(extra) {
  return {
    endpoint: `${url}/api/uploads`,
    headers: { Authorization: `Bearer ${token}` },
    metadata: { filename: "résumé.bin", filetype: "application/octet-stream" },
    chunkSize: 256 * 1024,
    retryDelays: [],
    storeFingerprintForResuming: false,
    ...extra,
  };
}

run(async () => {
  const uploadUrl = await new Promise((resolve, reject) => {
    const first = new tus.Upload(data, options({
      onError: reject,
      onChunkComplete: (_chunk, sent) => {
        if (sent >= size / 3) first.abort().then(() => resolve(first.url), reject);
      },
    }));
    first.start();
  });

  const offsets = [];
  await new Promise((resolve, reject) => {
    const second = new tus.Upload(data, options({
      uploadUrl,
      onError: reject,
      onSuccess: resolve,
      onAfterResponse: (req, res) => {
        if (req.getMethod() === "HEAD") offsets.push(Number(res.getHeader("Upload-Offset")));
      },
    }));
    second.start();
  });

  return {
    uploadUrl,
    resumedFrom: offsets[0],
    size,
    sha1: createHash("sha1").update(data).digest("hex"),
  };
});
