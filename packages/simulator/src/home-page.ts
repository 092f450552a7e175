import { videoModels } from './models';
import type { Reply } from './reply';
import { spec } from './spec';

/** The keys of a spec path item that are operations (not `parameters` or `summary`). */
const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** `GET /`: says plainly, to a person who opens the URL, that this is not the real API. */
export function homePage(): Reply {
  const models = videoModels.map((model) => `<li><code>${model.id}</code></li>`).join('\n');
  const routes = Object.entries(spec.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => httpMethods.has(key))
        .map((method) => `<code>${method.toUpperCase()} ${path}</code>`),
    )
    .join(', ');
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
<p>Routes: ${routes}.</p>
<p>Simulated models:</p>
<ul>
${models}
</ul>
</body>
</html>
`,
  };
}
