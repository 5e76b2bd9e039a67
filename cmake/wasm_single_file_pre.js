// wasm_single_file_pre.js: --pre-js of the -sSINGLE_FILE build (target pincalc_wasm_single_file).
//
// With SINGLE_FILE, Emscripten 3.1.6 keeps the .wasm as a base64 data: URL in `wasmBinaryFile` and
// hands it to fetch() (getBinaryPromise in src/preamble.js), falling back to decoding it only when
// the fetch fails. Under a host page's CSP without `connect-src data:` that fetch is refused and
// reported as a violation, and it shows up as a request. instantiateWasm, Emscripten's documented
// hook, runs inside the factory after wasmBinaryFile is set: decode the URL there
// (tryParseAsDataURI, base64Utils.js) and instantiate the bytes, so nothing is fetched at all.
// Needs 'wasm-unsafe-eval' in the host's script-src, like any WebAssembly.
Module['instantiateWasm'] = function (imports, receiveInstance) {
  var bytes = tryParseAsDataURI(wasmBinaryFile);
  WebAssembly.instantiate(bytes, imports).then(function (result) {
    receiveInstance(result.instance, result.module);
  }, readyPromiseReject);
  return {};  // exports arrive asynchronously through receiveInstance
};
