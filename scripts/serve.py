#!/usr/bin/env python3
"""serve.py serves the built pincalc site (build/wasm/web by default) on 127.0.0.1 only.

It is a plain static server with three things the page relies on: the application/wasm MIME type
(WebAssembly.instantiateStreaming refuses anything else), text/javascript for .mjs, and the page's
Content-Security-Policy repeated as a header (the header can also carry frame-ancestors, which a
<meta> CSP cannot). Usage:

    scripts/serve.py [--dir DIR] [--port 8000] [--quiet]

With --port 0 it picks a free port; the first line it prints is always "serving <url>".
"""

import argparse
import functools
import http.server
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# CSP mirrors the <meta> in web/index.html: nothing from any other origin, no inline script or
# style, WebAssembly compilation allowed ('wasm-unsafe-eval') but no eval().
CSP = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'none'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".svg": "image/svg+xml",
        ".txt": "text/plain; charset=utf-8",
    }
    quiet = False

    def end_headers(self):
        # embed.html is made to be framed by wikis and docs sites (issue: embedding), so it alone
        # may be framed by any origin; everything else refuses to be framed.
        embed = self.path.split("?", 1)[0].split("#", 1)[0].endswith("/embed.html")
        self.send_header("Content-Security-Policy",
                         CSP.replace("frame-ancestors 'none'", "frame-ancestors *") if embed else CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        if not embed:
            self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        # A rebuilt .wasm must show up on reload; the files are small and local.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)


def main():
    parser = argparse.ArgumentParser(description="Serve the pincalc page on 127.0.0.1.")
    parser.add_argument("--dir", default=os.path.join(REPO, "build", "wasm", "web"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args()

    if not os.path.isfile(os.path.join(args.dir, "pincalc_core.wasm")):
        sys.exit(f"serve.py: {args.dir} has no pincalc_core.wasm; run `make wasm` first")
    Handler.quiet = args.quiet
    handler = functools.partial(Handler, directory=args.dir)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as httpd:
        print(f"serving http://127.0.0.1:{httpd.server_address[1]}/ from {args.dir}", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
