// worker.js: runs the core off the main thread for big inputs, so the page stays responsive while a
// 5 MB bundle is analysed. The page starts it at load time: the module is fetched and compiled then,
// and nothing is requested later.
//
// Messages in:  { id, call: 'analyze' | 'snippets', sources: [{ name, bytes }], options }
//               (bytes are transferred; call defaults to 'analyze')
// Messages out: { type: 'ready' } once, then { type: 'result', id, json, ms } or
//               { type: 'error', id, message }
import { analyzeJson, loadPincalc, snippetsJson } from './pincalc.js';

const calls = { analyze: analyzeJson, snippets: snippetsJson };

loadPincalc().then(
  () => postMessage({ type: 'ready' }),
  (e) => postMessage({ type: 'error', id: null, message: String(e?.message ?? e) }),
);

onmessage = async (event) => {
  const { id, call = 'analyze', sources, options } = event.data;
  const started = performance.now();
  try {
    if (!Object.hasOwn(calls, call)) throw new Error(`unknown call ${call}`);
    const json = await calls[call](sources, options);
    postMessage({ type: 'result', id, json, ms: performance.now() - started });
  } catch (e) {
    postMessage({ type: 'error', id, message: String(e?.message ?? e) });
  }
};
