import { videoModels } from './models';
import type { Reply } from './reply';

/** `GET /`: says plainly, to a person who opens the URL, that this is not the real API. */
export function homePage(): Reply {
  const models = videoModels.map((model) => `<li><code>${model.id}</code></li>`).join('\n');
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>lemonvideo SIMULATOR</title></head>
<body>
<h1>lemonvideo SIMULATOR — this is not the real LemonData API</h1>
<p>A local stand-in for development and tests. Nothing here is generated or billed; every
video is the same placeholder clip.</p>
<p>Routes: <code>POST /v1/videos/generations</code>, <code>GET /v1/tasks/{id}</code>,
<code>DELETE /v1/tasks/{id}</code>, <code>GET /v1/models?category=video</code>,
<code>GET /v1/models/{model}</code>.</p>
<p>Simulated models:</p>
<ul>
${models}
</ul>
</body>
</html>
`,
  };
}
