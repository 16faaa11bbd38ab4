// Small SVG charts drawn here, so the console needs nothing from the network but the ledger.
const charts = {
  colors: ['#2f5bd3', '#d97706', '#067647', '#b42318', '#7a5af8', '#0e9384'],

  // series: [{name, points: [[x (number), y (number)], …]}]; labels: x → text
  lines(series, xLabel) {
    const width = 760, height = 240, pad = 48;
    const all = series.flatMap(s => s.points);
    if (all.length === 0) return '<p class="muted">Nothing to draw.</p>';
    const [x0, x1] = [Math.min(...all.map(p => p[0])), Math.max(...all.map(p => p[0]))];
    const [y0, y1] = [Math.min(0, ...all.map(p => p[1])), Math.max(...all.map(p => p[1]))];
    const sx = x => pad + (x1 === x0 ? 0 : (x - x0) / (x1 - x0)) * (width - 2 * pad);
    const sy = y => height - pad + (y1 === y0 ? 0 : -(y - y0) / (y1 - y0) * (height - 2 * pad));
    const paths = series.map((s, i) => `<polyline fill="none" stroke="${this.colors[i]}" stroke-width="2" points="${
      s.points.map(p => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(' ')}"/>`).join('');
    const axes = `<line x1="${pad}" y1="${sy(y0)}" x2="${width - pad}" y2="${sy(y0)}" stroke="#ccc"/>` +
      `<text x="${pad}" y="${height - pad + 16}">${fmt.esc(xLabel(x0))}</text>` +
      `<text x="${width - pad}" y="${height - pad + 16}" text-anchor="end">${fmt.esc(xLabel(x1))}</text>` +
      `<text x="${pad - 6}" y="${sy(y1) + 4}" text-anchor="end">${fmt.amount(y1.toFixed(0))}</text>` +
      `<text x="${pad - 6}" y="${sy(y0) + 4}" text-anchor="end">${fmt.amount(y0.toFixed(0))}</text>`;
    return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img">${axes}${paths}</svg>` + this.legend(series);
  },

  // groups: [{label, values: [number per series]}]
  bars(seriesNames, groups) {
    const width = 760, height = 240, pad = 48;
    if (groups.length === 0) return '<p class="muted">Nothing to draw.</p>';
    const max = Math.max(1, ...groups.flatMap(g => g.values.map(Math.abs)));
    const slot = (width - 2 * pad) / groups.length, bar = slot / (seriesNames.length + 1);
    const rects = groups.map((g, gi) => g.values.map((v, si) => {
      const h = Math.abs(v) / max * (height - 2 * pad);
      return `<rect x="${(pad + gi * slot + si * bar).toFixed(1)}" y="${(height - pad - h).toFixed(1)}" width="${bar.toFixed(1)}"` +
        ` height="${h.toFixed(1)}" fill="${this.colors[si]}"><title>${fmt.esc(g.label)} ${fmt.esc(seriesNames[si])}: ${v}</title></rect>`;
    }).join('') + `<text x="${(pad + gi * slot).toFixed(1)}" y="${height - pad + 16}">${fmt.esc(g.label)}</text>`).join('');
    return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img">${rects}</svg>` +
      this.legend(seriesNames.map(name => ({name})));
  },

  legend(series) {
    return '<div class="legend">' + series.map((s, i) =>
      `<span><span class="swatch" style="background:${this.colors[i]}"></span>${fmt.esc(s.name)}</span>`).join('') + '</div>';
  }
};
