/**
 * A second web server on its own port, standing for a team's dashboard hosted elsewhere (issue 11):
 * its page calls the Crosswalk API from the browser with fetch and a bearer token, and writes the
 * answer (or the browser's refusal) into #result. The token comes in the URL fragment (never sent
 * to this server); the API's URL in the query string.
 */
import http from 'node:http';
import type net from 'node:net';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another origin's dashboard</title></head>
<body><pre id="result">pending</pre>
<script>
(async function () {
  var api = new URLSearchParams(location.search).get('api');
  var token = decodeURIComponent(location.hash.slice(1));
  var out = document.getElementById('result');
  try {
    var response = await fetch(api + '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: '{ viewer { name role } frameworks(first: 1) { totalCount } }' }),
    });
    out.textContent = JSON.stringify({ status: response.status, body: await response.json() });
  } catch (error) {
    out.textContent = JSON.stringify({ refused: error.name + ': ' + error.message });
  }
})();
</script></body></html>`;

export interface SecondOrigin {
  port: number;
  close(): Promise<void>;
}

export async function startSecondOrigin(port: number): Promise<SecondOrigin> {
  const server = http.createServer((req, res) => {
    if (req.url?.split('?')[0] !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
