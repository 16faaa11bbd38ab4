// Figures as the ledger sends them (exact decimal strings), grouped for reading; never through floating point.
const fmt = {
  amount(text) {
    if (text === null || text === undefined || text === '') return '';
    const s = String(text);
    const negative = s.startsWith('-');
    const [whole, fraction] = (negative ? s.slice(1) : s).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (negative ? '−' : '') + grouped + (fraction !== undefined ? '.' + fraction : '');
  },
  time(text) { return text ? String(text).replace('T', ' ').replace(/(\.\d+)?Z$/, 'Z') : ''; },
  esc(text) {
    return String(text ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  },
  // Only for drawing: a chart's pixel position needs a number, a figure shown never does.
  plot(text) { return Number(text); }
};
