// host.js: the host page's own script. It reacts to the calculators' pincalc-result events (they
// bubble out of the shadow roots) by counting the pins computed on the page.
const counts = new Map();
document.addEventListener('pincalc-result', (e) => {
  counts.set(e.target.id, e.detail.pins.length);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  document.getElementById('pin-count').textContent = `Pins computed on this page: ${total}.`;
});
